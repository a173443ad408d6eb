package org.boarfish.tensor;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many OpenMP threads libnd4j's ops use. On small machines most ops of a training step are
 * small, and waking a second OpenMP thread for each (and the barrier after it) costs more than the
 * split work saves: measured on 2 cores, W1's step went from 3.1 to 2.5 ms and W2's small
 * convolutions ran up to 3× faster on one thread. So ops run on one OpenMP thread by default, and
 * the big kernels that gain from every core (large convolutions) ask for all of them for the
 * duration of the call. BLAS (GEMM) has its own thread pool and always uses every core. OpenMP's
 * thread count belongs to the calling thread, so each Java thread is switched on its first op.
 */
final class Threads {
  private static final NativeOps NATIVE;
  private static final int ALL;
  private static final ThreadLocal<boolean[]> SWITCHED =
      ThreadLocal.withInitial(() -> new boolean[1]);

  static {
    Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
    NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    String env = System.getenv("OMP_NUM_THREADS");
    int all = Runtime.getRuntime().availableProcessors();
    try {
      all = env == null ? all : Math.max(1, Integer.parseInt(env.strip()));
    } catch (NumberFormatException e) {
      // keep the number of cores
    }
    ALL = all;
  }

  private Threads() {}

  /** Puts this Java thread's OpenMP ops on one thread, once. */
  static void singleByDefault() {
    boolean[] done = SWITCHED.get();
    if (!done[0]) {
      NATIVE.setOmpNumThreads(1);
      done[0] = true;
    }
  }

  /** Runs {@code work} with every OpenMP thread, then goes back to one. */
  static void parallel(Runnable work) {
    singleByDefault();
    if (ALL == 1) {
      work.run();
      return;
    }
    NATIVE.setOmpNumThreads(ALL);
    try {
      work.run();
    } finally {
      NATIVE.setOmpNumThreads(1);
    }
  }
}
