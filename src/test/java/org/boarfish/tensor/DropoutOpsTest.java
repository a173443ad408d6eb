package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DropoutOpsTest {
  @Test
  void identityWhenNotTrainingOrPZero() {
    Tensor x = Tensor.randn(1, 4, 5).requiresGrad(true);
    assertSame(x, F.dropout(x, 0.5, false, new Generator(1)));
    assertSame(x, F.dropout(x, 0.0, true, new Generator(1)));
  }

  @Test
  void sameSeedSameMaskDifferentSeedDifferentMask() {
    Tensor x = Tensor.ones(1000);
    double[] a = F.dropout(x, 0.5, true, new Generator(7)).toDoubleArray();
    double[] b = F.dropout(x, 0.5, true, new Generator(7)).toDoubleArray();
    double[] c = F.dropout(x, 0.5, true, new Generator(8)).toDoubleArray();
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c));
    // successive calls on one generator draw different masks
    Generator g = new Generator(7);
    double[] first = F.dropout(x, 0.5, true, g).toDoubleArray();
    double[] second = F.dropout(x, 0.5, true, g).toDoubleArray();
    assertArrayEquals(a, first);
    assertFalse(java.util.Arrays.equals(first, second));
  }

  @Test
  void dropsTheExpectedFractionAndScalesTheRest() {
    for (double p : new double[] {0.1, 0.3, 0.5, 0.9}) {
      for (DType type : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        int n = 100_000;
        double[] y = F.dropout(Tensor.ones(type, n), p, true, new Generator(3)).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
          if (v == 0) {
            zeros++;
          } else {
            assertEquals(1 / (1 - p), v, 1e-6, "kept elements are scaled by 1/(1-p)");
          }
        }
        // binomial std at n = 1e5 is at most 0.0016
        assertEquals(p, zeros / (double) n, 0.01, "fraction zeroed for p=" + p + " " + type);
      }
    }
  }

  @Test
  void gradientIsMaskTimesScale() {
    for (DType type : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = Tensor.rand(5, 50, 40).add(0.5).to(type).detach().requiresGrad(true);
      Tensor y = F.dropout(x, 0.4, true, new Generator(11));
      Tensor up = Tensor.randn(6, 50, 40).to(type);
      y.backward(up);
      double[] xs = x.toDoubleArray();
      double[] ys = y.toDoubleArray();
      double[] us = up.toDoubleArray();
      double[] gs = x.grad().toDoubleArray();
      for (int i = 0; i < xs.length; i++) {
        double m = ys[i] / xs[i]; // 0 or 1/(1-p)
        assertTrue(m == 0 || Math.abs(m - 1 / 0.6) < 1e-5, "mask value " + m);
        assertEquals(us[i] * m, gs[i], 1e-5 * (1 + Math.abs(gs[i])));
      }
      assertEquals(type, y.dtype());
    }
  }

  @Test
  void pOneGivesZerosAndZeroGradient() {
    Tensor x = Tensor.randn(2, 3, 4).requiresGrad(true);
    Tensor y = F.dropout(x, 1.0, true, new Generator(1));
    assertArrayEquals(new double[12], y.toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[12], x.grad().toDoubleArray());
  }

  @Test
  void rejectsProbabilityOutsideZeroOne() {
    Tensor x = Tensor.ones(3);
    for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> F.dropout(x, p, true, new Generator(1)));
      assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }
  }

  @Test
  void worksInsideAScopeAndOnViews() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.randn(4, 3, 6, 8).transpose(0, 1); // a strided view
      Tensor y = F.dropout(x, 0.5, true, new Generator(2));
      assertArrayEquals(x.shape(), y.shape());
      double[] xs = x.toDoubleArray();
      double[] ys = y.toDoubleArray();
      for (int i = 0; i < xs.length; i++) {
        assertTrue(ys[i] == 0 || Math.abs(ys[i] - 2 * xs[i]) < 1e-5);
      }
    }
  }
}
