package org.boarfish.learner;

/**
 * fastai's learning-rate suggestions from the lr-finder's recorded learning rates and smoothed
 * losses (already trimmed: the first {@code numIt/10} and the last 5 points removed, cut at the
 * first NaN).
 */
public final class LrSuggestions {
  private LrSuggestions() {}

  /**
   * The longest run of decreasing losses (an O(n²) longest-decreasing-subsequence), then the point
   * about half-way into it: {@code start + int(len/3) + int(len/6)}.
   */
  public static double valley(double[] lrs, double[] losses) {
    int n = losses.length;
    if (n == 0) {
      return Double.NaN;
    }
    int maxStart = 0;
    int maxEnd = 0;
    int[] lds = new int[n];
    java.util.Arrays.fill(lds, 1);
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    int idx = maxStart + (int) sections + (int) (sections / 2);
    return lrs[Math.max(0, Math.min(n - 1, idx))];
  }

  /** fastai's {@code slide(lr_diff=15, thresh=0.005, adjust_value=1)}. */
  public static double slide(double[] lrs, double[] losses) {
    return slide(lrs, losses, 15, 0.005, 1.0);
  }

  /**
   * Slides a window of {@code lrDiff} points left from the end while the loss gradient differs by
   * more than {@code thresh} across it; the suggestion is the left learning rate times {@code
   * adjustValue}.
   */
  public static double slide(
      double[] lrs, double[] losses, int lrDiff, double thresh, double adjustValue) {
    int n = losses.length;
    if (n <= lrDiff) {
      return Double.NaN;
    }
    double[] grad = gradient(losses);
    int r = n - 1;
    int l = r - lrDiff;
    double localMin = lrs[l];
    while (l >= 0 && Math.abs(grad[r] - grad[l]) > thresh) {
      localMin = lrs[l];
      r--;
      l--;
    }
    return localMin * adjustValue;
  }

  /** The learning rate of the lowest loss, divided by 10. */
  public static double minimum(double[] lrs, double[] losses) {
    if (losses.length == 0) {
      return Double.NaN;
    }
    int best = 0;
    for (int i = 1; i < losses.length; i++) {
      if (losses[i] < losses[best]) {
        best = i;
      }
    }
    return lrs[best] / 10;
  }

  /** The learning rate where the loss falls fastest per log-lr: {@code argmin(Δloss/Δlog(lr))}. */
  public static double steep(double[] lrs, double[] losses) {
    if (losses.length < 2) {
      return Double.NaN;
    }
    int best = 0;
    double bestG = Double.POSITIVE_INFINITY;
    for (int i = 0; i < losses.length - 1; i++) {
      double g = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
      if (g < bestG) {
        bestG = g;
        best = i;
      }
    }
    return lrs[best];
  }

  /** NumPy's {@code gradient}: central differences inside, one-sided at the ends. */
  static double[] gradient(double[] y) {
    int n = y.length;
    double[] g = new double[n];
    if (n < 2) {
      return g;
    }
    g[0] = y[1] - y[0];
    g[n - 1] = y[n - 1] - y[n - 2];
    for (int i = 1; i < n - 1; i++) {
      g[i] = (y[i + 1] - y[i - 1]) / 2;
    }
    return g;
  }
}
