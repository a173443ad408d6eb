package org.boarfish.tensor;

/**
 * The float32 batch-norm kernels, over a heap copy {@code v} of an [N, C, S] row-major array (S =
 * product of the dims after C, 1 for [N, C] input), seen as N rows of C·S floats. See {@link
 * Floats} for why these are Java loops. {@link NormOps} sends only S = 1 ([N, C] input) here;
 * longer channel segments go to {@link BatchNormBlocks32}, which reads native memory piece by piece
 * instead of copying whole arrays.
 *
 * <p>Every pass walks the rows in memory order. Per-channel sums are formed by adding rows
 * elementwise into a double accumulator row, reduced per channel once at the end (a scalar
 * floating-point reduction would run at the latency of one add per element). Elementwise passes
 * read the per-channel constants expanded to one row. Samples are split between two threads for
 * large inputs ({@link NormOps#parallel}).
 */
final class BatchNorm32 {
  /**
   * Below this many elements a pass runs on the calling thread. These loops do ~1 ns of work per
   * element, so the fork-join hand-off (and, on a busy 2-core machine, competing with libnd4j's
   * OpenMP threads) costs more than it saves on activation-sized tensors: W2 ran ~1 ms per step
   * faster single-threaded ([128, 8, 14, 14] is 200k).
   */
  private static final long PARALLEL_MIN = 1L << 20;

  private BatchNorm32() {}

  /** Per-channel mean and biased variance (two-pass). */
  static void moments(float[] v, int n, int c, int s, double[] mean, double[] var) {
    int cs = c * s;
    double[] sum =
        rowSums(
            n,
            cs,
            (lo, hi, acc) -> {
              for (int i = lo; i < hi; i++) {
                for (int p = 0, o = i * cs; p < cs; p++) {
                  acc[p] += v[o + p];
                }
              }
            });
    channelTotals(sum, c, s, mean);
    double inv = 1.0 / ((long) n * s);
    for (int k = 0; k < c; k++) {
      mean[k] *= inv;
    }
    float[] mu = expand(mean, c, s);
    double[] sq =
        rowSums(
            n,
            cs,
            (lo, hi, acc) -> {
              for (int i = lo; i < hi; i++) {
                int o = i * cs;
                for (int p = 0; p < cs; p++) {
                  float d = v[o + p] - mu[p];
                  acc[p] += d * d;
                }
              }
            });
    channelTotals(sq, c, s, var);
    for (int k = 0; k < c; k++) {
      var[k] *= inv;
    }
  }

  /** {@code v = (v − mean)·scale + shift} per channel, in place. */
  static void affine(
      float[] v, int n, int c, int s, double[] mean, double[] scale, double[] shift) {
    affine(v, n, c, s, mean, scale, shift, null, false);
  }

  /**
   * {@code v = (v − mean)·scale + shift} per channel, then {@code + r} when {@code r} is non-null
   * and {@code max(·, 0)} when {@code relu}, in place; the add and max run on each sample's row
   * while it is still in cache.
   */
  static void affine(
      float[] v,
      int n,
      int c,
      int s,
      double[] mean,
      double[] scale,
      double[] shift,
      float[] r,
      boolean relu) {
    int cs = c * s;
    float[] mu = expand(mean, c, s);
    float[] sc = expand(scale, c, s);
    float[] sh = expand(shift, c, s);
    NormOps.parallel(
        n,
        (long) n * cs,
        PARALLEL_MIN,
        (lo, hi) -> {
          for (int i = lo; i < hi; i++) {
            int o = i * cs;
            for (int p = 0; p < cs; p++) {
              v[o + p] = (v[o + p] - mu[p]) * sc[p] + sh[p];
            }

            if (r != null || relu) {
              addRelu(v, r, o, o + cs, relu);
            }
          }
        });
  }

