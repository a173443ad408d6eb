package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Fused#batchNormAct} against PyTorch 1.13 ({@code src/test/resources/fused/bnact.txt},
 * written by {@code gen.py} next to it), against the unfused chain of ops, and its float32
 * gradients against central differences of the float64 chain.
 */
class BatchNormActTest {
  private static Map<String, Map<String, float[]>> cases() throws IOException {
    String text;
    try (InputStream in = BatchNormActTest.class.getResourceAsStream("/fused/bnact.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Map<String, float[]>> out = new LinkedHashMap<>();
    Map<String, float[]> cur = null;
    for (String line : text.split("\n")) {
      String[] t = line.strip().split(" ");
      if (t[0].equals("case")) {
        cur = new HashMap<>();
        float[] head = new float[t.length - 2];
        for (int i = 0; i < head.length; i++) {
          head[i] = Float.parseFloat(t[i + 2]);
        }
        cur.put("head", head);
        out.put(t[1], cur);
      } else if (t.length > 1) {
        float[] v = new float[t.length - 1];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(t[i + 1]);
        }
        cur.put(t[0], v);
      }
    }
    return out;
  }

  private static void close(String what, float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      if (err > tol * (1 + Math.abs(expected[i]))) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }

  @Test
  void matchesPyTorch() throws IOException {
    for (Map.Entry<String, Map<String, float[]>> e : cases().entrySet()) {
      Map<String, float[]> v = e.getValue();
      float[] h = v.get("head");
      boolean training = h[0] == 1;
      long[] shape = {(long) h[1], (long) h[2], (long) h[3], (long) h[4]};
      long c = shape[1];
      Tensor x = Tensor.of(v.get("x"), shape).requiresGrad(true);
      Tensor w = Tensor.of(v.get("w"), c).requiresGrad(true);
      Tensor b = Tensor.of(v.get("b"), c).requiresGrad(true);
      Tensor res = Tensor.of(v.get("res"), shape).requiresGrad(true);
      Tensor rm = Tensor.of(v.get("rm"), c);
      Tensor rv = Tensor.of(v.get("rv"), c);
      Tensor y = Fused.batchNormAct(x, rm, rv, w, b, training, 0.1, 1e-5, res, true);
      y.mul(Tensor.of(v.get("up"), shape)).sum().backward();
      String n = e.getKey();
      close(n + " y", v.get("y"), y.toFloatArray(), 1e-5);
      close(n + " running mean", v.get("rm1"), rm.toFloatArray(), 1e-5);
      close(n + " running var", v.get("rv1"), rv.toFloatArray(), 1e-5);
      close(n + " dx", v.get("dx"), x.grad().toFloatArray(), 1e-4);
      close(n + " dw", v.get("dw"), w.grad().toFloatArray(), 1e-4);
      close(n + " db", v.get("db"), b.grad().toFloatArray(), 1e-4);
      close(n + " dres", v.get("dres"), res.grad().toFloatArray(), 1e-5);
    }
  }

  /** Every combination of residual / ReLU / affine, train and eval, against the unfused ops. */
  @Test
  void matchesTheChainOfOps() {
    Generator gen = new Generator(3);
    long[] shape = {4, 3, 5, 6};
    for (boolean training : new boolean[] {true, false}) {
      for (boolean withRes : new boolean[] {true, false}) {
        for (boolean relu : new boolean[] {true, false}) {
          for (boolean affine : new boolean[] {true, false}) {
            Tensor x = Tensor.randn(gen, shape);
            Tensor res = Tensor.randn(gen, shape);
            Tensor w = Tensor.rand(gen, 3).add(0.5);
            Tensor b = Tensor.randn(gen, 3);
            Tensor up = Tensor.randn(gen, shape);
            float[][] fused = run(x, res, w, b, up, training, withRes, relu, affine, true);
            float[][] chain = run(x, res, w, b, up, training, withRes, relu, affine, false);
            String what = "training=" + training + " res=" + withRes + " relu=" + relu;
            for (int k = 0; k < fused.length; k++) {
              close(what + " output " + k, chain[k], fused[k], 1e-5);
            }
          }
        }
      }
    }
  }

  /** Output, then the gradients of x, residual, weight, bias and the new running stats. */
  private static float[][] run(
      Tensor x0,
      Tensor r0,
      Tensor w0,
      Tensor b0,
      Tensor up,
      boolean training,
      boolean withRes,
      boolean relu,
      boolean affine,
      boolean fused) {
    Tensor x = x0.detach().copy().requiresGrad(true);
    Tensor r = withRes ? r0.detach().copy().requiresGrad(true) : null;
    Tensor w = affine ? w0.detach().copy().requiresGrad(true) : null;
    Tensor b = affine ? b0.detach().copy().requiresGrad(true) : null;
    Tensor rm = Tensor.zeros(x.size(1)).add(0.1);
    Tensor rv = Tensor.ones(x.size(1)).mul(1.3);
    Tensor y;
    if (fused) {
      y = Fused.batchNormAct(x, rm, rv, w, b, training, 0.1, 1e-5, r, relu);
    } else {
      y = F.batchNorm(x, rm, rv, w, b, training, 0.1, 1e-5);
      y = r == null ? y : y.add(r);
      y = relu ? y.relu() : y;
    }
    y.mul(up).sum().backward();
    float[] none = new float[0];
    return new float[][] {
      y.toFloatArray(),
      x.grad().toFloatArray(),
      r == null ? none : r.grad().toFloatArray(),
      w == null ? none : w.grad().toFloatArray(),
      b == null ? none : b.grad().toFloatArray(),
      rm.toFloatArray(),
      rv.toFloatArray()
    };
  }

  /**
   * The float32 gradients against central differences (step 1e-6) of the same function in float64,
   * at points away from the ReLU's kink.
   */
  @Test
  void gradientsMatchFiniteDifferences() {
    Generator gen = new Generator(5);
    long[] shape = {3, 2, 3, 4};
    Tensor x = Tensor.randn(gen, shape);
    Tensor res = Tensor.randn(gen, shape);
    Tensor w = Tensor.rand(gen, 2).add(0.5);
    Tensor b = Tensor.randn(gen, 2).mul(0.3);
    Tensor up = Tensor.randn(gen, shape);
    for (boolean training : new boolean[] {true, false}) {
      List<Tensor> leaves =
          List.of(
              x.detach().copy().requiresGrad(true),
              w.detach().copy().requiresGrad(true),
              b.detach().copy().requiresGrad(true),
              res.detach().copy().requiresGrad(true));
      Tensor rm = Tensor.zeros(2).add(0.2);
      Tensor rv = Tensor.ones(2).mul(0.8);
      Tensor y =
          Fused.batchNormAct(
              leaves.get(0),
              rm,
              rv,
              leaves.get(1),
              leaves.get(2),
              training,
              0.0,
              1e-5,
              leaves.get(3),
              true);
      y.mul(up).sum().backward();
      double[][] xs = new double[4][];
      for (int k = 0; k < 4; k++) {
        xs[k] = leaves.get(k).detach().toDoubleArray();
      }
      assertFalse(nearKink(chain64(xs, shape, up, training, false)), "a pre-ReLU value near 0");
      int checked = 0;
      for (int k = 0; k < 4; k++) {
        double[] analytic = leaves.get(k).grad().toDoubleArray();
        for (int i = 0; i < xs[k].length; i++) {
          double v = xs[k][i];
          double hh = 1e-6;
          xs[k][i] = v + hh;
          double plus = chain64(xs, shape, up, training, true)[0];
          xs[k][i] = v - hh;
          double minus = chain64(xs, shape, up, training, true)[0];
          xs[k][i] = v;
          double numeric = (plus - minus) / (2 * hh);
          assertTrue(
              Math.abs(numeric - analytic[i]) <= 2e-4 * (1 + Math.abs(numeric)),
              "training="
                  + training
                  + " leaf "
                  + k
                  + "["
                  + i
                  + "]: analytic "
                  + analytic[i]
                  + " vs numeric "
                  + numeric);
          checked++;
        }
      }
      assertTrue(checked > 50, "checked " + checked);
    }
  }

  private static boolean nearKink(double[] pre) {
    for (double p : pre) {
      if (Math.abs(p) < 1e-3) {
        return true;
      }
    }
    return false;
  }

  /**
   * The float64 chain at leaves {@code v} (x, w, b, res): with {@code loss}, {@code Σ up·relu(..)};
   * without, the pre-ReLU values.
   */
  private static double[] chain64(
      double[][] v, long[] shape, Tensor up, boolean training, boolean loss) {
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      long c = shape[1];
      Tensor rm = Tensor.zeros(c).add(0.2).to(DType.FLOAT64);
      Tensor rv = Tensor.ones(c).mul(0.8).to(DType.FLOAT64);
      Tensor pre =
          F.batchNorm(
                  Tensor.of(v[0], shape),
                  rm,
                  rv,
                  Tensor.of(v[1], c),
                  Tensor.of(v[2], c),
                  training,
                  0.0,
                  1e-5)
              .add(Tensor.of(v[3], shape));
      if (!loss) {
        return pre.toDoubleArray();
      }
      return new double[] {pre.relu().mul(up.to(DType.FLOAT64)).sum().item()};
    }
  }

  @Test
  void residualOfAnotherShapeIsRejected() {
    Tensor x = Tensor.zeros(2, 3, 4, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Fused.batchNormAct(
                    x, null, null, null, null, true, 0.1, 1e-5, Tensor.zeros(2, 3, 2, 2), true));
    assertTrue(e.getMessage().contains("residual"), e.getMessage());
  }
}
