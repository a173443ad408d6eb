package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creation, conversion, printing and the autograd contract of {@link Tensor}. */
class TensorTest {

  @Test
  void createsFromArraysWithShapeAndType() {
    Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertArrayEquals(new long[] {2, 3}, f.shape());
    assertEquals(DType.FLOAT32, f.dtype());
    assertEquals(6, f.index("1, 2").item());
    assertEquals(DType.FLOAT64, Tensor.of(new double[] {1, 2}).dtype());
    assertEquals(DType.INT64, Tensor.of(new long[] {1, 2}).dtype());
    assertEquals(DType.INT32, Tensor.of(new int[] {1, 2}).dtype());
    assertEquals(DType.BOOL, Tensor.of(new boolean[] {true, false}).dtype());
    assertArrayEquals(new long[] {0, 1, 2, 3}, Tensor.arange(4).toLongArray());
    assertArrayEquals(new float[] {0f, 0.5f, 1f}, Tensor.linspace(0, 1, 3).toFloatArray());
    assertEquals(3.0, Tensor.eye(3).sum().item());
    assertEquals(2.5 * 6, Tensor.full(2.5, 2, 3).sum().item());
    assertArrayEquals(new long[] {}, Tensor.scalar(3).shape());
  }

  @Test
  void rejectsAShapeThatDoesNotMatchTheValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
    assertTrue(
        e.getMessage().contains("[2, 2]") && e.getMessage().contains("3 values"), e.getMessage());
  }

  @Test
  void seededRandomTensorsRepeat() {
    assertArrayEquals(Tensor.randn(7, 4, 5).toFloatArray(), Tensor.randn(7, 4, 5).toFloatArray());
    assertFalse(
        java.util.Arrays.equals(
            Tensor.randn(7, 4).toFloatArray(), Tensor.randn(8, 4).toFloatArray()));
    long[] ints = Tensor.randint(3, 2, 5, 1000).toLongArray();
    assertTrue(java.util.Arrays.stream(ints).allMatch(v -> v >= 2 && v < 5));
    double mean = Tensor.rand(1, 10_000).mean().item();
    assertEquals(0.5, mean, 0.02);
  }

  @Test
  void printsLikePyTorchAndElidesLargeTensors() {
    assertEquals(
        "tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape=[2, 2])",
        Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
    assertEquals("tensor([1, 2], shape=[2], dtype=int64)", Tensor.of(new long[] {1, 2}).toString());
    String big = Tensor.zeros(100, 100).toString();
    assertTrue(big.contains("...") && big.length() < 600, big);
    Tensor x = Tensor.ones(2).requiresGrad(true);
    assertTrue(x.mul(2).toString().endsWith("gradFn=mul)"), x.mul(2).toString());
  }

  @Test
  void broadcastGradientsAreSummedBackToEachInputShape() {
    Tensor a = Tensor.ones(3, 1).requiresGrad(true);
    Tensor b = Tensor.ones(4).requiresGrad(true);
    a.add(b).sum().backward();
    assertArrayEquals(new float[] {4, 4, 4}, a.grad().toFloatArray());
    assertArrayEquals(new float[] {3, 3, 3, 3}, b.grad().toFloatArray());
  }

  @Test
  void gradientsAccumulateUntilZeroed() {
    Tensor w = Tensor.of(new float[] {2}).requiresGrad(true);
    w.mul(w).sum().backward();
    w.mul(w).sum().backward();
    assertEquals(8.0, w.grad().item());
    w.zeroGrad();
    assertEquals(0.0, w.grad().item());
  }

  @Test
  void reusedTensorsGetTheSumOfAllPaths() {
    Tensor x = Tensor.of(new double[] {3}).requiresGrad(true);
    Tensor y = x.mul(x).add(x.exp()).add(x);
    y.sum().backward();
    assertEquals(2 * 3 + Math.exp(3) + 1, x.grad().item(), 1e-12);
  }

  @Test
  void backwardTwiceThroughFreedBuffersIsAClearError() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor loss = x.exp().sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(
        e.getMessage().contains("second time") && e.getMessage().contains("retainGraph"),
        e.getMessage());
    Tensor kept = x.exp().sum();
    kept.backward(Tensor.scalar(1), true);
    kept.backward(Tensor.scalar(1), true);
    assertEquals(2 * Math.E + 2 * Math.E + Math.E * 2, x.grad().sum().item(), 1e-4);
  }

  @Test
  void backwardOnANonScalarNeedsAGradient() {
    Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(
        e.getMessage().contains("[2, 3]") && e.getMessage().contains("gradient"), e.getMessage());
  }

  @Test
  void noGradRecordsNothingAndDetachCutsTheGraph() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertFalse(x.mul(2).requiresGrad());
    }
    assertTrue(x.mul(2).requiresGrad());
    assertFalse(x.mul(2).detach().requiresGrad());
    assertThrows(IllegalStateException.class, () -> x.detach().sum().backward());
  }

  @Test
  void intTensorsCannotRequireGrad() {
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.of(new long[] {1}).requiresGrad(true));
  }

  @Test
  void shapeErrorsNameTheOpAndBothShapes() {
    IllegalArgumentException add =
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4)));
    assertTrue(
        add.getMessage().contains("add")
            && add.getMessage().contains("[2, 3]")
            && add.getMessage().contains("[4]"),
        add.getMessage());
    IllegalArgumentException mm =
        assertThrows(
            IllegalArgumentException.class, () -> Tensor.ones(2, 3).matmul(Tensor.ones(4, 5)));
    assertTrue(
        mm.getMessage().contains("matmul")
            && mm.getMessage().contains("[2, 3]")
            && mm.getMessage().contains("[4, 5]"),
        mm.getMessage());
    IllegalArgumentException lin =
        assertThrows(
            IllegalArgumentException.class,
            () -> F.linear(Tensor.ones(2, 3), Tensor.ones(4, 5), null));
    assertTrue(lin.getMessage().contains("linear"), lin.getMessage());
    IllegalArgumentException rs =
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).reshape(4, 2));
    assertTrue(
        rs.getMessage().contains("[2, 3]") && rs.getMessage().contains("[4, 2]"), rs.getMessage());
    IllegalArgumentException ce =
        assertThrows(
            IllegalArgumentException.class,
            () -> F.crossEntropy(Tensor.ones(2, 3), Tensor.of(new long[] {0, 5})));
    assertTrue(
        ce.getMessage().contains("5") && ce.getMessage().contains("3 classes"), ce.getMessage());
  }

  @Test
  void indexingSplittingAndJoining() {
    Tensor x = Tensor.arange(0, 24, 1).reshape(2, 3, 4);
    assertArrayEquals(new long[] {2, 2}, x.index(Idx.all(), Idx.from(1), Idx.at(-1)).shape());
    assertEquals(23, x.index("-1, -1, -1").item());
    assertArrayEquals(
        new float[] {1, 3, 5, 7}, x.reshape(-1).index(Idx.range(1L, 8L, 2)).toFloatArray());
    List<Tensor> parts = x.chunk(2, 2);
    assertEquals(2, parts.size());
    assertArrayEquals(x.toFloatArray(), Tensor.cat(parts, 2).toFloatArray());
    assertArrayEquals(new long[] {3, 2, 3, 4}, Tensor.stack(List.of(x, x, x), 0).shape());
    assertThrows(IllegalArgumentException.class, () -> x.index("5"));
  }

  @Test
  void convertsBetweenTypesDifferentiably() {
    Tensor x = Tensor.of(new float[] {1.5f}).requiresGrad(true);
    Tensor d = x.to(DType.FLOAT64).mul(2);
    assertEquals(DType.FLOAT64, d.dtype());
    d.sum().backward();
    assertEquals(DType.FLOAT32, x.grad().dtype());
    assertEquals(2.0, x.grad().item());
    assertNull(Tensor.ones(1).grad());
  }

  @Test
  void npyRoundTripsEveryType(@TempDir Path dir) throws Exception {
    for (Tensor t :
        List.of(
            Tensor.randn(1, 3, 4),
            Tensor.of(new double[] {1, 2}),
            Tensor.of(new long[] {5, -6}, 2, 1),
            Tensor.of(new int[] {7}),
            Tensor.of(new boolean[] {true, false, true}),
            Tensor.scalar(4.5))) {
      Path f = dir.resolve("t.npy");
      t.toNpy(f);
      Tensor back = Tensor.fromNpy(f);
      assertEquals(t.dtype(), back.dtype());
      assertArrayEquals(t.shape(), back.shape());
      assertArrayEquals(t.toDoubleArray(), back.toDoubleArray());
    }
    Path bad = dir.resolve("bad.npy");
    Files.write(bad, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 10, 0});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromNpy(bad));
    assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
  }

  /**
   * float32 ReLU (Java path): exact values, and gradient 1 for every positive input (subnormal or
   * huge), 0 otherwise.
   */
  @Test
  void reluFloat32ValuesAndMask() {
    float[] v = {
      -3f,
      -0f,
      0f,
      Float.MIN_VALUE,
      1e-30f,
      0.5f,
      3e38f,
      Float.MAX_VALUE,
      -Float.MIN_VALUE,
      Float.POSITIVE_INFINITY
    };
    Tensor x = Tensor.of(v, v.length).requiresGrad(true);
    Tensor y = x.relu();
    Tensor up = Tensor.of(new float[] {2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f}, v.length);
    y.mul(up).sum().backward();
    double[] out = y.toDoubleArray();
    double[] grad = x.grad().toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      assertEquals(Math.max(v[i], 0f), (float) out[i], 0, "relu at " + v[i]);
      assertEquals(v[i] > 0 ? 2.0 : 0.0, grad[i], 0, "relu grad at " + v[i]);
    }
  }
}
