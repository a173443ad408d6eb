package org.boarfish.data;

/**
 * {@code torch.manual_seed(seed); torch.randperm(n)} on the CPU, reproduced exactly: a Mersenne
 * Twister (MT19937) seeded with the seed, and a Fisher–Yates pass that swaps position {@code i}
 * with {@code i + (next32() mod (n − i))}. fastai's {@code RandomSplitter(valid_pct, seed)} takes
 * the first {@code (int)(valid_pct·n)} indices of that permutation for validation, so {@link
 * Splitters#random(double, long)} gives the very rows fastai (and the PyTorch reference) validates
 * on.
 */
public final class TorchRandperm {
  private static final int N = 624;
  private static final int M = 397;

  private TorchRandperm() {}

  /** The permutation {@code torch.randperm(n)} returns after {@code torch.manual_seed(seed)}. */
  public static int[] permutation(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("randperm: n must not be negative, got " + n);
    }
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    Mt19937 g = new Mt19937(seed);
    for (int i = 0; i < n - 1; i++) {
      int z = (int) (g.next() % (n - i));
      int t = r[i];
      r[i] = r[z + i];
      r[z + i] = t;
    }
    return r;
  }

  /** MT19937 with {@code init_genrand} seeding, as torch's CPU generator. */
  private static final class Mt19937 {
    private final int[] mt = new int[N];
    private int idx = N;

    Mt19937(long seed) {
      mt[0] = (int) seed;
      for (int i = 1; i < N; i++) {
        mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
      }
    }

    /** The next 32-bit output, unsigned, as a long. */
    long next() {
      if (idx >= N) {
        for (int k = 0; k < N; k++) {
          int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
          mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        idx = 0;
      }
      int y = mt[idx++];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      return y & 0xffffffffL;
    }
  }
}
