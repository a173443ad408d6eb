package org.boarfish.tensor;

import static org.boarfish.tensor.ConvOps.exec;
import static org.boarfish.tensor.ConvOps.pair;
import static org.boarfish.tensor.ConvOps.str;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pooling with PyTorch semantics on libnd4j's {@code maxpool2d} / {@code avgpool2d} kernels and
 * their {@code _bp}.
 *
 * <p>libnd4j pads symmetrically and rounds output sizes down. When PyTorch's {@code ceil_mode} adds
 * a last window that runs past the padded input, the input is padded explicitly (with −∞ for max,
 * zeros for average) and the average's divisors, which PyTorch clips at the padded border, are
 * applied as a per-position factor. Adaptive pooling is a plain reduction for 1×1, regular pooling
 * when the sizes divide, and a direct loop otherwise.
 */
final class PoolOps {
  private PoolOps() {}

  // ---------------------------------------------------------------- max pooling

  static Tensor maxPool2d(
      Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    final String op = "maxPool2d";
    int[] k = pair(op, "kernel", kernel, 1);
    int[] s = stride == null || stride.length == 0 ? k : pair(op, "stride", stride, 1);
    int[] p = pair(op, "padding", padding, 0);
    int[] d =
        dilation == null || dilation.length == 0
            ? new int[] {1, 1}
            : pair(op, "dilation", dilation, 1);
    if (x.dim() == 3) {
      return maxPool2d(x.unsqueeze(0), k, s, p, d, ceilMode).squeeze(0);
    }
    long[] xs = checkInput(op, x, k, p);
    long oh = poolOut(op, xs, 2, k[0], s[0], p[0], d[0], ceilMode);
    long ow = poolOut(op, xs, 3, k[1], s[1], p[1], d[1], ceilMode);
    long eh = extra(xs[2], oh, k[0], s[0], p[0], d[0]);
    long ew = extra(xs[3], ow, k[1], s[1], p[1], d[1]);
    INDArray a = Kernels.contiguous(x.data());
    long[] outShape = {xs[0], xs[1], oh, ow};
    if (eh == 0 && ew == 0) {
      int[] args = {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 0};
      INDArray out = Kernels.empty(a.dataType(), outShape);
      exec("maxpool2d", new INDArray[] {a}, new INDArray[] {out}, args);
      return Tensor.make(out, op, g -> new INDArray[] {maxBp(a, g.out(), args)}, x);
    }
    // ceil mode with a last window past the padded input: pad with −∞ explicitly
    INDArray xp = padded(a, p, eh, ew, Double.NEGATIVE_INFINITY);
    int[] args = {k[0], k[1], s[0], s[1], 0, 0, d[0], d[1], 0, 0, 0};
    INDArray out = Kernels.empty(a.dataType(), outShape);
    exec("maxpool2d", new INDArray[] {xp}, new INDArray[] {out}, args);
    return Tensor.make(out, op, g -> new INDArray[] {unpad(maxBp(xp, g.out(), args), p, xs)}, x);
  }

  private static INDArray maxBp(INDArray in, INDArray go, int[] args) {
    INDArray gi = Kernels.empty(in.dataType(), in.shape());
    exec("maxpool2d_bp", new INDArray[] {in, Kernels.contiguous(go)}, new INDArray[] {gi}, args);
    return gi;
  }

  // ---------------------------------------------------------------- average pooling

