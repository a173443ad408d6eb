package org.boarfish.metrics;

import org.boarfish.tensor.Tensor;

/** The per-batch classification functions behind the {@link AvgMetric}s of {@link Metrics}. */
final class ClassFns {
  private ClassFns() {}

  /**
   * fastai's {@code accuracy(inp, targ, axis)}: mean of {@code argmax(pred, axis) == target} after
   * flattening.
   */
  static double accuracy(String name, Tensor pred, Tensor target, int axis) {
    long[] p = Checks.argmaxLabels(name, pred, target, axis);
    long[] t = target.toLongArray();
    long hits = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == t[i]) {
        hits++;
      }
    }
    return p.length == 0 ? Double.NaN : (double) hits / p.length;
  }

  /**
   * The fraction of items whose target is among the {@code k} highest scores of the last axis. A
   * tie with the target's score counts before the target when its class index is smaller, so k = 1
   * agrees with argmax.
   */
  static double topK(String name, Tensor pred, Tensor target, int k) {
    int a = Checks.classAxis(name, pred, target, -1);
    int classes = (int) pred.size(a);
    String expects = "integer class-index targets, one per row of pred's last axis";
    if (!Checks.isIntegral(target)) {
      throw Checks.wrongKind(
          name,
          expects,
          pred,
          target,
          "for regression use Metrics.rmse(); for multi-label 0/1 targets use Metrics.accuracyMulti()");
    }
    if (pred.numel() / Math.max(1, classes) != target.numel()) {
      throw Checks.wrongKind(
          name,
          expects,
          pred,
          target,
          "give one class index per item (e.g. int64 [N] for pred [N, C])");
    }
    if (k > classes) {
      throw new IllegalArgumentException(
          name
              + ": k = "
              + k
              + " is more than the "
              + classes
              + " classes of pred "
              + Checks.desc(pred)
              + "; use a k of at most "
              + classes);
    }
    double[] s = pred.toDoubleArray();
    long[] t = target.toLongArray();
    long hits = 0;
    for (int i = 0; i < t.length; i++) {
      long c = t[i];
      if (c < 0 || c >= classes) {
        throw new IllegalArgumentException(
            name
                + ": target class "
                + c
                + " is outside 0.."
                + (classes - 1)
                + " for pred "
                + Checks.desc(pred));
      }
      int row = i * classes;
      double st = s[row + (int) c];
      int above = 0;
      for (int j = 0; j < classes; j++) {
        double v = s[row + j];
        if (v > st || (v == st && j < c)) {
          above++;
        }
      }
      if (above < k) {
        hits++;
      }
    }
    return t.length == 0 ? Double.NaN : (double) hits / t.length;
  }

  /**
   * fastai's {@code accuracy_multi}: mean over all elements of {@code (σ(pred) > thresh) == (target
   * != 0)}.
   */
  static double accuracyMulti(
      String name, Tensor pred, Tensor target, double thresh, boolean sigmoid) {
    Checks.sameCount(name, "0/1 multi-label targets of the same shape as pred", pred, target);
    double[] p = pred.toDoubleArray();
    double[] t = target.toDoubleArray();
    long hits = 0;
    for (int i = 0; i < p.length; i++) {
      double v = sigmoid ? 1 / (1 + Math.exp(-p[i])) : p[i];
      if ((v > thresh) == (t[i] != 0)) {
        hits++;
      }
    }
    return p.length == 0 ? Double.NaN : (double) hits / p.length;
  }

  /**
   * fastai's {@code foreground_acc}: accuracy over the pixels whose target is not {@code bkgIdx}
   * (NaN if none).
   */
  static double foregroundAcc(String name, Tensor pred, Tensor target, long bkgIdx, int axis) {
    long[] p = Checks.argmaxLabels(name, pred, target, axis);
    long[] t = target.toLongArray();
    long hits = 0;
    long count = 0;
    for (int i = 0; i < p.length; i++) {
      if (t[i] != bkgIdx) {
        count++;
        if (p[i] == t[i]) {
          hits++;
        }
      }
    }
    return count == 0 ? Double.NaN : (double) hits / count;
  }
}
