package org.boarfish.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float32 batch norm with an optional residual add and ReLU ({@link NormOps#batchNormAct}) over the
 * native memory of [N, C, S] row-major arrays whose channel segments hold at least {@link
 * #MIN_SEGMENT} floats (feature maps of 2 pixels or more).
 *
 * <p>The channels are cut into blocks. A block is the channels [k0, k1) of every sample: N pieces
 * of at most {@link #PIECE} floats, each copied in bulk into a small per-thread heap array, where
 * C2 vectorises the loops ({@link Floats} says why not over the native memory itself). All passes
 * of a block run back to back, so only the first reads each array from memory and the later ones
 * find it in the cache: a training forward reads x from memory once (sum, squared deviation,
 * affine) and writes y once; the backward reads g, y and x twice (sums, then the input gradient)
 * and writes the residual's and the input's gradients once. Blocks own their channels, so the two
 * threads of a large input ({@link #PARALLEL_MIN}) need no merge.
 */
final class BatchNormBlocks32 {
  /** Channel segments shorter than this ([N, C] input) go through {@link BatchNorm32} instead. */
  static final int MIN_SEGMENT = 2;

  /**
   * Channel segments at least this long run with each channel's constants as scalars; shorter ones
   * (2×2 maps) with the constants repeated per element of the piece.
   */
  private static final int SCALAR_SEGMENT = 8;

  /** Floats per piece: a block of a batch of 32 is 256 KB per array, well inside a core's L2. */
  private static final int PIECE = 2048;

  /**
   * From this many elements the blocks are split between two threads. Below it the fork-join
   * hand-off costs about what it saves (W2's [128, 8, 14, 14] is 200k).
   */
  private static final long PARALLEL_MIN = 1L << 18;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private BatchNormBlocks32() {}

  /**
   * Samples summed in a float accumulator before it is added into the double one: C2 vectorises
   * float accumulation (~0.1 ns per element) but not float-to-double (~1 ns).
   */
  private static final int FLUSH = 8;

  /**
   * Per-thread heap arrays: one piece of each input, and two accumulators, each a float row flushed
   * into a double row every {@link #FLUSH} samples.
   */
  private static final class Scratch {
    float[] a = new float[0];
    float[] b = new float[0];
    float[] c = new float[0];
    float[] f1 = new float[0];
    float[] f2 = new float[0];
    float[] e1 = new float[0];
    float[] e2 = new float[0];
    float[] e3 = new float[0];
    float[] e4 = new float[0];
    double[] s1 = new double[0];
    double[] s2 = new double[0];

    /** Ensures room for {@code len} floats and zeroes the accumulators' first {@code len}. */
    Scratch ensure(int len) {
      if (a.length < len) {
        a = new float[len];
        b = new float[len];
        c = new float[len];
        f1 = new float[len];
        f2 = new float[len];
        e1 = new float[len];
        e2 = new float[len];
        e3 = new float[len];
        e4 = new float[len];
        s1 = new double[len];
        s2 = new double[len];
      }
      java.util.Arrays.fill(f1, 0, len, 0);
      java.util.Arrays.fill(f2, 0, len, 0);
      java.util.Arrays.fill(s1, 0, len, 0);
      java.util.Arrays.fill(s2, 0, len, 0);
      return this;
    }
  }

  /** The shape of one op and its cut into channel blocks. */
  static final class Geometry {
    final int n;
    final int c;
    final int s;
    final int perBlock;
    final int blocks;

    Geometry(int n, int c, int s) {
      this.n = n;
      this.c = c;
      this.s = s;
      int per = Math.max(1, PIECE / s);
      if (work() >= PARALLEL_MIN && c >= 2) {
        per = Math.min(per, (c + 1) / 2);
      }
      this.perBlock = per;
      this.blocks = (c + per - 1) / per;
    }

    long work() {
      return (long) n * c * s;
    }

    /** Runs {@code body} once per block [k0, k1), on two threads for large inputs. */
    void forEachBlock(Block body) {
      NormOps.parallel(
          blocks,
          work(),
          PARALLEL_MIN,
          (lo, hi) -> {
            for (int bl = lo; bl < hi; bl++) {
              body.run(bl * perBlock, Math.min(c, (bl + 1) * perBlock));
            }
          });
    }
  }

  /** The work of channels [k0, k1). */
  @FunctionalInterface
  interface Block {
    void run(int k0, int k1);
  }

  /**
   * The forward: with {@code batchStats} fills {@code mean} and {@code var} (biased) with the batch
   * statistics, else takes them as given (running statistics). Then sets {@code invStd = 1/√(var +
   * eps)}, {@code scale = w·invStd}, {@code shift = b} and writes {@code y = relu((x − mean)·scale
   * + shift + r)} ({@code r} may be null; ReLU only when {@code relu}). {@code w}, {@code b} may be
   * null (1 and 0).
   */
  static void forward(
      Geometry geo,
      INDArray x,
      INDArray r,
      INDArray y,
      boolean batchStats,
      double eps,
      double[] w,
      double[] b,
      boolean relu,
      double[] mean,
      double[] var,
      double[] invStd,
      double[] scale,
      double[] shift) {
    FloatBuffer xb = Floats.buffer(x);
    FloatBuffer rb = r == null ? null : Floats.buffer(r);
    FloatBuffer yb = Floats.buffer(y);
    int n = geo.n;
    int c = geo.c;
    int s = geo.s;
    double inv = 1.0 / ((long) n * s);
    geo.forEachBlock(
        (k0, k1) -> {
          int len = (k1 - k0) * s;
          Scratch t = SCRATCH.get().ensure(len);
          float[] xv = t.a;
          float[] rv = t.b;
          if (batchStats) {
            float[] acc = t.f1;
            for (int i = 0; i < n; i++) {
              xb.get((i * c + k0) * s, xv, 0, len);
              for (int p = 0; p < len; p++) {
                acc[p] += xv[p];
              }
              flush(acc, t.s1, len, i, n);
            }
            float[] sq = t.f2;
            for (int k = k0; k < k1; k++) {
              mean[k] = segmentSum(t.s1, (k - k0) * s, s) * inv;
            }
            float[] cm = consts(mean, k0, k1, s, t.e1);
            for (int i = 0; i < n; i++) {
              xb.get((i * c + k0) * s, xv, 0, len);
              sqDev(xv, sq, k1 - k0, s, cm);
              flush(sq, t.s2, len, i, n);
            }
            for (int k = k0; k < k1; k++) {
              var[k] = segmentSum(t.s2, (k - k0) * s, s) * inv;
            }
          }
          for (int k = k0; k < k1; k++) {
            invStd[k] = 1 / Math.sqrt(var[k] + eps);
            scale[k] = invStd[k] * (w == null ? 1 : w[k]);
            shift[k] = b == null ? 0 : b[k];
          }
          float[] cm = consts(mean, k0, k1, s, t.e1);
          float[] ca = consts(scale, k0, k1, s, t.e2);
          float[] cb = consts(shift, k0, k1, s, t.e3);
          for (int i = 0; i < n; i++) {
            int off = (i * c + k0) * s;
            xb.get(off, xv, 0, len);
            affine(xv, k1 - k0, s, cm, ca, cb);
            if (rb != null) {
              rb.get(off, rv, 0, len);
              if (relu) {
                for (int p = 0; p < len; p++) {
                  xv[p] = Math.max(xv[p] + rv[p], 0f);
                }
              } else {
                for (int p = 0; p < len; p++) {
                  xv[p] += rv[p];
                }
              }
            } else if (relu) {
              for (int p = 0; p < len; p++) {
                xv[p] = Math.max(xv[p], 0f);
              }
            }
            yb.put(off, xv, 0, len);
          }
        });
  }

  /**
   * The backward. With {@code y} non-null (the forward had a ReLU) the output gradient {@code g} is
   * first masked where {@code y ≤ 0}; the masked gradient is written to {@code gRes} when it is
   * non-null (the residual's gradient). Fills {@code sumG = Σ g} and {@code sumGx = invStd·Σ g·(x −
   * mean)} per channel (the bias and weight gradients); then, when {@code dx} is non-null, writes
   * {@code dx = g·scale + (x − mean)·bx + d} with, in training ({@code batchStats}), {@code bx =
   * −scale·invStd·sumGx/M} and {@code d = −scale·sumG/M} (M = N·S), else 0.
   */
  static void backward(
      Geometry geo,
      INDArray g,
      INDArray y,
      INDArray x,
      INDArray gRes,
      INDArray dx,
      boolean batchStats,
      double[] mean,
      double[] invStd,
      double[] scale,
      double[] sumG,
      double[] sumGx) {
    FloatBuffer gb = Floats.buffer(g);
    FloatBuffer yb = y == null ? null : Floats.buffer(y);
    FloatBuffer xb = Floats.buffer(x);
    FloatBuffer rb = gRes == null ? null : Floats.buffer(gRes);
    FloatBuffer db = dx == null ? null : Floats.buffer(dx);
    int n = geo.n;
    int c = geo.c;
    int s = geo.s;
    long m = (long) n * s;
    double[] bx = new double[c];
    double[] d = new double[c];
    geo.forEachBlock(
        (k0, k1) -> {
          int len = (k1 - k0) * s;
          Scratch t = SCRATCH.get().ensure(len);
          float[] gv = t.a;
          float[] yv = t.b;
          float[] xv = t.c;
          float[] accG = t.f1;
          float[] accGx = t.f2;
          float[] cm = consts(mean, k0, k1, s, t.e1);
          for (int i = 0; i < n; i++) {
            int off = (i * c + k0) * s;
            loadMasked(gb, yb, off, gv, yv, len);
            if (rb != null) {
              rb.put(off, gv, 0, len);
            }
            xb.get(off, xv, 0, len);
            for (int p = 0; p < len; p++) {
              accG[p] += gv[p];
            }
            centeredDot(gv, xv, accGx, k1 - k0, s, cm);
            flush(accG, t.s1, len, i, n);
            flush(accGx, t.s2, len, i, n);
          }
          for (int k = k0; k < k1; k++) {
            sumG[k] = segmentSum(t.s1, (k - k0) * s, s);
            sumGx[k] = segmentSum(t.s2, (k - k0) * s, s) * invStd[k];
          }
          if (db == null) {
            return;
          }
          for (int k = k0; k < k1; k++) {
            bx[k] = batchStats ? -scale[k] * invStd[k] * sumGx[k] / m : 0;
            d[k] = batchStats ? -scale[k] * sumG[k] / m : 0;
          }
          float[] ca = consts(scale, k0, k1, s, t.e2);
          float[] cbx = consts(bx, k0, k1, s, t.e3);
          float[] cd = consts(d, k0, k1, s, t.e4);
          for (int i = 0; i < n; i++) {
            int off = (i * c + k0) * s;
            loadMasked(gb, yb, off, gv, yv, len);
            xb.get(off, xv, 0, len);
            linear(gv, xv, k1 - k0, s, ca, cm, cbx, cd);
            db.put(off, gv, 0, len);
          }
        });
  }

  /**
   * Reads g's piece into {@code gv}, zeroed where y's piece (a ReLU's output, never negative) is 0
   * when y is given. The mask is {@code min(y·2¹⁰⁰·2¹⁰⁰, 1)}: exactly 1 for every positive float
   * (the smallest subnormal becomes 2⁵¹), 0 for 0. C2 vectorises this product but not a select
   * ({@code y > 0 ? g : 0}: ~1.4 ns against ~0.2 ns per element); it differs from the select only
   * for an infinite or NaN g where y is 0 (NaN instead of 0).
   */
  private static void loadMasked(
      FloatBuffer gb, FloatBuffer yb, int off, float[] gv, float[] yv, int len) {
    gb.get(off, gv, 0, len);
    if (yb != null) {
      yb.get(off, yv, 0, len);
      for (int p = 0; p < len; p++) {
        gv[p] *= Math.min(yv[p] * 0x1p100f * 0x1p100f, 1f);
      }
    }
  }

  /**
   * After sample {@code i} of {@code n}: every {@link #FLUSH} samples and after the last, adds the
   * float accumulator into the double one and zeroes it.
   */
  private static void flush(float[] f, double[] d, int len, int i, int n) {
    if ((i + 1) % FLUSH != 0 && i != n - 1) {
      return;
    }
    for (int p = 0; p < len; p++) {
      d[p] += f[p];
      f[p] = 0;
    }
  }

  /**
   * The constants of channels [k0, k1) as floats: one per channel for segments of at least {@link
   * #SCALAR_SEGMENT}, else each repeated {@code s} times (one per element of a piece).
   */
  private static float[] consts(double[] perChannel, int k0, int k1, int s, float[] out) {
    if (s >= SCALAR_SEGMENT) {
      for (int k = k0; k < k1; k++) {
        out[k - k0] = (float) perChannel[k];
      }
    } else {
      for (int k = k0; k < k1; k++) {
        java.util.Arrays.fill(out, (k - k0) * s, (k - k0 + 1) * s, (float) perChannel[k]);
      }
    }
    return out;
  }

  // The per-channel loops over a piece of kc channels of s floats, with constants from consts():
  // C2 vectorises a loop with scalar constants, or one reading constant rows, over long runs only.

  /** {@code acc += (v − m)²}. */
  private static void sqDev(float[] v, float[] acc, int kc, int s, float[] m) {
    if (s >= SCALAR_SEGMENT) {
      for (int k = 0; k < kc; k++) {
        float mk = m[k];
        for (int q = k * s, e = q + s; q < e; q++) {
          float dv = v[q] - mk;
          acc[q] += dv * dv;
        }
      }
    } else {
      for (int q = 0, e = kc * s; q < e; q++) {
        float dv = v[q] - m[q];
        acc[q] += dv * dv;
      }
    }
  }

  /** {@code v = (v − m)·a + b}. */
  private static void affine(float[] v, int kc, int s, float[] m, float[] a, float[] b) {
    if (s >= SCALAR_SEGMENT) {
      for (int k = 0; k < kc; k++) {
        float mk = m[k];
        float ak = a[k];
        float bk = b[k];
        for (int q = k * s, e = q + s; q < e; q++) {
          v[q] = (v[q] - mk) * ak + bk;
        }
      }
    } else {
      for (int q = 0, e = kc * s; q < e; q++) {
        v[q] = (v[q] - m[q]) * a[q] + b[q];
      }
    }
  }

  /** {@code acc += g·(x − m)}. */
  private static void centeredDot(float[] g, float[] x, float[] acc, int kc, int s, float[] m) {
    if (s >= SCALAR_SEGMENT) {
      for (int k = 0; k < kc; k++) {
        float mk = m[k];
        for (int q = k * s, e = q + s; q < e; q++) {
          acc[q] += g[q] * (x[q] - mk);
        }
      }
    } else {
      for (int q = 0, e = kc * s; q < e; q++) {
        acc[q] += g[q] * (x[q] - m[q]);
      }
    }
  }

  /** {@code g = g·a + (x − m)·bx + d}. */
  private static void linear(
      float[] g, float[] x, int kc, int s, float[] a, float[] m, float[] bx, float[] d) {
    if (s >= SCALAR_SEGMENT) {
      for (int k = 0; k < kc; k++) {
        float ak = a[k];
        float mk = m[k];
        float bk = bx[k];
        float dk = d[k];
        for (int q = k * s, e = q + s; q < e; q++) {
          g[q] = g[q] * ak + (x[q] - mk) * bk + dk;
        }
      }
    } else {
      for (int q = 0, e = kc * s; q < e; q++) {
        g[q] = g[q] * a[q] + (x[q] - m[q]) * bx[q] + d[q];
      }
    }
  }

  /** {@code Σ acc[from .. from + len)}. */
  private static double segmentSum(double[] acc, int from, int len) {
    double t = 0;
    for (int j = from, e = from + len; j < e; j++) {
      t += acc[j];
    }
    return t;
  }
}
