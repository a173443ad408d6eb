package org.boarfish.tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference gradient checks in float64 for every op of the fixture set: central differences
 * of {@code Σ out·upstream} against the analytic gradient, at up to 40 sampled elements of every
 * float input.
 */
class OpGradCheckTest {
  private static final double EPS = 1e-6;

  @TestFactory
  Stream<DynamicTest> finiteDifferences() {
    return Fixtures.opCases().stream()
        .filter(c -> c.dtype().equals("float64") && !c.grads().isEmpty())
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(Fixtures.Case c) {
    Map<String, Tensor> base = c.loadInputs();
    Map<String, Tensor> up = new LinkedHashMap<>();
    c.upstream().forEach((k, v) -> up.put(k, Fixtures.load(v)));
    Map<String, Tensor> in = OpFixtureParityTest.copies(base);
    c.grads().keySet().forEach(k -> in.get(k).requiresGrad(true));
    objective(c, in, up).backward();
    SplittableRandom rnd = new SplittableRandom(c.name().hashCode());
    for (String k : c.grads().keySet()) {
      double[] analytic = in.get(k).grad().toDoubleArray();
      int n = analytic.length;
      for (int s = 0; s < Math.min(n, 40); s++) {
        int i = n <= 40 ? s : rnd.nextInt(n);
        if (isPaddingRow(c, k, i)) {
          continue; // PyTorch defines the padding row's gradient as 0, not the derivative
        }
        double numeric =
            directional(perturbed(c, base, k, i, EPS), perturbed(c, base, k, i, -EPS), up)
                / (2 * EPS);
        if (Math.abs(numeric - analytic[i]) > 1e-6 + 1e-4 * Math.abs(numeric)) {
          throw new AssertionError(
              c.name()
                  + ": d/d"
                  + k
                  + "["
                  + i
                  + "] analytic "
                  + analytic[i]
                  + " vs numeric "
                  + numeric);
        }
      }
    }
  }

  private static boolean isPaddingRow(Fixtures.Case c, String input, int i) {
    if (!c.op().equals("embedding")
        || c.params() == null
        || !c.params().has("padding_idx")
        || !input.equals("weight")) {
      return false;
    }
    long dim = Fixtures.load(c.inputs().get("weight")).size(1);
    return i / dim == c.params().get("padding_idx").asLong();
  }

  /** The outputs with input k's element i moved by h. */
  private static Map<String, double[]> perturbed(
      Fixtures.Case c, Map<String, Tensor> base, String k, int i, double h) {
    Map<String, Tensor> in = OpFixtureParityTest.copies(base);
    INDArray flat = in.get(k).data().reshape(in.get(k).numel());
    flat.putScalar(i, flat.getDouble(i) + h);
    Map<String, double[]> out = new LinkedHashMap<>();
    try (Autograd.NoGrad ignored = Autograd.noGrad()) {
      OpEvaluator.run(c, in).forEach((name, t) -> out.put(name, t.toDoubleArray()));
    }
    return out;
  }

  /**
   * Σ (plus − minus)·upstream, differencing before summing so that huge constant outputs (masked
   * −1e9) cancel exactly.
   */
  private static double directional(
      Map<String, double[]> plus, Map<String, double[]> minus, Map<String, Tensor> up) {
    double total = 0;
    for (Map.Entry<String, Tensor> e : up.entrySet()) {
      double[] p = plus.get(e.getKey());
      double[] m = minus.get(e.getKey());
      double[] u = e.getValue().toDoubleArray();
      for (int j = 0; j < p.length; j++) {
        total += (p[j] - m[j]) * u[u.length == 1 ? 0 : j];
      }
    }
    return total;
  }

  private static Tensor objective(Fixtures.Case c, Map<String, Tensor> in, Map<String, Tensor> up) {
    Map<String, Tensor> out = OpEvaluator.run(c, in);
    Tensor total = null;
    for (Map.Entry<String, Tensor> e : up.entrySet()) {
      Tensor term = out.get(e.getKey()).mul(e.getValue()).sum();
      total = total == null ? term : total.add(term);
    }
    return total;
  }
}