  static Tensor avgPool2d(
      Tensor x,
      int[] kernel,
      int[] stride,
      int[] padding,
      boolean ceilMode,
      boolean countIncludePad) {
    final String op = "avgPool2d";
    int[] k = pair(op, "kernel", kernel, 1);
    int[] s = stride == null || stride.length == 0 ? k : pair(op, "stride", stride, 1);
    int[] p = pair(op, "padding", padding, 0);
    if (x.dim() == 3) {
      return avgPool2d(x.unsqueeze(0), k, s, p, ceilMode, countIncludePad).squeeze(0);
    }
    long[] xs = checkInput(op, x, k, p);
    long oh = poolOut(op, xs, 2, k[0], s[0], p[0], 1, ceilMode);
    long ow = poolOut(op, xs, 3, k[1], s[1], p[1], 1, ceilMode);
    long eh = extra(xs[2], oh, k[0], s[0], p[0], 1);
    long ew = extra(xs[3], ow, k[1], s[1], p[1], 1);
    INDArray a = Kernels.contiguous(x.data());
    long[] outShape = {xs[0], xs[1], oh, ow};
    if (eh == 0 && ew == 0) {
      // every window ends inside the padded input: libnd4j's divisor (k·k, or the real elements) is
      // PyTorch's
      int[] args = {k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, 0, countIncludePad ? 1 : 0, 0};
      INDArray out = Kernels.empty(a.dataType(), outShape);
      exec("avgpool2d", new INDArray[] {a}, new INDArray[] {out}, args);
      return Tensor.make(out, op, g -> new INDArray[] {avgBp(a, g.out(), args)}, x);
    }
    // ceil mode: zero-pad explicitly, pool dividing by k·k, then rescale each position to PyTorch's
    // divisor
    INDArray xp = padded(a, p, eh, ew, 0.0);
    int[] args = {k[0], k[1], s[0], s[1], 0, 0, 1, 1, 0, 1, 0};
    INDArray factor = avgFactor(a.dataType(), xs, oh, ow, k, s, p, countIncludePad);
    INDArray raw = Kernels.empty(a.dataType(), outShape);
    exec("avgpool2d", new INDArray[] {xp}, new INDArray[] {raw}, args);
    INDArray out = Kernels.mul(raw, factor);
    return Tensor.make(
        out,
        op,
        g -> new INDArray[] {unpad(avgBp(xp, Kernels.mul(g.out(), factor), args), p, xs)},
        x);
  }

  private static INDArray avgBp(INDArray in, INDArray go, int[] args) {
    INDArray gi = Kernels.empty(in.dataType(), in.shape());
    exec("avgpool2d_bp", new INDArray[] {in, Kernels.contiguous(go)}, new INDArray[] {gi}, args);
    return gi;
  }

  /**
   * [oh, ow]: k·k over PyTorch's divisor for each window (PyTorch's avg_pool2d CPU kernel rules).
   */
  private static INDArray avgFactor(
      DataType t, long[] xs, long oh, long ow, int[] k, int[] s, int[] p, boolean includePad) {
    long h = xs[2];
    long w = xs[3];
    double[] f = new double[(int) (oh * ow)];
    for (int i = 0; i < oh; i++) {
      long hs = (long) i * s[0] - p[0];
      long he = Math.min(hs + k[0], h + p[0]);
      long ph = he - hs;
      long rh = Math.min(he, h) - Math.max(hs, 0);
      for (int j = 0; j < ow; j++) {
        long ws = (long) j * s[1] - p[1];
        long we = Math.min(ws + k[1], w + p[1]);
        long pw = we - ws;
        long rw = Math.min(we, w) - Math.max(ws, 0);
        long div = includePad ? ph * pw : rh * rw;
        f[i * (int) ow + j] = div > 0 ? (double) k[0] * k[1] / div : 0.0;
      }
    }
    return Nd4j.create(f, new long[] {oh, ow}, DataType.DOUBLE).castTo(t);
  }

  // ---------------------------------------------------------------- adaptive pooling

  static Tensor adaptiveAvgPool2d(Tensor x, int[] outSize) {
    final String op = "adaptiveAvgPool2d";
    int[] o = pair(op, "output size", outSize, 1);
    if (x.dim() == 3) {
      return adaptiveAvgPool2d(x.unsqueeze(0), o).squeeze(0);
    }
    long[] xs = checkInput(op, x, null, null);
    if (o[0] == 1 && o[1] == 1) {
      return globalAvg(x, xs);
    }
    if (xs[2] % o[0] == 0 && xs[3] % o[1] == 0) {
      int[] k = {(int) (xs[2] / o[0]), (int) (xs[3] / o[1])};
      return avgPool2d(x, k, k, new int[] {0, 0}, false, true);
    }
    return adaptiveLoop(op, x, xs, o, false);
  }

