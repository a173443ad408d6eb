package org.boarfish.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers for tensor creation, initialisation and dropout. Two generators
 * made with the same seed give the same tensors on every machine.
 */
public final class Generator {
  private static volatile Generator global = new Generator(0x5eedL);

  private final long seed;
  private SplittableRandom random;

  /** A generator starting from {@code seed}. */
  public Generator(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The process-wide generator used when none is given. */
  public static Generator global() {
    return global;
  }

  /** Re-seeds the process-wide generator, like {@code torch.manual_seed}. */
  public static void manualSeed(long seed) {
    global = new Generator(seed);
  }

  /** The seed this generator started from. */
  public long seed() {
    return seed;
  }

  /** Uniform in [0, 1). */
  public synchronized double nextDouble() {
    return random.nextDouble();
  }

  /** Standard normal. */
  public synchronized double nextGaussian() {
    return random.nextGaussian();
  }

  /** Uniform integer in [low, high). */
  public synchronized long nextLong(long low, long high) {
    return random.nextLong(low, high);
  }

  /** Fills an array with uniform values in [low, high). */
  public synchronized double[] uniform(int n, double low, double high) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = low + (high - low) * random.nextDouble();
    }
    return out;
  }

  /** Fills an array with normal values of the given mean and standard deviation. */
  public synchronized double[] normal(int n, double mean, double std) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + std * random.nextGaussian();
    }
    return out;
  }

  @Override
  public String toString() {
    return "Generator[seed " + seed + "]";
  }
}
