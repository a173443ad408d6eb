package org.boarfish.collab;

import java.nio.FloatBuffer;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Grads;
import org.boarfish.tensor.Kernels;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link EmbeddingDotBias}'s forward as one op over float32 tables: per row {@code res = Σ_f
 * U[u,f]·I[i,f] + ub[u] + ib[i]}, then the sigmoid range. The backward adds each row's gradient
 * into the four tables' stored gradients directly (only the B looked-up rows are touched). It
 * replaces some twenty small ND4J calls, each costing more than the arithmetic, and computes the
 * same values as the unfused ops (checked against PyTorch in the tests).
 */
final class DotBiasOp {
  private DotBiasOp() {}

  /** Whether the fused op applies: float32, dense row-major tables. */
  static boolean applies(Tensor... tables) {
    for (Tensor t : tables) {
      if (t.dtype() != DType.FLOAT32 || !dense(t.data())) {
        return false;
      }
    }
    return true;
  }

  private static boolean dense(INDArray a) {
    return a.ordering() == 'c' && a.offset() == 0 && a.length() == a.data().length();
  }

  static Tensor apply(Tensor x, Tensor uw, Tensor iw, Tensor ub, Tensor ib, YRange yRange) {
    long[] idx = x.toLongArray();
    int b = idx.length / 2;
    int nu = (int) uw.size(0);
    int ni = (int) iw.size(0);
    int d = (int) uw.size(1);
    int[] us = new int[b];
    int[] is = new int[b];
    for (int k = 0; k < b; k++) {
      us[k] = row(idx[2 * k], nu, "user", k);
      is[k] = row(idx[2 * k + 1], ni, "item", k);
    }
    FloatBuffer u = buf(uw.data());
    FloatBuffer it = buf(iw.data());
    FloatBuffer ubv = buf(ub.data());
    FloatBuffer ibv = buf(ib.data());
    float[] pred = new float[b];
    float[] s = new float[b];
    double lo = yRange == null ? 0 : yRange.low();
    double span = yRange == null ? 1 : yRange.high() - yRange.low();
    for (int k = 0; k < b; k++) {
      int ou = us[k] * d;
      int oi = is[k] * d;
      float dot = 0;
      for (int f = 0; f < d; f++) {
        dot += u.get(ou + f) * it.get(oi + f);
      }
      float res = dot + ubv.get(us[k]) + ibv.get(is[k]);
      if (yRange == null) {
        pred[k] = res;
      } else {
        float sg = (float) (1 / (1 + Math.exp(-res)));
        s[k] = sg;
        pred[k] = (float) (sg * span + lo);
      }
    }
    INDArray out = Kernels.empty(DataType.FLOAT, b);
    buf(out).put(pred);
    return Tensor.make(
        out,
        "embedding_dot_bias",
        g -> {
          float[] go = new float[b];
          buf(Kernels.contiguous(g.out())).get(go);
          float[] dres = new float[b];
          for (int k = 0; k < b; k++) {
            dres[k] = yRange == null ? go[k] : (float) (go[k] * span * s[k] * (1 - s[k]));
          }
          INDArray[] grads = new INDArray[5];
          if (g.needs(1)) {
            grads[1] = accumulate(g, 1, uw, dst -> rows(dst, us, is, dres, it, d));
          }
          if (g.needs(2)) {
            grads[2] = accumulate(g, 2, iw, dst -> rows(dst, is, us, dres, u, d));
          }
          if (g.needs(3)) {
            grads[3] = accumulate(g, 3, ub, dst -> biases(dst, us, dres));
          }
          if (g.needs(4)) {
            grads[4] = accumulate(g, 4, ib, dst -> biases(dst, is, dres));
          }
          return grads;
        },
        x,
        uw,
        iw,
        ub,
        ib);
  }

  /** Adds into the leaf's stored gradient when allowed, else into a new zeroed table. */
  private static INDArray accumulate(
      Grads g, int i, Tensor table, java.util.function.Consumer<FloatBuffer> adder) {
    INDArray dest = g.leafGrad(i);
    if (dest != null) {
      adder.accept(buf(dest));
      return Grads.ACCUMULATED;
    }
    INDArray fresh = Kernels.empty(DataType.FLOAT, table.shape()).assign(0);
    adder.accept(buf(fresh));
    return fresh;
  }

  /** dst[own[k]] += dres[k] · other[oth[k]] for each row k. */
  private static void rows(
      FloatBuffer dst, int[] own, int[] oth, float[] dres, FloatBuffer other, int d) {
    for (int k = 0; k < own.length; k++) {
      int od = own[k] * d;
      int oo = oth[k] * d;
      float gk = dres[k];
      for (int f = 0; f < d; f++) {
        dst.put(od + f, dst.get(od + f) + gk * other.get(oo + f));
      }
    }
  }

  private static void biases(FloatBuffer dst, int[] own, float[] dres) {
    for (int k = 0; k < own.length; k++) {
      dst.put(own[k], dst.get(own[k]) + dres[k]);
    }
  }

  private static int row(long v, int n, String what, int k) {
    if (v < 0 || v >= n) {
      throw new IllegalArgumentException(
          "EmbeddingDotBias: "
              + what
              + " index "
              + v
              + " in row "
              + k
              + " is out of range for a table of "
              + n
              + " rows (valid: 0.."
              + (n - 1)
              + ")");
    }
    return (int) v;
  }

  private static FloatBuffer buf(INDArray a) {
    FloatBuffer fb = a.data().asNioFloat();
    fb.position((int) a.offset());
    return fb.slice();
  }
}
