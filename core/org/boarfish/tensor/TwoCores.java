package org.boarfish.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs numbered chunks of work on the calling thread and one helper from the common fork-join pool,
 * both pulling the next chunk from one counter (the pattern of {@code Adam.updateAll}).
 *
 * <p>Why a shared counter rather than two fixed halves: on a loaded machine the helper may start
 * late or not at all; the caller then takes the remaining chunks itself and waits only for a chunk
 * the helper is in the middle of. The helper must not allocate ND4J arrays (workspaces belong to a
 * thread), so callers allocate every buffer up front and hand each worker its own by index.
 */
final class TwoCores {
  /** One chunk of work. */
  interface Chunk {
    /**
     * Runs chunk {@code i} on worker {@code worker} (0 the caller, 1 the helper), so that a chunk
     * can use that worker's own buffers.
     */
    void run(int i, int worker);
  }

  private static final boolean AVAILABLE =
      Runtime.getRuntime().availableProcessors() >= 2
          && ForkJoinPool.getCommonPoolParallelism() >= 1;

  /**
   * How deep this thread is in chunks of a split; a split asked for inside one runs in line (the
   * other core is already busy with the outer split).
   */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * Tests set this to run a split on the calling thread with the chunks dealt alternately to worker
   * 0 and 1, so that both workers' buffers and partial results are always exercised.
   */
  static volatile boolean interleaveForTests;

  /**
   * Whether a split first checks the machine's load ({@link #busy}): on unless the system property
   * {@code boarfish.splitUnderLoad} is {@code true} (for timing on a loaded machine whose other
   * jobs run at a lower priority); tests switch it off so that their threaded runs always split.
   */
  static volatile boolean loadGate = !Boolean.getBoolean("boarfish.splitUnderLoad");

  /** The load average above which the second core counts as taken: cores + 1. */
  private static final double BUSY_LOAD = Runtime.getRuntime().availableProcessors() + 1.0;

  private static final long LOAD_REFRESH_NANOS = 500_000_000L;
  private static volatile long loadReadAt = System.nanoTime() - 2 * LOAD_REFRESH_NANOS;
  private static volatile boolean busy;

  private TwoCores() {}

  /**
   * Whether the 1-minute load average (re-read at most every 0.5 s) says other processes keep the
   * cores busy. Then a split does not pay: a helper descheduled in the middle of its chunk holds up
   * the caller for a whole time slice. Measured on the 2-core machine at load 6.6 (a {@code /tmp}
   * driver alternating both settings in one JVM, median step): resnet18's eval forward took 127 ms
   * with the conv splits and 99 ms without, its training step 400 and 364 ms. With the other jobs
   * out of the way (their autogroup at a lower priority) the splits won: 75 against 85 ms, 273
   * against 301 ms.
   */
  static boolean busy() {
    long now = System.nanoTime();
    if (now - loadReadAt > LOAD_REFRESH_NANOS) {
      double load =
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      busy = load > BUSY_LOAD;
      loadReadAt = now;
    }
    return busy;
  }

  /** Whether a helper thread can be used at all on this machine. */
  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Runs chunks {@code 0 .. chunks−1}: on both cores when {@code split} (and this machine has two
   * that are not {@link #busy}), else in order on the calling thread as worker 0.
   */
  static void run(int chunks, boolean split, Chunk body) {
    int[] depth = DEPTH.get();
    if (!split
        || chunks < 2
        || !AVAILABLE
        || depth[0] > 0
        || (loadGate && !interleaveForTests && busy())) {
      for (int i = 0; i < chunks; i++) {
        body.run(i, 0);
      }
      return;
    }
    if (interleaveForTests) {
      depth[0]++;
      try {
        for (int i = 0; i < chunks; i++) {
          body.run(i, i % 2);
        }
      } finally {
        depth[0]--;
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    ForkJoinPool.commonPool()
        .execute(
            () -> {
              Threads.singleByDefault(); // native calls in a chunk stay on this one thread
              drain(chunks, 1, body, next, done, failed);
            });
    drain(chunks, 0, body, next, done, failed);
    for (int spins = 0; done.get() < chunks; spins++) {
      if (spins < 1000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(20_000);
      }
    }
    Throwable t = failed.get();
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  private static void drain(
      int chunks,
      int worker,
      Chunk body,
      AtomicInteger next,
      AtomicInteger done,
      AtomicReference<Throwable> failed) {
    int[] depth = DEPTH.get();
    depth[0]++;
    try {
      for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
        try {
          if (failed.get() == null) {
            body.run(i, worker);
          }
        } catch (Throwable t) {
          failed.compareAndSet(null, t);
        } finally {
          done.incrementAndGet();
        }
      }
    } finally {
      depth[0]--;
    }
  }
}
