package org.boarfish.optim;

/**
 * A hyper-parameter value as a function of training progress {@code pos} in [0, 1], like fastai's
 * annealers.
 *
 * <p>Indexing convention (fastai's {@code ParamScheduler}): iteration {@code i} of {@code n} uses
 * {@code pos = i/n}, so the first iteration sees {@code at(0)} and the last {@code at((n−1)/n)};
 * {@code at(1)} itself is never used. For a one-cycle schedule this means the final value is
 * slightly above {@code lrMax/divFinal} (see {@link OneCycle}).
 */
@FunctionalInterface
public interface Schedule {
  /** The value at progress {@code pos} ∈ [0, 1]. */
  double at(double pos);

  /** The value for iteration {@code i} (0-based) of {@code n}: {@code at(i/n)}. */
  default double atIteration(int i, int n) {
    if (n < 1 || i < 0 || i >= n) {
      throw new IllegalArgumentException(
          "iteration " + i + " of " + n + " is out of range: need 0 <= i < n");
    }
    return at((double) i / n);
  }

  /** The values of all {@code n} iterations, {@code at(i/n)} for i = 0..n−1. */
  default double[] sample(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("sample(n) needs n >= 1, got " + n);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = at((double) i / n);
    }
    return out;
  }
}
