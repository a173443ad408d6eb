package org.boarfish.optim;

/**
 * fastai's annealers and the schedules built from them. Each returns a {@link Schedule} of progress
 * {@code pos} ∈ [0, 1] going from {@code start} at 0 to {@code end} at 1.
 *
 * <pre>{@code
 * Schedule warmupThenDecay = Schedules.combine(new double[] {0.3, 0.7},
 *     Schedules.lin(1e-4, 1e-2), Schedules.cos(1e-2, 1e-6));
 * double lr = warmupThenDecay.at(0.5);
 * }</pre>
 */
public final class Schedules {
  private Schedules() {}

  /** {@code start + pos·(end − start)}. */
  public static Schedule lin(double start, double end) {
    return pos -> start + pos * (end - start);
  }

  /** Cosine: {@code start + (1 + cos(π·(1 − pos)))·(end − start)/2}. */
  public static Schedule cos(double start, double end) {
    return pos -> start + (1 + Math.cos(Math.PI * (1 - pos))) * (end - start) / 2;
  }

  /** Exponential: {@code start·(end/start)^pos}; both must be positive. */
  public static Schedule exp(double start, double end) {
    Check.positive("exp: start", start);
    Check.positive("exp: end", end);
    return pos -> start * Math.pow(end / start, pos);
  }

  /** Polynomial: {@code start + (end − start)·pos^power}. */
  public static Schedule poly(double start, double end, double power) {
    Check.finite("poly: power", power);
    return pos -> start + (end - start) * Math.pow(pos, power);
  }

  /** Always {@code value} (fastai's {@code SchedNo}). */
  public static Schedule constant(double value) {
    return pos -> value;
  }

  /**
   * Runs {@code scheds[k]} over a fraction {@code pcts[k]} of training (fastai's {@code
   * combine_scheds}); the fractions must not be negative and must add up to 1. Each segment sees
   * its own progress from 0 to 1.
   */
  public static Schedule combine(double[] pcts, Schedule... scheds) {
    if (pcts.length == 0 || pcts.length != scheds.length) {
      throw new IllegalArgumentException(
          "combine needs one fraction per schedule, got "
              + pcts.length
              + " fractions and "
              + scheds.length
              + " schedules");
    }
    double[] bounds = new double[pcts.length + 1];
    for (int k = 0; k < pcts.length; k++) {
      if (!(pcts[k] >= 0)) {
        throw new IllegalArgumentException(
            "combine: fraction " + k + " must not be negative, got " + pcts[k]);
      }
      bounds[k + 1] = bounds[k] + pcts[k];
    }
    if (Math.abs(bounds[pcts.length] - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "combine: fractions must add up to 1, they add up to " + bounds[pcts.length]);
    }
    Schedule[] s = scheds.clone();
    int last = pcts.length - 1;
    return pos -> {
      int k = 0;
      while (k < last && bounds[k + 1] <= pos) {
        k++;
      }
      double width = bounds[k + 1] - bounds[k];
      return s[k].at(width == 0 ? 0 : (pos - bounds[k]) / width);
    };
  }

  /**
   * Two cosines, {@code start → middle} over the fraction {@code pct}, then {@code middle → end}.
   */
  public static Schedule combinedCos(double pct, double start, double middle, double end) {
    checkPct("combinedCos: pct", pct);
    return combine(new double[] {pct, 1 - pct}, cos(start, middle), cos(middle, end));
  }

  /**
   * One-cycle learning rate with fastai's defaults: {@code lrMax/25 → lrMax → lrMax/1e5}, warm-up
   * 25 %.
   */
  public static Schedule oneCycleLr(double lrMax) {
    return oneCycleLr(lrMax, 25, 1e5, 0.25);
  }

  /**
   * One-cycle learning rate: cosine from {@code lrMax/div} to {@code lrMax} over {@code pctStart},
   * then to {@code lrMax/divFinal}.
   */
  public static Schedule oneCycleLr(double lrMax, double div, double divFinal, double pctStart) {
    Check.positive("lrMax", lrMax);
    Check.positive("div", div);
    Check.positive("divFinal", divFinal);
    return combinedCos(pctStart, lrMax / div, lrMax, lrMax / divFinal);
  }

  /** One-cycle momentum with fastai's defaults: 0.95 → 0.85 → 0.95, turning at 25 %. */
  public static Schedule oneCycleMom() {
    return oneCycleMom(0.95, 0.85, 0.95, 0.25);
  }

  /**
   * One-cycle momentum: cosine {@code start → middle} over {@code pctStart}, then {@code middle →
   * end}.
   */
  public static Schedule oneCycleMom(double start, double middle, double end, double pctStart) {
    return combinedCos(pctStart, start, middle, end);
  }

  /**
   * fastai's {@code fit_flat_cos} learning rate: flat {@code lr} for 75 %, then cosine to {@code
   * lr/1e5}.
   */
  public static Schedule flatCos(double lr) {
    return flatCos(lr, 0.75, 1e5);
  }

  /** Flat {@code lr} over {@code pctStart}, then cosine to {@code lr/divFinal}. */
  public static Schedule flatCos(double lr, double pctStart, double divFinal) {
    checkPct("flatCos: pctStart", pctStart);
    Check.positive("divFinal", divFinal);
    return combine(new double[] {pctStart, 1 - pctStart}, constant(lr), cos(lr, lr / divFinal));
  }

  /**
   * SGDR (fastai's {@code fit_sgdr}): {@code nCycles} cosines from {@code lrMax} to 0, cycle k
   * lasting {@code cycleLen·cycleMult^k} epochs, over {@link #sgdrEpochs} epochs in all.
   */
  public static Schedule sgdr(double lrMax, int nCycles, int cycleLen, int cycleMult) {
    Check.positive("lrMax", lrMax);
    double total = sgdrEpochs(nCycles, cycleLen, cycleMult);
    double[] pcts = new double[nCycles];
    Schedule[] scheds = new Schedule[nCycles];
    for (int k = 0; k < nCycles; k++) {
      pcts[k] = cycleLen * Math.pow(cycleMult, k) / total;
      scheds[k] = cos(lrMax, 0);
    }
    return combine(pcts, scheds);
  }

  /**
   * The epochs an SGDR schedule spans: {@code cycleLen·(cycleMult^nCycles − 1)/(cycleMult − 1)}.
   */
  public static int sgdrEpochs(int nCycles, int cycleLen, int cycleMult) {
    if (nCycles < 1 || cycleLen < 1 || cycleMult < 1) {
      throw new IllegalArgumentException(
          "sgdr needs nCycles, cycleLen and cycleMult >= 1, got "
              + nCycles
              + ", "
              + cycleLen
              + ", "
              + cycleMult);
    }
    long total = 0;
    long len = cycleLen;
    for (int k = 0; k < nCycles; k++) {
      total += len;
      len *= cycleMult;
    }
    return Math.toIntExact(total);
  }

  static void checkPct(String name, double pct) {
    if (!(pct >= 0 && pct <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + pct);
    }
  }
}
