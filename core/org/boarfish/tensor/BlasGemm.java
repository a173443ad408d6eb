package org.boarfish.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 GEMM on the calling thread, straight through OpenBLAS's {@code cblas_sgemm} on ND4J's
 * memory (no view objects, no dispatch), so that it can run on a helper thread of {@link TwoCores}
 * that must not allocate ND4J arrays.
 *
 * <p>Why no threads inside: OpenBLAS's pool is one thread process-wide once this class is loaded
 * ({@link #OK}), and switching it to two around a call cost ~260 µs per switch (a {@code /tmp}
 * driver, 1,000 switches). {@link ConvGemm32} uses both cores around these calls instead:
 * independent GEMMs side by side, or two halves of the output rows (four quarters of the rows lost
 * time: 256×512 · 512×2304 took 3.9 ms on one thread and 6.3 ms as four row parts, median of 41 at
 * load 7).
 */
final class BlasGemm {
  /**
   * Whether OpenBLAS (the library ND4J links) could be called directly; if not, callers fall back
   * to ND4J. Loading sets OpenBLAS's own pool to one thread process-wide: every direct call runs on
   * its calling thread, and ND4J's GEMM path does not use that pool.
   */
  static final boolean OK;

  static {
    boolean ok;
    try {
      Nd4j.getExecutioner(); // loads the backend and its OpenBLAS first
      org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
      Nd4j.factory().blas().setMaxThreads(1);
      ok = true;
    } catch (RuntimeException | LinkageError e) {
      ok = false;
    }
    OK = ok;
  }

  private BlasGemm() {}

  /**
   * {@code c = op(a) · op(b) + beta·c} for dense row-major float32 2-D arrays ({@code op} the
   * transpose when {@code ta} / {@code tb}), on the calling thread (through ND4J when OpenBLAS
   * cannot be called directly).
   */
  static void gemm(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, float beta) {
    int m = (int) c.size(0);
    int n = (int) c.size(1);
    int k = (int) (ta ? a.size(0) : a.size(1));
    if ((ta ? a.size(1) : a.size(0)) != m
        || (tb ? b.size(1) : b.size(0)) != k
        || (tb ? b.size(0) : b.size(1)) != n) {
      throw new IllegalArgumentException(
          "internal: BlasGemm shapes "
              + Shapes.str(a.shape())
              + (ta ? "ᵀ" : "")
              + " · "
              + Shapes.str(b.shape())
              + (tb ? "ᵀ" : "")
              + " → "
              + Shapes.str(c.shape()));
    }
    if (!OK) {
      Nd4j.gemm(a, b, c, ta, tb, 1.0, beta);
      return;
    }
    sgemm(ta, tb, m, n, k, a, 0, (int) a.size(1), b, 0, (int) b.size(1), beta, c, 0, n);
  }

  /**
   * One {@code cblas_sgemm}, row-major: {@code c[cOff..] = op(a[aOff..]) · op(b[bOff..]) + beta·c},
   * offsets in elements from each array's first element. Callers check {@link #OK} first.
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
