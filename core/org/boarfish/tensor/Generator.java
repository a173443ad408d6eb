package org.boarfish.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers for tensor creation, initialisation and dropout. Two generators
 * made with the same seed give the same tensors on every machine.
 */
public final class Generator {
  private static volatile Generator global = new Generator(0x5eedL);

  /** A thread's own replacement of the process-wide generator, if it has one. */
  private static final ThreadLocal<Generator> THREAD = new ThreadLocal<>();

  private final long seed;
  private SplittableRandom random;

  /** A generator starting from {@code seed}. */
  public Generator(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * The generator used when none is given: the process-wide one, or the calling thread's own while
   * it has one ({@link #forThisThread}).
   */
  public static Generator global() {
    Generator own = THREAD.get();
    return own != null ? own : global;
  }

  /**
   * Re-seeds the generator {@link #global()} returns, like {@code torch.manual_seed}: the calling
   * thread's own one if it has one, else the process-wide one.
   */
  public static void manualSeed(long seed) {
    if (THREAD.get() != null) {
      THREAD.set(new Generator(seed));
    } else {
      global = new Generator(seed);
    }
  }

  /**
   * Gives the calling thread its own generator, seeded with {@code seed}, as {@link #global()} (and
   * {@link #manualSeed} re-seeds that one) until the returned handle is closed: work run on several
   * threads at once then draws the same numbers as when run alone, whatever the timing.
   *
   * <pre>{@code
   * try (Generator.ThreadOwn own = Generator.forThisThread(1000)) {
   *   // model init, dropout, loader seeds drawn on this thread come from seed 1000
   * }
   * }</pre>
   */
  public static ThreadOwn forThisThread(long seed) {
    if (THREAD.get() != null) {
      throw new IllegalStateException(
          "this thread already has its own generator; close its ThreadOwn handle first");
    }
    THREAD.set(new Generator(seed));
    return THREAD::remove;
  }

  /** The handle of a thread's own generator; closing it returns the thread to the global one. */
  public interface ThreadOwn extends AutoCloseable {
    @Override
    void close();
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