  /**
   * {@code v = max(v + r, 0)} over [lo, hi) ({@code r} may be null: no add; without {@code relu}:
   * no max).
   */
  private static void addRelu(float[] v, float[] r, int lo, int hi, boolean relu) {
    if (r != null && relu) {
      for (int p = lo; p < hi; p++) {
        v[p] = Math.max(v[p] + r[p], 0f);
      }
    } else if (r != null) {
      for (int p = lo; p < hi; p++) {
        v[p] += r[p];
      }
    } else if (relu) {
      for (int p = lo; p < hi; p++) {
        v[p] = Math.max(v[p], 0f);
      }
    }
  }

  /** {@code g = y > 0 ? g : 0} over the first {@code len} floats: the ReLU's backward. */
  static void reluMask(float[] g, float[] y, int len) {
    NormOps.parallel(
        len,
        len,
        PARALLEL_MIN,
        (lo, hi) -> {
          for (int p = lo; p < hi; p++) {
            g[p] = y[p] > 0f ? g[p] : 0f;
          }
        });
  }

  /** Per channel {@code sumG = Σ g} and {@code sumGxc = Σ g·(x − mean)}. */
  static void gradSums(
      float[] g, float[] x, int n, int c, int s, double[] mean, double[] sumG, double[] sumGxc) {
    int cs = c * s;
    float[] mu = expand(mean, c, s);
    double[] both =
        rowSums(
            n,
            2 * cs,
            (lo, hi, acc) -> {
              for (int i = lo; i < hi; i++) {
                int o = i * cs;
                for (int p = 0; p < cs; p++) {
                  acc[p] += g[o + p];
                }
                for (int p = 0; p < cs; p++) {
                  acc[cs + p] += g[o + p] * (x[o + p] - mu[p]);
                }
              }
            });
    channelTotals(both, c, s, sumG);
    double[] second = new double[cs];
    System.arraycopy(both, cs, second, 0, cs);
    channelTotals(second, c, s, sumGxc);
  }

  /** {@code g = g·a + (x − mean)·bx + d} per channel, in place in {@code g}. */
  static void linear(
      float[] g,
      float[] x,
      int n,
      int c,
      int s,
      double[] a,
      double[] mean,
      double[] bx,
      double[] d) {
    int cs = c * s;
    float[] af = expand(a, c, s);
    float[] mu = expand(mean, c, s);
    float[] bf = expand(bx, c, s);
    float[] df = expand(d, c, s);
    NormOps.parallel(
        n,
        2L * n * cs,
        PARALLEL_MIN,
        (lo, hi) -> {
          for (int i = lo; i < hi; i++) {
            int o = i * cs;
            for (int p = 0; p < cs; p++) {
              g[o + p] = g[o + p] * af[p] + (x[o + p] - mu[p]) * bf[p] + df[p];
            }
          }
        });
  }

  /** Accumulates rows [lo, hi) elementwise into {@code acc}. */
  @FunctionalInterface
  private interface RowSum {
    void add(int lo, int hi, double[] acc);
  }

  /**
   * The elementwise sum of {@code body}'s accumulation over rows [0, n), one accumulator per
   * thread, merged.
   */
  private static double[] rowSums(int n, int len, RowSum body) {
    double[][] parts = new double[2][];
    NormOps.parallel(
        n,
        (long) n * len,
        PARALLEL_MIN,
        (lo, hi) -> {
          double[] acc = new double[len];
          body.add(lo, hi, acc);
          parts[lo == 0 ? 0 : 1] = acc;
        });
    double[] out = parts[0];
    if (parts[1] != null) {
      for (int p = 0; p < len; p++) {
        out[p] += parts[1][p];
      }
    }
    return out;
  }

  /** {@code out[k] = Σ row[k·s .. (k+1)·s)}. */
  private static void channelTotals(double[] row, int c, int s, double[] out) {
    for (int k = 0; k < c; k++) {
      double t = 0;
      for (int j = k * s, e = j + s; j < e; j++) {
        t += row[j];
      }
      out[k] = t;
    }
  }

  /** Per-channel values repeated {@code s} times each: one row of {@code c·s} floats. */
  private static float[] expand(double[] perChannel, int c, int s) {
    float[] row = new float[c * s];
    for (int k = 0; k < c; k++) {
      java.util.Arrays.fill(row, k * s, (k + 1) * s, (float) perChannel[k]);
    }
    return row;
  }
}
