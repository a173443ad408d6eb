package org.boarfish.optim;

import java.util.Arrays;

/**
 * One value per parameter group, for discriminative learning rates (and momentums): fastai's {@code
 * slice}.
 *
 * <ul>
 *   <li>{@link #of(double, double) of(lo, hi)}: geometric spacing from the first group to the last,
 *       {@code lo·(hi/lo)^(i/(n−1))} (one group gets {@code hi});
 *   <li>{@link #upTo(double) upTo(hi)}: {@code hi} for the last group and {@code hi/10} for all
 *       others;
 *   <li>{@link #each(double...) each(v0, v1, ...)}: exactly one given value per group.
 * </ul>
 *
 * <pre>{@code
 * opt.setLr(LrRange.of(1e-5, 1e-3));   // 3 groups: 1e-5, 1e-4, 1e-3
 * }</pre>
 */
public final class LrRange {
  private enum Kind {
    GEOMETRIC,
    UP_TO,
    EACH
  }

  private final Kind kind;
  private final double lo;
  private final double hi;
  private final double[] values;

  private LrRange(Kind kind, double lo, double hi, double[] values) {
    this.kind = kind;
    this.lo = lo;
    this.hi = hi;
    this.values = values;
  }

  /**
   * Geometric spacing from {@code lo} (first group) to {@code hi} (last group); both must be
   * positive.
   */
  public static LrRange of(double lo, double hi) {
    Check.positive("LrRange.of: lo", lo);
    Check.positive("LrRange.of: hi", hi);
    return new LrRange(Kind.GEOMETRIC, lo, hi, null);
  }

  /**
   * {@code hi} for the last group, {@code hi/10} for every other group (fastai's {@code
   * slice(hi)}).
   */
  public static LrRange upTo(double hi) {
    Check.positive("LrRange.upTo: hi", hi);
    return new LrRange(Kind.UP_TO, hi / 10, hi, null);
  }

  /** Exactly these values, one per group in group order. */
  public static LrRange each(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("LrRange.each needs one value per param group, got none");
    }
    for (int i = 0; i < values.length; i++) {
      Check.finite("LrRange.each: value " + i, values[i]);
    }
    return new LrRange(Kind.EACH, 0, 0, values.clone());
  }

  /**
   * The same spread with every value multiplied by {@code factor} (a scheduler scales a spread this
   * way).
   */
  public LrRange times(double factor) {
    Check.finite("LrRange.times: factor", factor);
    if (kind == Kind.EACH) {
      double[] v = values.clone();
      for (int i = 0; i < v.length; i++) {
        v[i] *= factor;
      }
      return new LrRange(kind, 0, 0, v);
    }
    return new LrRange(kind, lo * factor, hi * factor, null);
  }

  /** The value of each of {@code nGroups} groups. */
  public double[] values(int nGroups) {
    if (nGroups < 1) {
      throw new IllegalArgumentException("nGroups must be at least 1, got " + nGroups);
    }
    double[] out = new double[nGroups];
    switch (kind) {
      case GEOMETRIC -> {
        if (nGroups == 1) {
          out[0] = hi;
        } else {
          double step = Math.pow(hi / lo, 1.0 / (nGroups - 1));
          for (int i = 0; i < nGroups; i++) {
            out[i] = lo * Math.pow(step, i);
          }
        }
      }
      case UP_TO -> {
        Arrays.fill(out, lo);
        out[nGroups - 1] = hi;
      }
      case EACH -> {
        if (values.length != nGroups) {
          throw new IllegalArgumentException(
              "LrRange.each has "
                  + values.length
                  + " values but the optimizer has "
                  + nGroups
                  + " param groups; give one value per group");
        }
        System.arraycopy(values, 0, out, 0, nGroups);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case GEOMETRIC -> "LrRange.of(" + lo + ", " + hi + ")";
      case UP_TO -> "LrRange.upTo(" + hi + ")";
      case EACH -> "LrRange.each" + Arrays.toString(values).replace('[', '(').replace(']', ')');
    };
  }
}
