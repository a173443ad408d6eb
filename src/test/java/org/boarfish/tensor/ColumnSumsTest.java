package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Kernels.columnSums on both of its float32 paths (Java pass, BLAS for large arrays). */
class ColumnSumsTest {
  private static void check(int rows, int cols) {
    INDArray a = FiniteDiff.randn64(9, rows, cols).data().castTo(DataType.FLOAT);
    double[] v = a.data().asDouble();
    INDArray dest = Kernels.empty(DataType.FLOAT, cols).assign(1.5);
    assertSame(dest, Kernels.columnSums(a, dest));
    INDArray fresh = Kernels.columnSums(a, null);
    for (int j = 0; j < cols; j++) {
      double s = 0;
      for (int i = 0; i < rows; i++) {
        s += v[i * cols + j];
      }
      assertEquals(s + 1.5, dest.getDouble(j), 1e-4, "column " + j);
      assertEquals(s, fresh.getDouble(j), 1e-4, "column " + j);
    }
  }

  @Test
  void smallArraysAddIntoTheDestination() {
    check(7, 13);
  }

  @Test
  void largeArraysOnBlasAddIntoTheDestination() {
    check(1100, 1000);
  }
}
