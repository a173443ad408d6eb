package org.boarfish.data;

import java.util.function.Supplier;
import org.boarfish.tensor.Generator;

/**
 * The generator random transforms draw from while a loader builds a batch: one per batch, seeded
 * from the loader's seed, the epoch and the batch index, so the draws don't depend on which worker
 * thread builds the batch.
 */
final class Rng {
  private static final ThreadLocal<Generator> CURRENT = new ThreadLocal<>();

  private Rng() {}

  static Generator current() {
    return CURRENT.get();
  }

  static <T> T with(Generator g, Supplier<T> work) {
    Generator before = CURRENT.get();
    CURRENT.set(g);
    try {
      return work.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  /** A well-mixed seed from several numbers (SplitMix64's finaliser over a running combination). */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = fmix(h ^ fmix(p + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  private static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  static int[] permutation(int n, Generator g) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = (int) g.nextLong(0, i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
