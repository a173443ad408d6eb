package org.boarfish.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 GEMM split by rows of its output over both cores ({@link TwoCores}), each part one
 * single-threaded {@code cblas_sgemm} on OpenBLAS, straight on ND4J's memory.
 *
 * <p>Why: OpenBLAS's own pool is one thread process-wide once {@link LinalgOps} or {@link RowGemm}
 * is loaded, so {@code Nd4j.gemm} ran ResNet's small-map convolutions on one core (512→512 on 2×2
 * maps: wall time equal to CPU time in {@code ./boarfish resnet18-profile}). Splitting the rows
 * keeps every call single-threaded, so the split does not depend on that pool's setting.
 */
final class SplitGemm {
  /**
   * From this many multiply-adds a product is split (each part ≥ ~2 ms of one core's work at the
   * sizes ResNet's convs have, against ~20–50 µs to wake the helper). Tests lower it to split small
   * fixtures.
   */
  static volatile long splitMin = 1L << 22;

  /** Rows of one part are a multiple of this (OpenBLAS's AVX-512 kernels block rows by 16). */
  private static final int ROW_ALIGN = 16;

  /** Parts a split product is cut into, so that a late helper leaves little for the caller. */
  private static final int PARTS = 4;

  private SplitGemm() {}

  /**
   * {@code c = op(a) · op(b) + beta·c} for dense row-major float32 2-D arrays ({@code op} the
   * transpose when {@code ta} / {@code tb}).
   */
  static void gemm(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, float beta) {
    int m = (int) c.size(0);
    int n = (int) c.size(1);
    int k = (int) (ta ? a.size(0) : a.size(1));
    if ((ta ? a.size(1) : a.size(0)) != m
        || (tb ? b.size(1) : b.size(0)) != k
        || (tb ? b.size(0) : b.size(1)) != n) {
      throw new IllegalArgumentException(
          "internal: SplitGemm shapes "
              + Shapes.str(a.shape())
              + (ta ? "ᵀ" : "")
              + " · "
              + Shapes.str(b.shape())
              + (tb ? "ᵀ" : "")
              + " → "
              + Shapes.str(c.shape()));
    }
    if (!RowGemm.OK) {
      Threads.parallel(() -> Nd4j.gemm(a, b, c, ta, tb, 1.0, beta));
      return;
    }
    int lda = (int) a.size(1);
    int ldb = (int) b.size(1);
    boolean split = (long) m * n * k >= splitMin && m >= 2 * ROW_ALIGN;
    int rows = split ? align(Math.max(ROW_ALIGN, (m + PARTS - 1) / PARTS)) : m;
    int parts = (m + rows - 1) / rows;
    TwoCores.run(
        parts,
        split,
        (i, worker) -> {
          int r0 = i * rows;
          int r = Math.min(rows, m - r0);
          sgemm(
              ta,
              tb,
              r,
              n,
              k,
              a,
              ta ? r0 : (long) r0 * lda,
              lda,
              b,
              0,
              ldb,
              beta,
              c,
              (long) r0 * n,
              n);
        });
  }

  private static int align(int rows) {
    return (rows + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
  }

  /**
   * One {@code cblas_sgemm} on the calling thread, row-major: {@code c[cOff..] = op(a[aOff..]) ·
   * op(b[bOff..]) + beta·c}, offsets in elements from each array's first element. Callers check
   * {@link RowGemm#OK} first.
   */
  static void sgemm(
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      INDArray a,
      long aOff,
      int lda,
      INDArray b,
      long bOff,
      int ldb,
      float beta,
      INDArray c,
      long cOff,
      int ldc) {
    // views of ND4J's memory: no deallocator of their own, so nothing to close
    FloatPointer pa = new FloatPointer(a.data().addressPointer()).position(a.offset() + aOff);
    FloatPointer pb = new FloatPointer(b.data().addressPointer()).position(b.offset() + bOff);
    FloatPointer pc = new FloatPointer(c.data().addressPointer()).position(c.offset() + cOff);
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m,
        n,
        k,
        1f,
        pa,
        lda,
        pb,
        ldb,
        beta,
        pc,
        ldc);
  }
}