  static Tensor adaptiveMaxPool2d(Tensor x, int[] outSize) {
    final String op = "adaptiveMaxPool2d";
    int[] o = pair(op, "output size", outSize, 1);
    if (x.dim() == 3) {
      return adaptiveMaxPool2d(x.unsqueeze(0), o).squeeze(0);
    }
    long[] xs = checkInput(op, x, null, null);
    if (xs[2] % o[0] == 0 && xs[3] % o[1] == 0) {
      // equal bins: plain max pooling (for 1×1 one window over the whole plane)
      int[] k = {(int) (xs[2] / o[0]), (int) (xs[3] / o[1])};
      return maxPool2d(x, k, k, new int[] {0, 0}, new int[] {1, 1}, false);
    }
    return adaptiveLoop(op, x, xs, o, true);
  }

  /**
   * Mean over H and W; the backward spreads {@code g / (H·W)} over each plane in one broadcast
   * copy.
   */
  private static Tensor globalAvg(Tensor x, long[] xs) {
    INDArray a = x.data();
    long nc = xs[0] * xs[1];
    long hw = xs[2] * xs[3];
    INDArray out = a.mean(true, 2, 3);
    return Tensor.make(
        out,
        "adaptiveAvgPool2d",
        g -> {
          INDArray small =
              Kernels.mulScalar(Kernels.contiguous(g.out()), 1.0 / hw)
                  .reshape('c', new long[] {nc});
          INDArray gi = Kernels.empty(a.dataType(), xs);
          INDArray flat = gi.reshape('c', new long[] {nc, hw});
          Nd4j.getExecutioner().exec(new BroadcastCopyOp(flat, small, flat, 0));
          return new INDArray[] {gi};
        },
        x);
  }

