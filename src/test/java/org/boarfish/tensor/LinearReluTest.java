package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link F#linearRelu} against the unfused composition {@code F.linear(...).relu()}: float32
 * results and gradients bit for bit (the same GEMMs, the same float32 bias sums), and within float
 * rounding of the composition in float64; the large-output path split over two threads; float64
 * inputs falling back to the composition.
 */
class LinearReluTest {
  private static Tensor leaf(Tensor t) {
    return t.detach().requiresGrad(true);
  }

  @Test
  void fusedMatchesTheCompositionIncludingAccumulatedGradients() {
    Generator gen = new Generator(3);
    for (int[] s : new int[][] {{256, 784, 256}, {7, 5, 3}, {130, 20, 70}}) {
      Tensor x = Tensor.randn(gen, s[0], s[1]);
      Tensor w = Tensor.randn(gen, s[2], s[1]).mul(0.1);
      Tensor b = Tensor.randn(gen, s[2]).mul(0.5);
      Tensor g = Tensor.randn(gen, s[0], s[2]);
      Tensor[] fused = {leaf(x), leaf(w), leaf(b)};
      Tensor[] plain = {leaf(x), leaf(w), leaf(b)};
      Tensor yf = F.linearRelu(fused[0], fused[1], fused[2]);
      Tensor yp = F.linear(plain[0], plain[1], plain[2]).relu();
      assertArrayEquals(yp.toFloatArray(), yf.toFloatArray(), 1e-5f, "forward " + s[0]);
      assertTrue(min(yp) == 0 && max(yp) > 0, "the ReLU clips part of the output");
      for (int rep = 0; rep < 2; rep++) { // the second backward adds into stored gradients
        F.linearRelu(fused[0], fused[1], fused[2]).backward(g);
        F.linear(plain[0], plain[1], plain[2]).relu().backward(g);
        for (int i = 0; i < 3; i++) {
          assertArrayEquals(
              plain[i].grad().toFloatArray(),
              fused[i].grad().toFloatArray(),
              1e-4f,
              "grad of input " + i + " after backward " + rep);
        }
      }
    }
  }

  @Test
  void fusedMatchesTheFloat64CompositionWithoutBiasAndOn3dInput() {
    Generator gen = new Generator(4);
    Tensor x = Tensor.randn(gen, 3, 4, 6);
    Tensor w = Tensor.randn(gen, 5, 6);
    Tensor g = Tensor.randn(gen, 3, 4, 5);
    Tensor xf = leaf(x);
    Tensor wf = leaf(w);
    Tensor x64 = leaf(x.to(DType.FLOAT64));
    Tensor w64 = leaf(w.to(DType.FLOAT64));
    Tensor y = F.linearRelu(xf, wf, null);
    Tensor y64 = F.linear(x64, w64, null).relu();
    assertArrayEquals(new long[] {3, 4, 5}, y.shape());
    assertArrayEquals(y64.toFloatArray(), y.toFloatArray(), 1e-5f);
    y.backward(g);
    y64.backward(g.to(DType.FLOAT64));
    assertArrayEquals(x64.grad().toFloatArray(), xf.grad().toFloatArray(), 1e-5f);
    assertArrayEquals(w64.grad().toFloatArray(), wf.grad().toFloatArray(), 1e-4f);
  }

  @Test
  void float64FallsBackToTheCompositionAndPassesAFiniteDifferenceCheck() {
    Tensor x = leaf(FiniteDiff.randn64(5, 4, 3));
    Tensor w = leaf(FiniteDiff.randn64(6, 2, 3));
    Tensor b = leaf(FiniteDiff.randn64(7, 2));
    Tensor up = FiniteDiff.randn64(8, 4, 2);
    assertEquals("relu", F.linearRelu(x, w, b).gradFn().op, "float64 runs the composition");
    FiniteDiff.check(
        () -> FiniteDiff.dot(F.linearRelu(x, w, b), up), java.util.List.of(x, w, b), 100, null);
  }

  @Test
  void largeOutputsSplitOverTwoThreadsGiveTheSameResult() {
    Generator gen = new Generator(5);
    int m = 1100;
    int n = 1000;
    assertTrue((long) m * n >= LinearRows32.PARALLEL_MIN, "large enough for the helper thread");
    Tensor x = Tensor.randn(gen, m, 8);
    Tensor w = Tensor.randn(gen, n, 8);
    Tensor b = Tensor.randn(gen, n);
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertArrayEquals(
          F.linear(x, w, null).add(b).relu().toFloatArray(), F.linearRelu(x, w, b).toFloatArray());
      assertArrayEquals(
          F.linear(x, w, null).add(b).toFloatArray(), F.linear(x, w, b).toFloatArray());
    }
  }

  @Test
  void noGradRecordsNothingAndBadShapesNameTheOp() {
    Generator gen = new Generator(6);
    Tensor w = leaf(Tensor.randn(gen, 3, 4));
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor y = F.linearRelu(Tensor.randn(gen, 2, 4), w, null);
      assertNull(y.gradFn());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> F.linearRelu(Tensor.randn(gen, 2, 5), w, null));
    assertTrue(e.getMessage().startsWith("linearRelu: input shape [2, 5]"), e.getMessage());
    assertEquals(
        "linearRelu", F.linearRelu(Tensor.randn(gen, 2, 4), w, null).gradFn().op, "op name");
  }

  @Test
  void anEmptyBatchGivesAnEmptyOutputAndAZeroBiasGradient() {
    Generator gen = new Generator(7);
    Tensor w = leaf(Tensor.randn(gen, 3, 4));
    Tensor b = leaf(Tensor.randn(gen, 3));
    Tensor x = Tensor.of(new float[0], 0, 4);
    assertArrayEquals(new long[] {0, 3}, F.linearRelu(x, w, b).shape());
    Tensor y = F.linear(x, w, b);
    assertArrayEquals(new long[] {0, 3}, y.shape());
    y.sum().backward();
    assertArrayEquals(new float[3], b.grad().toFloatArray());
    assertArrayEquals(new float[12], w.grad().toFloatArray());

    // fused and unfused linear + ReLU backward on the empty batch, float32 and float64
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor w2 = leaf(Tensor.randn(gen, 3, 4).to(dt));
      Tensor b2 = leaf(Tensor.randn(gen, 3).to(dt));
      Tensor x2 = Tensor.zeros(0, 4).to(dt).requiresGrad(true);
      F.linearRelu(x2, w2, b2).sum().backward();
      F.linear(x2, w2, b2).relu().sum().backward();
      assertArrayEquals(new double[3], b2.grad().toDoubleArray(), 0.0, dt.toString());
      assertArrayEquals(new long[] {0, 4}, x2.grad().shape());
    }
  }

  private static float min(Tensor t) {
    float m = Float.POSITIVE_INFINITY;
    for (float v : t.toFloatArray()) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static float max(Tensor t) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : t.toFloatArray()) {
      m = Math.max(m, v);
    }
    return m;
  }
}
