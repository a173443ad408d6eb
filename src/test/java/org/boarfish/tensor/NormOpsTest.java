package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NormOpsTest {
  private static final double EPS = 1e-5;

  /** Batch norm computed naively in double: returns {y, batch mean, biased var} over [N, C, S]. */
  private static double[][] naiveBatchNorm(
      double[] x, int n, int c, int s, double[] mean, double[] var, double[] w, double[] b) {
    double[] mu = new double[c];
    double[] v = new double[c];
    for (int k = 0; k < c; k++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < s; j++) {
          sum += x[(i * c + k) * s + j];
        }
      }
      mu[k] = sum / (n * s);
      double sq = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < s; j++) {
          double d = x[(i * c + k) * s + j] - mu[k];
          sq += d * d;
        }
      }
      v[k] = sq / (n * s);
    }
    double[] useMean = mean == null ? mu : mean;
    double[] useVar = var == null ? v : var;
    double[] y = new double[x.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        for (int j = 0; j < s; j++) {
          int p = (i * c + k) * s + j;
          y[p] =
              (x[p] - useMean[k]) / Math.sqrt(useVar[k] + EPS) * (w == null ? 1 : w[k])
                  + (b == null ? 0 : b[k]);
        }
      }
    }
    return new double[][] {y, mu, v};
  }

  @Test
  void trainingUsesBatchStatsAndUpdatesRunningStats() {
    for (DType type : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = Tensor.randn(1, 4, 3, 5, 5).mul(2).add(1).to(type);
      Tensor w = Tensor.randn(2, 3).to(type);
      Tensor b = Tensor.randn(3, 3).to(type);
      Tensor rm = Tensor.of(new double[] {0.5, -0.5, 0}).to(type);
      Tensor rv = Tensor.of(new double[] {1, 2, 3}).to(type);
      Tensor y = F.batchNorm(x, rm, rv, w, b, true, 0.1, EPS);
      double[][] want =
          naiveBatchNorm(
              x.toDoubleArray(), 4, 3, 25, null, null, w.toDoubleArray(), b.toDoubleArray());
      double tol = type == DType.FLOAT32 ? 1e-5 : 1e-12;
      FiniteDiff.assertClose(Tensor.of(want[0], 4, 3, 5, 5), y, tol, "train output " + type);
      double[] m = {0.5, -0.5, 0};
      double[] v = {1, 2, 3};
      double[] wantRm = new double[3];
      double[] wantRv = new double[3];
      for (int k = 0; k < 3; k++) {
        wantRm[k] = 0.9 * m[k] + 0.1 * want[1][k];
        wantRv[k] = 0.9 * v[k] + 0.1 * want[2][k] * 100 / 99;
      }
      FiniteDiff.assertClose(Tensor.of(wantRm, 3), rm, tol, "running mean");
      FiniteDiff.assertClose(Tensor.of(wantRv, 3), rv, tol, "running var (unbiased)");
      assertEquals(type, rm.dtype());
    }
  }

  @Test
  void evalUsesRunningStatsAndLeavesThemAlone() {
    Tensor x = FiniteDiff.randn64(1, 8, 5);
    Tensor rm = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5});
    Tensor rv = Tensor.of(new double[] {1, 2, 0.5, 1.5, 3});
    Tensor w = FiniteDiff.randn64(2, 5);
    Tensor b = FiniteDiff.randn64(3, 5);
    Tensor eval = F.batchNorm(x, rm, rv, w, b, false, 0.1, EPS);
    double[][] want =
        naiveBatchNorm(
            x.toDoubleArray(),
            8,
            5,
            1,
            rm.toDoubleArray(),
            rv.toDoubleArray(),
            w.toDoubleArray(),
            b.toDoubleArray());
    FiniteDiff.assertClose(Tensor.of(want[0], 8, 5), eval, 1e-12, "eval output");
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, rm.toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 0.5, 1.5, 3}, rv.toDoubleArray());
    Tensor train = F.batchNorm(x, rm, rv, w, b, true, 0.1, EPS);
    assertFalse(
        java.util.Arrays.equals(eval.toDoubleArray(), train.toDoubleArray()),
        "train and eval differ");
  }

  @Test
  void runningStatsStayOutOfTheGraph() {
    Tensor x = Tensor.randn(1, 6, 2, 3).requiresGrad(true);
    Tensor rm = Tensor.zeros(2);
    Tensor rv = Tensor.ones(2);
    F.batchNorm(x, rm, rv, null, null, true, 0.1, EPS)
        .mul(Tensor.randn(2, 6, 2, 3))
        .sum()
        .backward();
    assertFalse(rm.requiresGrad());
    assertNull(rm.grad());
    assertTrue(rm.isLeaf());
    assertEquals(3, x.grad().dim());
  }

  @Test
  void noAffineNoTracking() {
    Tensor x = FiniteDiff.randn64(1, 5, 3, 4);
    Tensor ones = Tensor.ones(DType.FLOAT64, 3);
    Tensor zeros = Tensor.zeros(DType.FLOAT64, 3);
    Tensor plain = F.batchNorm(x, null, null, null, null, true, 0.1, EPS);
    FiniteDiff.assertClose(
        F.batchNorm(x, null, null, ones, zeros, true, 0.1, EPS),
        plain,
        1e-12,
        "no affine = unit affine");
    // without running stats, eval mode also normalises with the batch statistics
    FiniteDiff.assertClose(
        plain, F.batchNorm(x, null, null, null, null, false, 0.1, EPS), 1e-12, "untracked eval");
    FiniteDiff.assertClose(
        F.batchNorm(x, null, null, ones, null, true, 0.1, EPS), plain, 1e-12, "weight only");
    FiniteDiff.assertClose(
        F.batchNorm(x, null, null, null, zeros, true, 0.1, EPS), plain, 1e-12, "bias only");
  }

  @Test
  void gradientsByFiniteDifferences() {
    // rank 3 (the fixtures cover ranks 2 and 4), training with batch statistics
    Tensor x = FiniteDiff.randn64(1, 3, 4, 5);
    Tensor w = FiniteDiff.randn64(2, 4);
    Tensor b = FiniteDiff.randn64(3, 4);
    Tensor up = FiniteDiff.randn64(4, 3, 4, 5);
    FiniteDiff.check(
        () -> F.batchNorm(x, null, null, w, b, true, 0.1, EPS).mul(up).sum(),
        List.of(x, w, b),
        60,
        null);
    // eval mode
    Tensor rm = FiniteDiff.randn64(5, 4);
    Tensor rv = FiniteDiff.randn64(6, 4).abs().add(0.5);
    FiniteDiff.check(
        () -> F.batchNorm(x, rm, rv, w, b, false, 0.1, EPS).mul(up).sum(),
        List.of(x, w, b),
        60,
        null);
    // weight without bias, bias without weight
    FiniteDiff.check(
        () -> F.batchNorm(x, null, null, w, null, true, 0.1, EPS).mul(up).sum(),
        List.of(x, w),
        30,
        null);
    FiniteDiff.check(
        () -> F.batchNorm(x, null, null, null, b, true, 0.1, EPS).mul(up).sum(),
        List.of(x, b),
        30,
        null);
  }

  @Test
  void largeFloat32MatchesFloat64() {
    // big enough for the two-thread path and for segments longer than one heap block
    Tensor x64 = FiniteDiff.randn64(1, 8, 8, 48, 48).mul(3).add(5);
    Tensor w64 = FiniteDiff.randn64(2, 8);
    Tensor b64 = FiniteDiff.randn64(3, 8);
    Tensor up64 = FiniteDiff.randn64(4, 8, 8, 48, 48);
    Tensor x32 = x64.to(DType.FLOAT32).detach().requiresGrad(true);
    Tensor w32 = w64.to(DType.FLOAT32).detach().requiresGrad(true);
    Tensor b32 = b64.to(DType.FLOAT32).detach().requiresGrad(true);
    x64.requiresGrad(true);
    w64.requiresGrad(true);
    b64.requiresGrad(true);
    Tensor y64 = F.batchNorm(x64, null, null, w64, b64, true, 0.1, EPS);
    Tensor y32 = F.batchNorm(x32, null, null, w32, b32, true, 0.1, EPS);
    y64.backward(up64);
    y32.backward(up64.to(DType.FLOAT32));
    FiniteDiff.assertClose(y64, y32, 1e-5, "output");
    FiniteDiff.assertClose(x64.grad(), x32.grad(), 1e-4, "grad x");
    FiniteDiff.assertClose(w64.grad(), w32.grad(), 1e-4, "grad w");
    FiniteDiff.assertClose(b64.grad(), b32.grad(), 1e-4, "grad b");
  }

  @Test
  void badShapesAndSingleValueChannels() {
    Tensor x = Tensor.randn(1, 4, 3);
    assertThrows(
        IllegalArgumentException.class,
        () -> F.batchNorm(Tensor.randn(1, 3), null, null, null, null, true, 0.1, EPS));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> F.batchNorm(x, null, null, Tensor.ones(4), null, true, 0.1, EPS));
    assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[3]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> F.batchNorm(Tensor.randn(1, 1, 3), null, null, null, null, true, 0.1, EPS));
    assertThrows(
        IllegalArgumentException.class,
        () -> F.batchNorm(x, Tensor.zeros(3), null, null, null, true, 0.1, EPS));
    assertThrows(
        IllegalArgumentException.class, () -> F.layerNorm(x, new long[] {4}, null, null, EPS));
  }

  @Test
  void layerNormWithoutAffineAndItsGradients() {
    Tensor x = FiniteDiff.randn64(1, 2, 3, 4).mul(2).add(3);
    Tensor y = F.layerNorm(x, new long[] {3, 4}, null, null, EPS);
    double[] xs = x.toDoubleArray();
    double[] want = new double[xs.length];
    for (int r = 0; r < 2; r++) {
      double mu = 0;
      for (int j = 0; j < 12; j++) {
        mu += xs[r * 12 + j] / 12;
      }
      double var = 0;
      for (int j = 0; j < 12; j++) {
        var += (xs[r * 12 + j] - mu) * (xs[r * 12 + j] - mu) / 12;
      }
      for (int j = 0; j < 12; j++) {
        want[r * 12 + j] = (xs[r * 12 + j] - mu) / Math.sqrt(var + EPS);
      }
    }
    FiniteDiff.assertClose(Tensor.of(want, 2, 3, 4), y, 1e-12, "layer norm");
    Tensor up = FiniteDiff.randn64(2, 2, 3, 4);
    Tensor w = FiniteDiff.randn64(3, 4);
    FiniteDiff.check(
        () -> F.layerNorm(x, new long[] {4}, w, null, EPS).mul(up).sum(), List.of(x, w), 24, null);
    FiniteDiff.check(
        () -> F.layerNorm(x, new long[] {3, 4}, null, null, EPS).mul(up).sum(),
        List.of(x),
        24,
        null);
  }

  @Test
  void layerNormFloat32LargeMatchesFloat64() {
    Tensor x64 = FiniteDiff.randn64(1, 300, 1024).add(2);
    Tensor w64 = FiniteDiff.randn64(2, 1024);
    Tensor b64 = FiniteDiff.randn64(3, 1024);
    Tensor up = FiniteDiff.randn64(4, 300, 1024);
    Tensor x32 = x64.to(DType.FLOAT32).detach().requiresGrad(true);
    Tensor w32 = w64.to(DType.FLOAT32).detach().requiresGrad(true);
    Tensor b32 = b64.to(DType.FLOAT32).detach().requiresGrad(true);
    x64.requiresGrad(true);
    w64.requiresGrad(true);
    b64.requiresGrad(true);
    Tensor y64 = F.layerNorm(x64, new long[] {1024}, w64, b64, EPS);
    Tensor y32 = F.layerNorm(x32, new long[] {1024}, w32, b32, EPS);
    y64.backward(up);
    y32.backward(up.to(DType.FLOAT32));
    FiniteDiff.assertClose(y64, y32, 1e-5, "output");
    FiniteDiff.assertClose(x64.grad(), x32.grad(), 1e-4, "grad x");
    FiniteDiff.assertClose(w64.grad(), w32.grad(), 1e-4, "grad w");
    FiniteDiff.assertClose(b64.grad(), b32.grad(), 1e-4, "grad b");
  }

  @Test
  void insideAScopeAndOnStridedInputs() {
    Tensor rm = Tensor.zeros(3);
    Tensor rv = Tensor.ones(3);
    Tensor x = Tensor.randn(1, 3, 6, 5).requiresGrad(true);
    double[] expected;
    try (Autograd.NoGrad ignored = Autograd.noGrad()) {
      expected =
          F.batchNorm(x.transpose(0, 1).copy(), null, null, null, null, true, 0.1, EPS)
              .toDoubleArray();
    }
    try (Scope s = Scope.open()) {
      Tensor y =
          F.batchNorm(x.transpose(0, 1), rm, rv, null, null, true, 0.1, EPS); // a strided view
      assertArrayEquals(expected, y.toDoubleArray(), 1e-6);
      y.sum().backward();
    }
    assertEquals(3, x.grad().dim());
  }

  @Test
  void bufReadsViewsAtTheirOffset() {
    INDArray big =
        Nd4j.arange(0, 60).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(12, 5);
    INDArray rows = big.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all());
    NormOps.Buf b = NormOps.Buf.of(rows);
    assertEquals(15.0, b.get(0), 0);
    double[] v = new double[15];
    b.read(0, v, 0, 15);
    assertEquals(29.0, v[14], 0);
    b.write(1, new double[] {-1}, 0, 1);
    assertEquals(-1.0, big.getDouble(3, 1), 0);
    try (Scope s = Scope.open()) {
      INDArray a = Kernels.empty(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 4, 4).assign(2);
      INDArray view = a.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
      NormOps.Buf.of(view).set(0, 7);
      assertEquals(7.0, a.getDouble(2, 0), 0);
      assertEquals(2.0, a.getDouble(1, 3), 0);
    }
  }

  /**
   * The float32 kernels (row and segment forms, S = 1, 4 and 49) agree with the float64 path,
   * forward and backward.
   */
  @Test
  void batchNormFloat32MatchesFloat64() {
    long[][] shapes = {{32, 6}, {16, 5, 2, 2}, {8, 3, 7, 7}};
    for (long[] shape : shapes) {
      int c = (int) shape[1];
      Tensor x64 = ConvPoolReference.rand(11, shape).mul(3).add(2);
      Tensor up64 = ConvPoolReference.rand(12, shape);
      Tensor w64 = ConvPoolReference.rand(13, c);
      Tensor b64 = ConvPoolReference.rand(14, c);
      double[][] results = new double[2][];
      double[][][] grads = new double[2][][];
      for (int run = 0; run < 2; run++) {
        DType t = run == 0 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor x = x64.to(t).detach().requiresGrad(true);
        Tensor w = w64.to(t).detach().requiresGrad(true);
        Tensor b = b64.to(t).detach().requiresGrad(true);
        Tensor rm = Tensor.zeros(c).to(t);
        Tensor rv = Tensor.ones(c).to(t);
        Tensor y = F.batchNorm(x, rm, rv, w, b, true, 0.1, EPS);
        y.mul(up64.to(t)).sum().backward();
        results[run] = concat(y.toDoubleArray(), rm.toDoubleArray(), rv.toDoubleArray());
        grads[run] =
            new double[][] {
              x.grad().toDoubleArray(), w.grad().toDoubleArray(), b.grad().toDoubleArray()
            };
      }
      String what = java.util.Arrays.toString(shape);
      ConvPoolReference.assertClose(
          what + " forward and running stats", results[0], results[1], 1e-5);
      for (int i = 0; i < 3; i++) {
        ConvPoolReference.assertClose(what + " grad " + i, grads[0][i], grads[1][i], 1e-4);
      }
    }
  }

  private static double[] concat(double[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
  }
}