  /**
   * Unequal bins (start {@code floor(i·H/out)}, end {@code ceil((i+1)·H/out)}), computed directly
   * over the values; max keeps the first arg-max of each bin for the backward, as PyTorch does.
   */
  private static Tensor adaptiveLoop(String op, Tensor x, long[] xs, int[] o, boolean max) {
    INDArray a = x.data();
    int nc = Math.toIntExact(xs[0] * xs[1]);
    int h = (int) xs[2];
    int w = (int) xs[3];
    int oh = o[0];
    int ow = o[1];
    int[] hs = new int[oh];
    int[] he = new int[oh];
    int[] ws = new int[ow];
    int[] we = new int[ow];
    bins(h, oh, hs, he);
    bins(w, ow, ws, we);
    double[] v = Kernels.contiguous(a).reshape(-1).toDoubleVector();
    double[] out = new double[nc * oh * ow];
    int[] arg = max ? new int[out.length] : null;
    for (int c = 0; c < nc; c++) {
      int base = c * h * w;
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          int q = (c * oh + i) * ow + j;
          if (max) {
            int best = base + hs[i] * w + ws[j];
            for (int r = hs[i]; r < he[i]; r++) {
              for (int t = ws[j]; t < we[j]; t++) {
                int e = base + r * w + t;
                if (v[e] > v[best] || Double.isNaN(v[e]) && !Double.isNaN(v[best])) {
                  best = e;
                }
              }
            }
            arg[q] = best;
            out[q] = v[best];
          } else {
            double sum = 0;
            for (int r = hs[i]; r < he[i]; r++) {
              for (int t = ws[j]; t < we[j]; t++) {
                sum += v[base + r * w + t];
              }
            }
            out[q] = sum / ((he[i] - hs[i]) * (we[j] - ws[j]));
          }
        }
      }
    }
    DataType type = a.dataType();
    INDArray res =
        Nd4j.create(out, new long[] {xs[0], xs[1], oh, ow}, DataType.DOUBLE).castTo(type);
    return Tensor.make(
        res,
        op,
        g -> {
          double[] go = Kernels.contiguous(g.out()).reshape(-1).toDoubleVector();
          double[] gi = new double[nc * h * w];
          for (int c = 0; c < nc; c++) {
            for (int i = 0; i < oh; i++) {
              for (int j = 0; j < ow; j++) {
                int q = (c * oh + i) * ow + j;
                if (max) {
                  gi[arg[q]] += go[q];
                } else {
                  double share = go[q] / ((he[i] - hs[i]) * (we[j] - ws[j]));
                  for (int r = hs[i]; r < he[i]; r++) {
                    for (int t = ws[j]; t < we[j]; t++) {
                      gi[c * h * w + r * w + t] += share;
                    }
                  }
                }
              }
            }
          }
          return new INDArray[] {Nd4j.create(gi, xs, DataType.DOUBLE).castTo(type)};
        },
        x);
  }

  private static void bins(int n, int out, int[] start, int[] end) {
    for (int i = 0; i < out; i++) {
      start[i] = (int) Math.floorDiv((long) i * n, out);
      end[i] = (int) -Math.floorDiv(-(long) (i + 1) * n, out);
    }
  }

  // ---------------------------------------------------------------- shapes and padding

  /**
   * Checks rank 4, a floating dtype and PyTorch's padding limit (at most half the kernel); returns
   * the shape.
   */
  private static long[] checkInput(String op, Tensor x, int[] k, int[] p) {
    long[] xs = x.shape();
    if (x.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": input must be [N, C, H, W] (or unbatched [C, H, W]), got " + Shapes.str(xs));
    }
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          op + ": input must be floating point, got " + x.dtype() + " " + Shapes.str(xs));
    }
    if (xs[2] < 1 || xs[3] < 1) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(xs) + " has an empty spatial dim");
    }
    if (k != null && (p[0] > k[0] / 2 || p[1] > k[1] / 2)) {
      throw new IllegalArgumentException(
          op
              + ": padding "
              + str(p)
              + " must be at most half the kernel "
              + str(k)
              + " (input "
              + Shapes.str(xs)
              + ")");
    }
    return xs;
  }

  /**
   * PyTorch's pooling output size (floor or ceil; a ceil window must start inside the input or left
   * padding).
   */
  private static long poolOut(
      String op, long[] xs, int dim, int k, int s, int p, int d, boolean ceil) {
    long n = xs[dim];
    long span = (long) d * (k - 1) + 1;
    long out = Math.floorDiv(n + 2L * p - span + (ceil ? s - 1 : 0), s) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    if (out < 1) {
      String which = dim == 2 ? "height" : "width";
      throw new IllegalArgumentException(
          op
              + ": kernel "
              + which
              + " "
              + k
              + " (dilation "
              + d
              + ", span "
              + span
              + ") is larger than the padded input "
              + which
              + " "
              + (n + 2L * p)
              + " (input "
              + Shapes.str(xs)
              + ", padding "
              + p
              + ")");
    }
    return out;
  }

  /** How far the last window runs past the padded input (0 when it does not). */
  private static long extra(long n, long out, int k, int s, int p, int d) {
    return Math.max(0, (out - 1) * s + (long) d * (k - 1) + 1 - (n + 2L * p));
  }

  /**
   * {@code a} with {@code p} before and {@code p + e} after each spatial dim, filled with {@code
   * fill}.
   */
  private static INDArray padded(INDArray a, int[] p, long eh, long ew, double fill) {
    long h = a.size(2);
    long w = a.size(3);
    INDArray xp =
        Nd4j.valueArrayOf(
            new long[] {a.size(0), a.size(1), h + 2L * p[0] + eh, w + 2L * p[1] + ew},
            fill,
            a.dataType());
    xp.get(inner(p, h, w)).assign(a);
    return xp;
  }

  /** The input region of a gradient w.r.t. the padded input. */
  private static INDArray unpad(INDArray gp, int[] p, long[] xs) {
    return gp.get(inner(p, xs[2], xs[3])).dup('c');
  }

  private static INDArrayIndex[] inner(int[] p, long h, long w) {
    return new INDArrayIndex[] {
      NDArrayIndex.all(),
      NDArrayIndex.all(),
      NDArrayIndex.interval(p[0], p[0] + h),
      NDArrayIndex.interval(p[1], p[1] + w)
    };
  }
}
