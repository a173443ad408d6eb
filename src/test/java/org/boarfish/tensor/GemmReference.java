package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A float64 triple-loop GEMM, the reference the direct OpenBLAS paths are tested against. */
final class GemmReference {
  private GemmReference() {}

  /** {@code op(a)·op(b) (+ c when given)}, accumulated in double, as a row-major float array. */
  static float[] naive(INDArray a, INDArray b, boolean ta, boolean tb, INDArray c) {
    double[][] x = a.castTo(DataType.DOUBLE).toDoubleMatrix();
    double[][] y = b.castTo(DataType.DOUBLE).toDoubleMatrix();
    int m = ta ? x[0].length : x.length;
    int k = ta ? x.length : x[0].length;
    int n = tb ? y.length : y[0].length;
    float[] cv = c == null ? null : c.data().asFloat();
    float[] out = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = cv == null ? 0 : cv[i * n + j];
        for (int t = 0; t < k; t++) {
          acc += (ta ? x[t][i] : x[i][t]) * (tb ? y[j][t] : y[t][j]);
        }
        out[i * n + j] = (float) acc;
      }
    }
    return out;
  }
}
