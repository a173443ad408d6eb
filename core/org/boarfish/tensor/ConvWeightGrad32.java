package org.boarfish.tensor;

/**
 * The weight and bias gradients of a float32 conv2d (one group, NCHW) as Java loops, for a conv
 * whose input needs no gradient (typically the first layer) and whose output pixels each see only a
 * few inputs.
 *
 * <p>Why: libnd4j's {@code conv2d_bp} always computes the input gradient too, and on such a layer
 * (e.g. 1→8 channels, 3×3, on 128×28×28) the oneDNN call costs ~2.6 ms, most of it outside the
 * weight gradient's 1.8M multiply-adds; PyTorch skips the input gradient there. Here each sample's
 * receptive fields are gathered into one row per tap (a small im2col), then every (out channel,
 * tap) row accumulates {@code g·col} elementwise into its own float row, a loop over three distinct
 * arrays at the same index that C2 vectorises; every 16 samples the rows are summed into double
 * totals. Samples are split between two threads for large inputs ({@link #WORK_PARALLEL_MIN}).
 */
final class ConvWeightGrad32 {
  /** At most this many taps (in channels × kernel height × kernel width) per output pixel. */
  private static final int MAX_TAPS = 32;

  /**
   * At most this many multiply-adds in all; beyond it oneDNN's blocked kernels win despite the
   * input gradient.
   */
  private static final long MAX_WORK = 1L << 25;

  /**
   * Samples accumulated in float before the sums move to double (bounds the float rounding error).
   */
  private static final int BLOCK = 16;

  /**
   * Below this many multiply-adds one thread does it all (W2's first layer, 1.8M, measured no
   * faster on two).
   */
  private static final long WORK_PARALLEL_MIN = 1L << 23;

  private ConvWeightGrad32() {}

  /**
   * Whether this path applies to input {@code xs}, weight {@code ws} and output {@code os} shapes.
   */
  static boolean applies(long[] xs, long[] ws, long[] os) {
    long taps = ws[1] * ws[2] * ws[3];
    return taps <= MAX_TAPS && xs[0] * ws[0] * taps * os[2] * os[3] <= MAX_WORK;
  }

  /**
   * Writes {@code dw} [oc, ic, kh, kw] and, when non-null, {@code db} [oc] from input {@code x} [n,
   * ic, h, w] and output gradient {@code g} [n, oc, oh, ow] (row-major heap copies). {@code args}
   * are the conv2d i-args {@code kH, kW, sH, sW, pH, pW, dH, dW, ...}.
   */
  static void compute(
      float[] x, float[] g, long[] xs, long[] os, int[] args, double[] dw, double[] db) {
    int n = (int) xs[0];
    int oc = (int) os[1];
    int taps = (int) xs[1] * args[0] * args[1];
    int q = (int) (os[2] * os[3]);
    int rows = oc * taps + oc;
    double[][] parts = new double[2][];
    NormOps.parallel(
        n,
        (long) n * oc * taps * q,
        WORK_PARALLEL_MIN,
        (lo, hi) -> {
          // rows 0 .. oc·taps−1: Σ g·col per (out channel, tap); rows oc·taps ..: Σ g per out
          // channel
          float[][] acc = new float[rows][q];
          double[] totals = new double[rows];
          float[][] cols = new float[taps][q];
          float[] gRow = new float[q];
          for (int i = lo; i < hi; i++) {
            gather(x, i, xs, os, args, cols);
            for (int o = 0; o < oc; o++) {
              System.arraycopy(g, (i * oc + o) * q, gRow, 0, q);
              for (int t = 0; t < taps; t++) {
                multiplyAdd(acc[o * taps + t], gRow, cols[t], q);
              }
              add(acc[oc * taps + o], gRow, q);
            }
            if ((i - lo) % BLOCK == BLOCK - 1 || i == hi - 1) {
              flush(acc, totals);
            }
          }
          parts[lo == 0 ? 0 : 1] = totals;
        });
    for (int r = 0; r < rows; r++) {
      double t = parts[0][r] + (parts[1] == null ? 0 : parts[1][r]);
      if (r < oc * taps) {
        dw[r] = t;
      } else if (db != null) {
        db[r - oc * taps] = t;
      }
    }
  }

  /**
   * cols[(c·kh + a)·kw + b][oy·ow + ox] = x[i, c, oy·sH − pH + a·dH, ox·sW − pW + b·dW], 0 in the
   * padding.
   */
  private static void gather(float[] x, int i, long[] xs, long[] os, int[] args, float[][] cols) {
    int ic = (int) xs[1];
    int h = (int) xs[2];
    int w = (int) xs[3];
    int oh = (int) os[2];
    int ow = (int) os[3];
    int kh = args[0];
    int kw = args[1];
    for (int c = 0; c < ic; c++) {
      int plane = (i * ic + c) * h * w;
      for (int a = 0; a < kh; a++) {
        for (int b = 0; b < kw; b++) {
          float[] col = cols[(c * kh + a) * kw + b];
          for (int oy = 0; oy < oh; oy++) {
            int y = oy * args[2] - args[4] + a * args[6];
            boolean rowIn = y >= 0 && y < h;
            for (int ox = 0; ox < ow; ox++) {
              int xx = ox * args[3] - args[5] + b * args[7];
              col[oy * ow + ox] = rowIn && xx >= 0 && xx < w ? x[plane + y * w + xx] : 0f;
            }
          }
        }
      }
    }
  }

  private static void multiplyAdd(float[] acc, float[] a, float[] b, int len) {
    for (int k = 0; k < len; k++) {
      acc[k] += a[k] * b[k];
    }
  }

  private static void add(float[] acc, float[] a, int len) {
    for (int k = 0; k < len; k++) {
      acc[k] += a[k];
    }
  }

  /** Adds each float row's sum to its double total and zeroes the row. */
  private static void flush(float[][] acc, double[] totals) {
    for (int r = 0; r < acc.length; r++) {
      float[] row = acc[r];
      double t = 0;
      for (int k = 0; k < row.length; k++) {
        t += row[k];
      }
      totals[r] += t;
      java.util.Arrays.fill(row, 0f);
    }
  }
}
