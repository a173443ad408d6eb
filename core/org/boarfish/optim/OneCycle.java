package org.boarfish.optim;

/**
 * The one-cycle policy of fastai's {@code fit_one_cycle}: the learning rate goes by cosines from
 * {@code lrMax/div} up to {@code lrMax} over the first {@code pctStart} of training, then down to
 * {@code lrMax/divFinal}; the momentum goes the opposite way, {@code moms.start → moms.middle →
 * moms.end}.
 *
 * <pre>{@code
 * var oc = OneCycle.defaults().withLrMax(1e-2);      // div 25, divFinal 1e5, pctStart 0.25, moms 0.95/0.85/0.95
 * double lr = oc.lrSchedule().atIteration(i, n);     // fastai indexing: pos = i/n
 * }</pre>
 *
 * <p><b>Indexing.</b> fastai evaluates iteration {@code i} of {@code n} at {@code pos = i/n}
 * ({@link Indexing#FASTAI}): with n = 100 and the defaults, {@code lrMax} is reached at i = 25 and
 * the last value is 4.486e-6, not {@code lrMax/divFinal} = 1e-7. PyTorch's {@code
 * OneCycleLR(three_phase=False)} ({@link Indexing#TORCH}) turns at {@code i = pctStart·n − 1} and
 * reaches {@code lrMax/divFinal} at i = n − 1.
 *
 * @param lrMax the peak learning rate
 * @param div the start is {@code lrMax/div}
 * @param divFinal the end is {@code lrMax/divFinal}
 * @param pctStart the fraction of training spent warming up, in [0, 1]
 * @param moms the momentums at start, peak and end
 */
public record OneCycle(double lrMax, double div, double divFinal, double pctStart, Moms moms) {

  /** How iterations map to schedule positions. */
  public enum Indexing {
    /** fastai's {@code fit_one_cycle}: iteration i of n at {@code pos = i/n}. */
    FASTAI,
    /** PyTorch's {@code OneCycleLR}: phase ends at {@code pctStart·n − 1} and {@code n − 1}. */
    TORCH
  }

  /** Checks every value. */
  public OneCycle {
    Check.positive("lrMax", lrMax);
    Check.positive("div", div);
    Check.positive("divFinal", divFinal);
    Schedules.checkPct("pctStart", pctStart);
    if (moms == null) {
      throw new IllegalArgumentException("moms must not be null (use Moms.DEFAULT)");
    }
  }

  /**
   * fastai's defaults: lrMax 1e-3 ({@code defaults.lr}), div 25, divFinal 1e5, pctStart 0.25, moms
   * 0.95/0.85/0.95.
   */
  public static OneCycle defaults() {
    return new OneCycle(1e-3, 25, 1e5, 0.25, Moms.DEFAULT);
  }

  /** A copy with another peak learning rate. */
  public OneCycle withLrMax(double value) {
    return new OneCycle(value, div, divFinal, pctStart, moms);
  }

  /** A copy with another start divisor. */
  public OneCycle withDiv(double value) {
    return new OneCycle(lrMax, value, divFinal, pctStart, moms);
  }

  /** A copy with another final divisor. */
  public OneCycle withDivFinal(double value) {
    return new OneCycle(lrMax, div, value, pctStart, moms);
  }

  /** A copy with another warm-up fraction. */
  public OneCycle withPctStart(double value) {
    return new OneCycle(lrMax, div, divFinal, value, moms);
  }

  /** A copy with other momentums. */
  public OneCycle withMoms(Moms value) {
    return new OneCycle(lrMax, div, divFinal, pctStart, value);
  }

  /** The learning rate as a function of progress. */
  public Schedule lrSchedule() {
    return Schedules.oneCycleLr(lrMax, div, divFinal, pctStart);
  }

  /** The momentum as a function of progress. */
  public Schedule momSchedule() {
    return Schedules.oneCycleMom(moms.start(), moms.middle(), moms.end(), pctStart);
  }

  /** The learning rate of iteration {@code i} (0-based) of {@code n}. */
  public double lr(int i, int n, Indexing indexing) {
    return value(i, n, indexing, lrMax / div, lrMax, lrMax / divFinal);
  }

  /** The momentum of iteration {@code i} (0-based) of {@code n}. */
  public double mom(int i, int n, Indexing indexing) {
    return value(i, n, indexing, moms.start(), moms.middle(), moms.end());
  }

  /** The learning rates of all {@code n} iterations. */
  public double[] lrs(int n, Indexing indexing) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = lr(i, n, indexing);
    }
    return out;
  }

  /** The momentums of all {@code n} iterations. */
  public double[] moms(int n, Indexing indexing) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mom(i, n, indexing);
    }
    return out;
  }

  private double value(int i, int n, Indexing indexing, double start, double middle, double end) {
    if (n < 1 || i < 0 || i >= n) {
      throw new IllegalArgumentException(
          "iteration " + i + " of " + n + " is out of range: need 0 <= i < n");
    }
    if (indexing == Indexing.FASTAI) {
      return Schedules.combinedCos(pctStart, start, middle, end).at((double) i / n);
    }
    double e1 = pctStart * n - 1;
    if (i <= e1) {
      return Schedules.cos(start, middle).at(e1 <= 0 ? 1 : i / e1);
    }
    double width = n - 1 - e1;
    return Schedules.cos(middle, end).at(width <= 0 ? 1 : (i - e1) / width);
  }
}
