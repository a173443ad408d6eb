package org.boarfish.collab;

/**
 * The range predictions are squashed into by {@code sigmoid(x)·(high − low) + low} (fastai's {@code
 * y_range}); MovieLens's usual choice is {@code YRange.of(0, 5.5)}.
 *
 * @param low the lower asymptote
 * @param high the upper asymptote
 */
public record YRange(double low, double high) {
  /** Checks that low is below high. */
  public YRange {
    if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException(
          "yRange: low must be below high (both finite), got (" + low + ", " + high + ")");
    }
  }

  /** {@code new YRange(low, high)}. */
  public static YRange of(double low, double high) {
    return new YRange(low, high);
  }

  @Override
  public String toString() {
    return "(" + low + ", " + high + ")";
  }
}
