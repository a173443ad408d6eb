package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Naive PyTorch-semantics reference loops for convolution and pooling, plus a value check (float64
 * and float32) and a float64 finite-difference gradient check, for configurations the fixtures do
 * not cover.
 */
final class ConvPoolReference {
  private ConvPoolReference() {}

  // ---------------------------------------------------------------- data

  static Tensor rand(long seed, long... shape) {
    Random r = new Random(seed);
    double[] v = new double[(int) Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return Tensor.of(v, shape);
  }

  // ---------------------------------------------------------------- references (row-major double
  // arrays)

  /** F.conv2d. */
  static double[] conv2d(
      double[] x,
      long[] xs,
      double[] w,
      long[] ws,
      double[] b,
      int[] s,
      int[] p,
      int[] d,
      int groups,
      long[] outShape) {
    int n = (int) xs[0], c = (int) xs[1], h = (int) xs[2], wd = (int) xs[3];
    int o = (int) ws[0], cg = (int) ws[1], kh = (int) ws[2], kw = (int) ws[3];
    int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
    int ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
    long[] os = {n, o, oh, ow};
    System.arraycopy(os, 0, outShape, 0, 4);
    double[] out = new double[n * o * oh * ow];
    int og = o / groups;
    for (int ni = 0; ni < n; ni++) {
      for (int oi = 0; oi < o; oi++) {
        int g = oi / og;
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double acc = b == null ? 0 : b[oi];
            for (int ci = 0; ci < cg; ci++) {
              for (int a = 0; a < kh; a++) {
                for (int e = 0; e < kw; e++) {
                  int r = i * s[0] - p[0] + a * d[0];
                  int t = j * s[1] - p[1] + e * d[1];
                  if (r >= 0 && r < h && t >= 0 && t < wd) {
                    acc +=
                        x[((ni * c + g * cg + ci) * h + r) * wd + t]
                            * w[((oi * cg + ci) * kh + a) * kw + e];
                  }
                }
              }
            }
            out[((ni * o + oi) * oh + i) * ow + j] = acc;
          }
        }
      }
    }
    return out;
  }

  /** F.conv_transpose2d (weight [in, out/groups, kh, kw]). */
  static double[] convTranspose2d(
      double[] x,
      long[] xs,
      double[] w,
      long[] ws,
      double[] b,
      int[] s,
      int[] p,
      int[] op,
      int groups,
      int[] d,
      long[] outShape) {
    int n = (int) xs[0], c = (int) xs[1], h = (int) xs[2], wd = (int) xs[3];
    int og = (int) ws[1], kh = (int) ws[2], kw = (int) ws[3];
    int o = og * groups;
    int cg = c / groups;
    int oh = (h - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op[0] + 1;
    int ow = (wd - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op[1] + 1;
    long[] os = {n, o, oh, ow};
    System.arraycopy(os, 0, outShape, 0, 4);
    double[] out = new double[n * o * oh * ow];
    for (int ni = 0; ni < n; ni++) {
      for (int oi = 0; oi < o; oi++) {
        for (int i = 0; i < oh * ow; i++) {
          out[(ni * o + oi) * oh * ow + i] = b == null ? 0 : b[oi];
        }
      }
      for (int ci = 0; ci < c; ci++) {
        int g = ci / cg;
        for (int r = 0; r < h; r++) {
          for (int t = 0; t < wd; t++) {
            double v = x[((ni * c + ci) * h + r) * wd + t];
            for (int oj = 0; oj < og; oj++) {
              for (int a = 0; a < kh; a++) {
                for (int e = 0; e < kw; e++) {
                  int i = r * s[0] - p[0] + a * d[0];
                  int j = t * s[1] - p[1] + e * d[1];
                  if (i >= 0 && i < oh && j >= 0 && j < ow) {
                    out[((ni * o + g * og + oj) * oh + i) * ow + j] +=
                        v * w[((ci * og + oj) * kh + a) * kw + e];
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  static int poolOut(int n, int k, int s, int p, int d, boolean ceil) {
    int num = n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
    int out = Math.floorDiv(num, s) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    return out;
  }

  /** F.max_pool2d (−∞ padding, ceil mode). */
  static double[] maxPool2d(
      double[] x, long[] xs, int[] k, int[] s, int[] p, int[] d, boolean ceil, long[] outShape) {
    int nc = (int) (xs[0] * xs[1]), h = (int) xs[2], w = (int) xs[3];
    int oh = poolOut(h, k[0], s[0], p[0], d[0], ceil);
    int ow = poolOut(w, k[1], s[1], p[1], d[1], ceil);
    long[] os = {xs[0], xs[1], oh, ow};
    System.arraycopy(os, 0, outShape, 0, 4);
    double[] out = new double[nc * oh * ow];
    for (int c = 0; c < nc; c++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          double m = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < k[0]; a++) {
            for (int e = 0; e < k[1]; e++) {
              int r = i * s[0] - p[0] + a * d[0];
              int t = j * s[1] - p[1] + e * d[1];
              if (r >= 0 && r < h && t >= 0 && t < w) {
                m = Math.max(m, x[(c * h + r) * w + t]);
              }
            }
          }
          out[(c * oh + i) * ow + j] = m;
        }
      }
    }
    return out;
  }

  /** F.avg_pool2d (PyTorch's divisor rules). */
  static double[] avgPool2d(
      double[] x,
      long[] xs,
      int[] k,
      int[] s,
      int[] p,
      boolean ceil,
      boolean includePad,
      long[] outShape) {
    int nc = (int) (xs[0] * xs[1]), h = (int) xs[2], w = (int) xs[3];
    int oh = poolOut(h, k[0], s[0], p[0], 1, ceil);
    int ow = poolOut(w, k[1], s[1], p[1], 1, ceil);
    long[] os = {xs[0], xs[1], oh, ow};
    System.arraycopy(os, 0, outShape, 0, 4);
    double[] out = new double[nc * oh * ow];
    for (int c = 0; c < nc; c++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          int hs = i * s[0] - p[0], ws = j * s[1] - p[1];
          int he = Math.min(hs + k[0], h + p[0]), we = Math.min(ws + k[1], w + p[1]);
          int pool = (he - hs) * (we - ws);
          hs = Math.max(hs, 0);
          ws = Math.max(ws, 0);
          he = Math.min(he, h);
          we = Math.min(we, w);
          double sum = 0;
          for (int r = hs; r < he; r++) {
            for (int t = ws; t < we; t++) {
              sum += x[(c * h + r) * w + t];
            }
          }
          out[(c * oh + i) * ow + j] = sum / (includePad ? pool : (he - hs) * (we - ws));
        }
      }
    }
    return out;
  }

  /** F.adaptive_avg_pool2d / F.adaptive_max_pool2d. */
  static double[] adaptive(double[] x, long[] xs, int oh, int ow, boolean max) {
    int nc = (int) (xs[0] * xs[1]), h = (int) xs[2], w = (int) xs[3];
    double[] out = new double[nc * oh * ow];
    for (int c = 0; c < nc; c++) {
      for (int i = 0; i < oh; i++) {
        int hs = i * h / oh, he = ((i + 1) * h + oh - 1) / oh;
        for (int j = 0; j < ow; j++) {
          int ws = j * w / ow, we = ((j + 1) * w + ow - 1) / ow;
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          for (int r = hs; r < he; r++) {
            for (int t = ws; t < we; t++) {
              double v = x[(c * h + r) * w + t];
              acc = max ? Math.max(acc, v) : acc + v;
            }
          }
          out[(c * oh + i) * ow + j] = max ? acc : acc / ((he - hs) * (we - ws));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- checks

  /**
   * {@code op} on the float64 inputs matches {@code expected} to 1e-10, on float32 copies to 1e-4,
   * and its float64 gradients match central differences at up to 15 elements of every input.
   */
  static void check(
      String what,
      Function<Tensor[], Tensor> op,
      double[] expected,
      long[] expectedShape,
      Tensor... inputs) {
    Tensor out64 = op.apply(inputs);
    assertArrayEquals(expectedShape, out64.shape(), what + ": shape");
    assertClose(what + " (float64)", expected, out64.toDoubleArray(), 1e-10);
    Tensor[] f32 = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      f32[i] = inputs[i] == null ? null : inputs[i].to(DType.FLOAT32);
    }
    Tensor out32 = op.apply(f32);
    assertArrayEquals(expectedShape, out32.shape(), what + ": float32 shape");
    if (out32.dtype() != DType.FLOAT32) {
      throw new AssertionError(what + ": float32 inputs gave " + out32.dtype());
    }
    assertClose(what + " (float32)", expected, out32.toDoubleArray(), 1e-4);
    gradCheck(what, op, inputs);
  }

  static void gradCheck(String what, Function<Tensor[], Tensor> op, Tensor... inputs) {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      leaves[i] =
          inputs[i] == null
              ? null
              : Tensor.of(inputs[i].toDoubleArray(), inputs[i].shape()).requiresGrad(true);
    }
    Tensor out = op.apply(leaves);
    Tensor up = rand(what.hashCode(), out.shape());
    out.mul(up).sum().backward();
    Random r = new Random(what.hashCode());
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        continue;
      }
      double[] analytic = leaves[i].grad().toDoubleArray();
      assertArrayEquals(
          inputs[i].shape(), leaves[i].grad().shape(), what + ": grad shape of input " + i);
      for (int sample = 0; sample < Math.min(15, analytic.length); sample++) {
        int e = analytic.length <= 15 ? sample : r.nextInt(analytic.length);
        double num =
            (objective(op, inputs, up, i, e, 1e-6) - objective(op, inputs, up, i, e, -1e-6)) / 2e-6;
        if (Math.abs(num - analytic[e]) > 1e-6 + 1e-4 * Math.abs(num)) {
          throw new AssertionError(
              what
                  + ": d/d input "
                  + i
                  + "["
                  + e
                  + "] analytic "
                  + analytic[e]
                  + " vs numeric "
                  + num);
        }
      }
    }
  }

  private static double objective(
      Function<Tensor[], Tensor> op, Tensor[] inputs, Tensor up, int which, int element, double h) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        continue;
      }
      double[] v = inputs[i].toDoubleArray();
      if (i == which) {
        v[element] += h;
      }
      in[i] = Tensor.of(v, inputs[i].shape());
    }
    try (Autograd.NoGrad ignored = Autograd.noGrad()) {
      return op.apply(in).mul(up).sum().item();
    }
  }

  static void assertClose(String what, double[] expected, double[] actual, double tol) {
    if (expected.length != actual.length) {
      throw new AssertionError(
          what + ": " + actual.length + " values, expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tol * (1 + Math.abs(expected[i])))) {
        throw new AssertionError(
            what
                + ": element "
                + i
                + " is "
                + actual[i]
                + ", expected "
                + expected[i]
                + (expected.length <= 64
                    ? "\n expected "
                        + Arrays.toString(expected)
                        + "\n actual   "
                        + Arrays.toString(actual)
                    : ""));
      }
    }
  }
}
