package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mid-sized float32 GEMM (W1's 784→256 layers: 51M multiply-adds) as two column halves of the
 * output, each one single-threaded OpenBLAS call ({@link BlasGemm}) on {@link TwoCores}: this
 * thread takes the first half, a common-pool helper the second, and whichever half the helper has
 * not started by the time this thread is done with its own, this thread does too. ND4J's GEMM
 * (oneDNN on OpenMP threads, static split) makes the caller wait for a worker that the OS schedules
 * late; here a late helper costs nothing, and the Java side skips ND4J's custom-op dispatch. Same
 * CPU per product as ND4J's two-thread GEMM (measured 700–750 µs of process CPU either way for W1's
 * forward product, 650 µs on one thread).
 */
final class TwoThreadGemm {
  private TwoThreadGemm() {}

  /** Products of more multiply-adds than this (and at most {@link #MAX}) are split. */
  static final long MIN = LinalgOps.SMALL_GEMM;

  /** Larger products stay on ND4J, whose GEMM uses every core with finer blocking. */
  static final long MAX = 1L << 27;

  /** Whether a product of these sizes is split here (OpenBLAS callable, two or more cores). */
  static boolean takes(long m, long n, long k) {
    long mnk = m * n * k;
    return BlasGemm.OK
        && mnk > MIN
        && mnk <= MAX
        && n >= 32
        && Runtime.getRuntime().availableProcessors() >= 2;
  }

  /**
   * {@code c = op(a)·op(b) + beta·c} for dense row-major float32 arrays, {@code c} [m, n], split in
   * two column halves over two threads ({@link TwoCores}, which keeps both halves on the calling
   * thread when the machine is busy).
   */
  static void sgemm(
      boolean ta, boolean tb, int m, int n, int k, INDArray a, INDArray b, INDArray c, float beta) {
    int lda = (int) a.size(1);
    int ldb = (int) b.size(1);
    int half = (n / 2 + 15) / 16 * 16; // a multiple of 16 columns
    TwoCores.run(
        2,
        true,
        (h, worker) -> {
          int n0 = h == 0 ? 0 : half;
          int n1 = h == 0 ? half : n;
          long bOff = tb ? (long) n0 * ldb : n0;
          BlasGemm.sgemm(ta, tb, m, n1 - n0, k, a, 0, lda, b, bOff, ldb, beta, c, n0, n);
        });
  }
}
