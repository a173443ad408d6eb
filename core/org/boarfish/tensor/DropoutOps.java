package org.boarfish.tensor;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: each element is kept with probability 1−p and scaled by 1/(1−p), so the
 * expected value is unchanged and evaluation needs no rescaling. Each call takes one 64-bit draw
 * from the given {@link Generator} to seed a fast local stream for the mask, so the mask is fixed
 * by the generator's seed and its position in the sequence.
 */
final class DropoutOps {
  /** Elements are processed this many at a time through heap buffers. */
  private static final int CHUNK = 1 << 14;

  private DropoutOps() {}

  static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("dropout: probability p must be in [0, 1], got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    NormOps.checkFloat("dropout", x);
    INDArray xa = NormOps.dense(x.data());
    long[] shape = xa.shape();
    if (p == 1) {
      INDArray zeros = Kernels.empty(xa.dataType(), shape).assign(0);
      return Tensor.make(
          zeros, "dropout", g -> new INDArray[] {Kernels.empty(xa.dataType(), shape).assign(0)}, x);
    }
    if (gen == null) {
      throw new IllegalArgumentException("dropout: generator must not be null");
    }
    double scale = 1 / (1 - p);
    int n = Math.toIntExact(xa.length());
    INDArray mask = Kernels.empty(xa.dataType(), shape);
    INDArray out = Kernels.empty(xa.dataType(), shape);
    NormOps.Buf xb = NormOps.Buf.of(xa);
    NormOps.Buf mb = NormOps.Buf.of(mask);
    NormOps.Buf ob = NormOps.Buf.of(out);
    // element i is dropped when its 32-bit draw u < p·2³²: two elements per 64-bit draw,
    // branch-free
    long threshold = (long) Math.ceil(p * 4294967296.0);
    SplittableRandom random = new SplittableRandom(gen.nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
    double[] v = new double[Math.min(CHUNK, n)];
    double[] m = new double[v.length];
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(CHUNK, n - start);
      xb.read(start, v, 0, len);
      for (int i = 0; i < len; i += 2) {
        long bits = random.nextLong();
        m[i] = scale * (((bits >>> 32) - threshold) >>> 63 ^ 1);
        if (i + 1 < len) {
          m[i + 1] = scale * (((bits & 0xffffffffL) - threshold) >>> 63 ^ 1);
        }
      }
      for (int i = 0; i < len; i++) {
        v[i] *= m[i];
      }
      mb.write(start, m, 0, len);
      ob.write(start, v, 0, len);
    }
    // dx = g·mask·1/(1−p): the scale is folded into the mask
    return Tensor.make(out, "dropout", g -> new INDArray[] {Kernels.mul(g.out(), mask)}, x);
  }
}
