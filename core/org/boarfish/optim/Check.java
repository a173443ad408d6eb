package org.boarfish.optim;

/**
 * Argument checks with messages that name the hyper-parameter, the bad value and what is allowed.
 */
final class Check {
  private Check() {}

  static double positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
    return v;
  }

  static double nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must not be negative, got " + v);
    }
    return v;
  }

  static double unitInterval(String name, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
    }
    return v;
  }

  static double finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
    return v;
  }
}
