package org.boarfish.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mid-sized float32 GEMM (W1's 784→256 layers: 51M multiply-adds) as two column halves of the
 * output, each one single-threaded OpenBLAS call: this thread takes the first half, a common-pool
 * helper the second, and whichever half the helper has not started by the time this thread is done
 * with its own, this thread does too. ND4J's GEMM (oneDNN on OpenMP threads, static split) makes
 * the caller wait for a worker that the OS schedules late; here a late helper costs nothing, and
 * the Java side skips ND4J's custom-op dispatch. Same CPU per product as ND4J's two-thread GEMM
 * (measured 700–750 µs of process CPU either way for W1's forward product, 650 µs on one thread).
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
    return RowGemm.OK
        && mnk > MIN
        && mnk <= MAX
        && n >= 32
        && Runtime.getRuntime().availableProcessors() >= 2;
  }

  /**
   * {@code c = op(a)·op(b) + beta·c} for dense row-major float32 arrays, {@code c} [m, n], split in
   * two column halves over two threads.
   */
  static void sgemm(
      boolean ta, boolean tb, int m, int n, int k, INDArray a, INDArray b, INDArray c, float beta) {
    int lda = (int) a.size(1);
    int ldb = (int) b.size(1);
    FloatPointer pa = new FloatPointer(a.data().addressPointer());
    FloatPointer pb = new FloatPointer(b.data().addressPointer());
    FloatPointer pc = new FloatPointer(c.data().addressPointer());
    int half = (n / 2 + 15) / 16 * 16; // a multiple of 16 columns
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Runnable drain =
        () -> {
          for (int h = next.getAndIncrement(); h < 2; h = next.getAndIncrement()) {
            try {
              int n0 = h == 0 ? 0 : half;
              int n1 = h == 0 ? half : n;
              long bOff = tb ? (long) n0 * ldb : n0;
              call(ta, tb, m, n1 - n0, k, pa, 0, lda, pb, bOff, ldb, beta, pc, n0, n);
            } catch (Throwable t) {
              failed.compareAndSet(null, t);
            }
            done.incrementAndGet();
          }
        };
    ForkJoinPool.commonPool().execute(drain);
    drain.run();
    for (int spins = 0; done.get() < 2; spins++) {
      if (spins < 1000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    if (failed.get() != null) {
      throw new IllegalStateException("matmul: a half of the product failed", failed.get());
    }
  }

  private static void call(
      boolean ta,
      boolean tb,
      int m,
      int n,
      int k,
      FloatPointer pa,
      long aOff,
      int lda,
      FloatPointer pb,
      long bOff,
      int ldb,
      float beta,
      FloatPointer pc,
      long cOff,
      int ldc) {
    // views of ND4J's memory: no deallocator of their own, so nothing to close
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m,
        n,
        k,
        1f,
        at(pa, aOff),
        lda,
        at(pb, bOff),
        ldb,
        beta,
        at(pc, cOff),
        ldc);
  }

  /** A new pointer {@code offset} elements past {@code base} (each thread positions its own). */
  private static FloatPointer at(FloatPointer base, long offset) {
    return new FloatPointer(base).position(offset);
  }
}
