package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EmbeddingOpsTest {
  private static Tensor run(Fixtures.Case c, Map<String, Tensor> in) {
    return c.params() != null && c.params().has("padding_idx")
        ? F.embedding(in.get("idx"), in.get("weight"), c.params().get("padding_idx").asLong())
        : F.embedding(in.get("idx"), in.get("weight"));
  }

  /** The embedding fixture cases, run directly (independent of the shared evaluator). */
  @TestFactory
  Stream<DynamicTest> pytorchFixtures() {
    return Fixtures.opCases().stream()
        .filter(c -> c.op().equals("embedding"))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Map<String, Tensor> in = c.loadInputs();
                      in.get("weight").requiresGrad(true);
                      Tensor out = run(c, in);
                      OpFixtureParityTest.assertClose(
                          c, "output out", Fixtures.load(c.outputs().get("out")), out);
                      out.mul(Fixtures.load(c.upstream().get("out"))).sum().backward();
                      OpFixtureParityTest.assertClose(
                          c,
                          "grad of weight",
                          Fixtures.load(c.grads().get("weight")),
                          in.get("weight").grad());
                    }));
  }

  /**
   * Finite differences on the float64 fixtures, except the padding row, whose gradient is zero by
   * definition.
   */
  @TestFactory
  Stream<DynamicTest> finiteDifferencesOutsideThePaddingRow() {
    return Fixtures.opCases().stream()
        .filter(c -> c.op().equals("embedding") && c.dtype().equals("float64"))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Map<String, Tensor> in = c.loadInputs();
                      Tensor up = Fixtures.load(c.upstream().get("out"));
                      long dim = in.get("weight").size(1);
                      long pad =
                          c.params() != null && c.params().has("padding_idx")
                              ? c.params().get("padding_idx").asLong()
                              : -1;
                      FiniteDiff.check(
                          () -> run(c, in).mul(up).sum(),
                          List.of(in.get("weight")),
                          40,
                          (l, i) -> i / dim == pad);
                    }));
  }

  @Test
  void outOfRangeIndexNamesTheIndexAndTableSize() {
    Tensor w = Tensor.randn(1, 10, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> F.embedding(Tensor.of(new long[] {0, 12, 3}), w));
    assertTrue(e.getMessage().contains("12") && e.getMessage().contains("10"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> F.embedding(Tensor.of(new int[] {-1}), w));
    assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.embedding(Tensor.of(new float[] {1f}), w));
    assertThrows(
        IllegalArgumentException.class, () -> F.embedding(Tensor.of(new long[] {1}), w, 10));
  }

  @Test
  void shapesAndIndexTypes() {
    Tensor w = Tensor.randn(1, 7, 3);
    Tensor a = F.embedding(Tensor.of(new long[] {1, 2, 6, 0, 1, 5}, 2, 1, 3), w);
    Tensor b = F.embedding(Tensor.of(new int[] {1, 2, 6, 0, 1, 5}, 2, 1, 3), w);
    assertArrayEquals(new long[] {2, 1, 3, 3}, a.shape());
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
    Tensor scalarIdx = F.embedding(Tensor.scalar(6, DType.INT64), w);
    assertArrayEquals(new long[] {3}, scalarIdx.shape());
    double[] ws = w.toDoubleArray();
    assertArrayEquals(new double[] {ws[18], ws[19], ws[20]}, scalarIdx.toDoubleArray());
  }

  @Test
  void repeatedIndicesAccumulateAtScale() {
    for (DType type : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      int num = 1000;
      int dim = 16;
      int n = 4096;
      Tensor w = Tensor.randn(2, num, dim).to(type).detach().requiresGrad(true);
      Tensor idx = Tensor.randint(3, 0, 10, n); // heavy repetition of rows 0..9
      Tensor up = Tensor.randn(4, n, dim).to(type);
      F.embedding(idx, w).backward(up);
      long[] ix = idx.toLongArray();
      double[] u = up.toDoubleArray();
      double[] want = new double[num * dim];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < dim; j++) {
          want[(int) ix[i] * dim + j] += u[i * dim + j];
        }
      }
      double[] got = w.grad().toDoubleArray();
      for (int k = 0; k < want.length; k++) {
        assertEquals(want[k], got[k], 1e-3 * (1 + Math.abs(want[k])), type + " element " + k);
      }
    }
  }

  @Test
  void negativePaddingIndexCountsFromTheEnd() {
    Tensor w = Tensor.randn(1, 5, 2).requiresGrad(true);
    Tensor out = F.embedding(Tensor.of(new long[] {4, 4, 1}), w, -1);
    assertEquals(
        w.toDoubleArray()[8], out.toDoubleArray()[0], 0); // the padding row is still looked up
    out.sum().backward();
    double[] g = w.grad().toDoubleArray();
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0}, g);
  }

  @Test
  void worksInsideAScope() {
    Tensor w = Tensor.randn(1, 20, 8).requiresGrad(true);
    try (Scope s = Scope.open()) {
      F.embedding(Tensor.of(new long[] {3, 3, 19}), w).sum().backward();
    }
    double[] g = w.grad().toDoubleArray();
    assertEquals(2.0, g[3 * 8], 0);
    assertEquals(1.0, g[19 * 8 + 7], 0);
    assertEquals(0.0, g[0], 0);
  }
}
