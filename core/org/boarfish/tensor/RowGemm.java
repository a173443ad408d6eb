package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float32 GEMM on a block of rows of row-major ND4J arrays, straight through OpenBLAS's {@code
 * cblas_sgemm} on the calling thread, with no view objects: the LSTM's per-timestep products
 * ({@code [32, 256]·[256, 1024]} in W6) ran 2× faster this way than through ND4J's {@code gemm} on
 * row views (12 vs 21–26 ms of CPU for 64 steps).
 */
final class RowGemm {
  /** Whether OpenBLAS could be called directly; if not, callers fall back to ND4J. */
  static final boolean OK = BlasGemm.OK;

  private RowGemm() {}

  /** Whether {@link #sgemm} can take these arrays (dense row-major float32 2-D). */
  static boolean fits(INDArray... arrays) {
    if (!OK) {
      return false;
    }
    for (INDArray x : arrays) {
      if (x.dataType() != DataType.FLOAT || x.rank() != 2 || !NormOps.Buf.rowMajor(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code out[outRow .. outRow+m) = a[aRow .. aRow+m) · b + beta·out[outRow .. outRow+m)}: a is
   * [·, k], b [k, n], out [·, n], all dense row-major float32 (see {@link #fits}).
   */
  static void sgemm(
      INDArray a, long aRow, INDArray b, INDArray out, long outRow, int m, float beta) {
    int k = (int) a.size(1);
    int n = (int) b.size(1);
    if (b.size(0) != k || out.size(1) != n) {
      throw new IllegalArgumentException(
          "internal: RowGemm shapes "
              + Shapes.str(a.shape())
              + " · "
              + Shapes.str(b.shape())
              + " → "
              + Shapes.str(out.shape()));
    }
    BlasGemm.sgemm(false, false, m, n, k, a, aRow * k, k, b, 0, n, beta, out, outRow * n, n);
  }
}
