package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link BatchNormBlocks32} (float32 batch norm in channel blocks over native memory) against the
 * float64 kernels, which {@code OpFixtureParityTest} and {@link BatchNormActTest} check against
 * PyTorch: shapes with one and many channels per block, channel segments longer than a piece, and
 * inputs large enough to be split between two threads.
 */
class BatchNormBlocksTest {
  private static final long[][] SHAPES = {
    {8, 40, 32, 32}, // 327,680 elements: two threads, 2 channels per block
    {3, 5, 80, 60}, // segments of 4,800 floats: one channel per piece, more than a piece long
    {4, 70, 3, 3}, // segments of 9 floats, the shortest with scalar constants; one block
    {5, 7, 1, 2}, // segments of 2 floats, the shortest the blocks take
    {32, 512, 2, 2}, // ResNet18's layer4: segments of 4 floats, constants repeated per element
    {2, 12, 96, 96}, // 221,184 elements: one thread, 96×96 segments longer than a piece
    {16, 16, 64, 64} // 1,048,576 elements, one channel per block, two threads
  };

  @Test
  void matchesFloat64() {
    Generator gen = new Generator(17);
    int k = 0;
    for (long[] shape : SHAPES) {
      boolean training = k % 2 == 0;
      boolean withRes = k != 2 && k != 6;
      boolean relu = k != 1 && k != 6;
      k++;
      long c = shape[1];
      Tensor x = Tensor.randn(gen, shape).mul(1.7).add(0.4);
      Tensor res = Tensor.randn(gen, shape);
      Tensor w = Tensor.rand(gen, c).add(0.5);
      Tensor b = Tensor.randn(gen, c);
      Tensor up = Tensor.randn(gen, shape);
      if (withRes && relu) {
        res = awayFromKink(x, res, w, b, training);
      }
      double[][] f32 = run(x, res, w, b, up, training, withRes, relu, DType.FLOAT32);
      double[][] f64 = run(x, res, w, b, up, training, withRes, relu, DType.FLOAT64);
      String what = java.util.Arrays.toString(shape) + " training=" + training;
      String[] names = {"y", "dx", "dres", "dw", "db", "running mean", "running var"};
      for (int i = 0; i < f32.length; i++) {
        close(what + " " + names[i], f64[i], f32[i], i == 3 || i == 4 ? 2e-4 : 2e-5);
      }
    }
  }

  /**
   * The eval-mode input gradient is {@code g·w/√(var + eps)} masked by the ReLU, whatever the
   * batch.
   */
  @Test
  void evalGradientIsTheScaledMaskedGradient() {
    Generator gen = new Generator(4);
    long[] shape = {2, 3, 4, 5};
    Tensor x = Tensor.randn(gen, shape).requiresGrad(true);
    Tensor rm = Tensor.of(new float[] {0.5f, -1f, 2f});
    Tensor rv = Tensor.of(new float[] {4f, 0.25f, 1f});
    Tensor w = Tensor.of(new float[] {2f, 3f, -1f});
    Tensor bias = Tensor.of(new float[] {0f, 1f, 0.5f});
    Tensor y = Fused.batchNormAct(x, rm, rv, w, bias, false, 0.1, 0, null, true);
    y.sum().backward();
    float[] xv = x.toFloatArray();
    float[] yv = y.toFloatArray();
    float[] gx = x.grad().toFloatArray();
    float[] mean = rm.toFloatArray();
    float[] var = rv.toFloatArray();
    float[] wv = w.toFloatArray();
    float[] bv = bias.toFloatArray();
    for (int i = 0; i < xv.length; i++) {
      int ch = (i / 20) % 3;
      double sc = wv[ch] / Math.sqrt(var[ch]);
      double pre = (xv[i] - mean[ch]) * sc + bv[ch];
      assertEquals(Math.max(pre, 0), yv[i], 1e-5, "y[" + i + "]");
      assertEquals(pre > 0 ? sc : 0, gx[i], 1e-5, "dx[" + i + "]");
    }
  }

  /**
   * {@code res} nudged so that no pre-ReLU value {@code bn(x) + res} lies within 1e-3 of 0, where
   * float32 and float64 could disagree on the ReLU's mask.
   */
  private static Tensor awayFromKink(Tensor x, Tensor res, Tensor w, Tensor b, boolean training) {
    long c = x.size(1);
    Tensor rm = Tensor.zeros(c).add(0.1);
    Tensor rv = Tensor.ones(c).mul(1.3);
    double[] pre =
        Fused.batchNormAct(
                x.to(DType.FLOAT64),
                rm.to(DType.FLOAT64),
                rv.to(DType.FLOAT64),
                w.to(DType.FLOAT64),
                b.to(DType.FLOAT64),
                training,
                0.1,
                1e-5,
                res.to(DType.FLOAT64),
                false)
            .toDoubleArray();
    float[] r = res.toFloatArray();
    for (int i = 0; i < r.length; i++) {
      if (Math.abs(pre[i]) < 1e-3) {
        r[i] += pre[i] < 0 ? -2e-3f : 2e-3f;
      }
    }
    return Tensor.of(r, x.shape());
  }

  /** Output, then the gradients of x, residual, weight, bias and the new running stats. */
  private static double[][] run(
      Tensor x0,
      Tensor r0,
      Tensor w0,
      Tensor b0,
      Tensor up0,
      boolean training,
      boolean withRes,
      boolean relu,
      DType type) {
    Tensor x = x0.detach().to(type).detach().copy().requiresGrad(true);
    Tensor r = withRes ? r0.detach().to(type).detach().copy().requiresGrad(true) : null;
    Tensor w = w0.detach().to(type).detach().copy().requiresGrad(true);
    Tensor b = b0.detach().to(type).detach().copy().requiresGrad(true);
    Tensor up = up0.to(type);
    Tensor rm = Tensor.zeros(x.size(1)).add(0.1).to(type);
    Tensor rv = Tensor.ones(x.size(1)).mul(1.3).to(type);
    Tensor y = Fused.batchNormAct(x, rm, rv, w, b, training, 0.1, 1e-5, r, relu);
    y.mul(up).sum().backward();
    double[] none = new double[0];
    return new double[][] {
      y.toDoubleArray(),
      x.grad().toDoubleArray(),
      r == null ? none : r.grad().toDoubleArray(),
      w.grad().toDoubleArray(),
      b.grad().toDoubleArray(),
      rm.toDoubleArray(),
      rv.toDoubleArray()
    };
  }

  /** Elementwise closeness relative to the largest magnitude of {@code expected}. */
  private static void close(String what, double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 1e-3;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > tol * scale) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }
}
