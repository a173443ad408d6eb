package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test helpers for the norm/embedding/dropout/LSTM tests: float64 finite-difference checks and
 * array comparison.
 */
final class FiniteDiff {
  private FiniteDiff() {}

  /**
   * Checks the gradients of a scalar {@code objective} with respect to float64 leaves by central
   * differences at up to {@code samples} elements of each leaf (perturbing the leaves' data in
   * place). {@code skip} (may be null) names elements to leave out, as leaf index and flat
   * position.
   */
  static void check(Supplier<Tensor> objective, List<Tensor> leaves, int samples, Skip skip) {
    for (Tensor t : leaves) {
      t.setGrad(null);
      t.requiresGrad(true);
    }
    objective.get().backward();
    SplittableRandom rnd = new SplittableRandom(42);
    double h = 1e-6;
    for (int li = 0; li < leaves.size(); li++) {
      Tensor leaf = leaves.get(li);
      assertEquals(DType.FLOAT64, leaf.dtype(), "finite differences need float64 leaves");
      double[] analytic = leaf.grad().toDoubleArray();
      INDArray flat = leaf.data().reshape(leaf.numel());
      int n = analytic.length;
      for (int s = 0; s < Math.min(n, samples); s++) {
        int i = n <= samples ? s : rnd.nextInt(n);
        if (skip != null && skip.test(li, i)) {
          continue;
        }
        double v = flat.getDouble(i);
        double plus;
        double minus;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
          flat.putScalar(i, v + h);
          plus = objective.get().item();
          flat.putScalar(i, v - h);
          minus = objective.get().item();
          flat.putScalar(i, v);
        }
        double numeric = (plus - minus) / (2 * h);
        if (Math.abs(numeric - analytic[i]) > 1e-6 + 1e-4 * Math.abs(numeric)) {
          throw new AssertionError(
              "leaf " + li + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric);
        }
      }
    }
  }

  /** Elements a finite-difference check leaves out. */
  @FunctionalInterface
  interface Skip {
    boolean test(int leaf, int position);
  }

  /**
   * {@code Σ out·up} over pairs of tensors: the objective whose gradient is the vector-Jacobian
   * product.
   */
  static Tensor dot(Tensor... outUp) {
    Tensor total = null;
    for (int k = 0; k < outUp.length; k += 2) {
      Tensor term = outUp[k].mul(outUp[k + 1]).sum();
      total = total == null ? term : total.add(term);
    }
    return total;
  }

  /** Same shape and every element within {@code tol} (absolute plus relative). */
  static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(e[i] - a[i]) <= tol * (1 + Math.abs(e[i])))) {
        throw new AssertionError(
            what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
      }
    }
  }

  /** A float64 tensor of standard normals. */
  static Tensor randn64(long seed, long... shape) {
    return Tensor.randn(seed, shape).to(DType.FLOAT64);
  }
}
