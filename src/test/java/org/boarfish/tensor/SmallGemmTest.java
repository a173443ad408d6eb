package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GEMM paths of {@link LinalgOps}: small float32 products straight through OpenBLAS, large ones
 * through ND4J on every thread, both checked against a plain triple loop in double precision, for
 * every transpose combination, accumulation (beta 1), views and scope memory.
 */
class SmallGemmTest {
  @Test
  void bothPathsMatchATripleLoopForEveryTransposeAndBeta() {
    Generator gen = new Generator(7);
    int[][] sizes = {{5, 3, 4}, {64, 48, 200}, {1, 7, 1}, {300, 200, 100}};
    for (int[] s : sizes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      boolean small = (long) m * n * k <= LinalgOps.SMALL_GEMM;
      assertTrue(small || m == 300, "the sizes cover both paths");
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          try (Scope scope = Scope.open()) {
            INDArray a = Tensor.randn(gen, ta ? k : m, ta ? m : k).data();
            INDArray b = Tensor.randn(gen, tb ? n : k, tb ? k : n).data();
            INDArray c0 = Tensor.randn(gen, m, n).data();
            float[] want0 = GemmReference.naive(a, b, ta, tb, null);
            float[] want1 = GemmReference.naive(a, b, ta, tb, c0);
            assertArrayEquals(
                want0, LinalgOps.gemm(a, b, ta, tb).data().asFloat(), 1e-4f, label(s, ta, tb));
            INDArray c = c0.dup('c');
            LinalgOps.gemm(a, b, c, ta, tb, 1.0);
            assertArrayEquals(want1, c.data().asFloat(), 1e-4f, label(s, ta, tb) + " beta 1");
          }
        }
      }
    }
  }

  @Test
  void linearWithBiasAndItsGradientsMatchFloat64OnBothPaths() {
    Generator gen = new Generator(8);
    for (int[] s : new int[][] {{64, 100, 2}, {256, 784, 40}}) {
      Tensor x = Tensor.randn(gen, s[0], s[1]).requiresGrad(true);
      Tensor w = Tensor.randn(gen, s[2], s[1]).mul(0.1).detach().requiresGrad(true);
      Tensor b = Tensor.randn(gen, s[2]).detach().requiresGrad(true);
      Tensor x64 = x.to(DType.FLOAT64).detach().requiresGrad(true);
      Tensor w64 = w.to(DType.FLOAT64).detach().requiresGrad(true);
      Tensor b64 = b.to(DType.FLOAT64).detach().requiresGrad(true);
      Tensor g = Tensor.randn(gen, s[0], s[2]);
      Tensor y = F.linear(x, w, b);
      Tensor y64 = F.linear(x64, w64, b64);
      assertArrayEquals(y64.toFloatArray(), y.toFloatArray(), 1e-4f);
      for (int rep = 0; rep < 2; rep++) { // the second backward adds into the stored gradients
        F.linear(x, w, b).backward(g);
        F.linear(x64, w64, b64).backward(g.to(DType.FLOAT64));
      }
      assertArrayEquals(x64.grad().toFloatArray(), x.grad().toFloatArray(), 1e-3f);
      assertArrayEquals(w64.grad().toFloatArray(), w.grad().toFloatArray(), 1e-3f);
      assertArrayEquals(b64.grad().toFloatArray(), b.grad().toFloatArray(), 1e-3f);
    }
  }

  @Test
  void viewsAndEmptyInnerDimensions() {
    Generator gen = new Generator(9);
    Tensor big = Tensor.randn(gen, 6, 8);
    Tensor a = big.slice(1, 2, 7); // [6, 5], not contiguous
    Tensor b = Tensor.randn(gen, 5, 3);
    float[] want = GemmReference.naive(Kernels.contiguous(a.data()), b.data(), false, false, null);
    assertArrayEquals(want, a.matmul(b).toFloatArray(), 1e-5f);
    Tensor empty = Tensor.of(new float[0], 4, 0).matmul(Tensor.of(new float[0], 0, 3));
    assertArrayEquals(new float[12], empty.toFloatArray());
    INDArray c = Nd4j.ones(DataType.FLOAT, 4, 3);
    LinalgOps.gemm(
        Nd4j.create(DataType.FLOAT, 4, 0), Nd4j.create(DataType.FLOAT, 0, 3), c, false, false, 1.0);
    assertArrayEquals(Nd4j.ones(DataType.FLOAT, 4, 3).data().asFloat(), c.data().asFloat());
  }

  private static String label(int[] s, boolean ta, boolean tb) {
    return s[0] + "x" + s[1] + "x" + s[2] + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : "");
  }

  /** op(a)·op(b) (+ c) in double. */
}
