package org.boarfish.metrics;

import org.boarfish.metrics.AccumMetric.Activation;
import org.boarfish.metrics.Scores.Kind;
import org.boarfish.tensor.Tensor;

/**
 * The ready-made metrics, with fastai's names and definitions ({@code docs/metrics.md} lists each).
 * Every call returns a fresh metric (metrics hold per-epoch state, so do not share one between
 * Learners).
 *
 * <pre>{@code
 * var metrics = List.of(Metrics.accuracy(), Metrics.errorRate(), Metrics.f1Score().macro());
 * }</pre>
 */
public final class Metrics {
  private Metrics() {}

  // ---------------------------------------------------------------- single-label classification
  // (per batch)

  /**
   * Mean of {@code argmax(pred, -1) == target} (pred {@code [N, C]}, int targets {@code [N]});
   * batch-averaged.
   */
  public static AvgMetric accuracy() {
    return accuracy(-1);
  }

  /**
   * Accuracy with the classes on {@code axis}: {@code accuracy(1)} for segmentation output {@code
   * [N, C, H, W]}.
   */
  public static AvgMetric accuracy(int axis) {
    return new AvgMetric("accuracy", (p, t) -> ClassFns.accuracy("accuracy", p, t, axis), true);
  }

  /** {@code 1 − accuracy}; lower is better. */
  public static AvgMetric errorRate() {
    return errorRate(-1);
  }

  /** {@code 1 − accuracy(axis)}. */
  public static AvgMetric errorRate(int axis) {
    return new AvgMetric(
        "error_rate", (p, t) -> 1 - ClassFns.accuracy("error_rate", p, t, axis), false);
  }

  /**
   * The fraction of items whose target is among the {@code k} highest scores (fastai's default k is
   * 5).
   */
  public static AvgMetric topKAccuracy(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("topKAccuracy: k must be at least 1, got " + k);
    }
    return new AvgMetric(
        "top_k_accuracy", (p, t) -> ClassFns.topK("top_k_accuracy", p, t, k), true);
  }

  // ---------------------------------------------------------------- multi-label (per batch)

  /**
   * Mean over all elements of {@code (σ(pred) > 0.5) == target} for 0/1 targets shaped like pred.
   */
  public static AvgMetric accuracyMulti() {
    return accuracyMulti(0.5, true);
  }

  /** {@link #accuracyMulti()} with another threshold. */
  public static AvgMetric accuracyMulti(double thresh) {
    return accuracyMulti(thresh, true);
  }

  /**
   * Mean of {@code (act(pred) > thresh) == target}, act the sigmoid if {@code sigmoid}, else the
   * identity.
   */
  public static AvgMetric accuracyMulti(double thresh, boolean sigmoid) {
    return new AvgMetric(
        "accuracy_multi",
        (p, t) -> ClassFns.accuracyMulti("accuracy_multi", p, t, thresh, sigmoid),
        true);
  }

  // ---------------------------------------------------------------- precision, recall, F (over the
  // epoch)

  /** Binary F1 of the argmax over the epoch; {@code f1Score().macro()} for more classes. */
  public static ConfusionScore f1Score() {
    return f1Score(Average.BINARY);
  }

  /** F1 of the argmax over the epoch, averaged as given. */
  public static ConfusionScore f1Score(Average average) {
    return new ConfusionScore("f1_score", Kind.FBETA, 1, average, false, 0.5, true);
  }

  /** Binary F-beta: {@code (1+β²)·tp / ((1+β²)·tp + β²·fn + fp)}. */
  public static ConfusionScore fBeta(double beta) {
    return fBeta(beta, Average.BINARY);
  }

  /** F-beta averaged as given. */
  public static ConfusionScore fBeta(double beta, Average average) {
    return new ConfusionScore("fbeta_score", Kind.FBETA, beta, average, false, 0.5, true);
  }

  /** Binary precision {@code tp / (tp + fp)}. */
  public static ConfusionScore precision() {
    return precision(Average.BINARY);
  }

  /** Precision averaged as given. */
  public static ConfusionScore precision(Average average) {
    return new ConfusionScore("precision_score", Kind.PRECISION, 1, average, false, 0.5, true);
  }

  /** Binary recall {@code tp / (tp + fn)}. */
  public static ConfusionScore recall() {
    return recall(Average.BINARY);
  }

  /** Recall averaged as given. */
  public static ConfusionScore recall(Average average) {
    return new ConfusionScore("recall_score", Kind.RECALL, 1, average, false, 0.5, true);
  }

  /** Multi-label F1: {@code σ(pred) >= 0.5} against 0/1 targets, macro over the label columns. */
  public static ConfusionScore f1ScoreMulti() {
    return f1ScoreMulti(0.5);
  }

  /** Multi-label F1 with another threshold. */
  public static ConfusionScore f1ScoreMulti(double thresh) {
    return new ConfusionScore("f1_score", Kind.FBETA, 1, Average.MACRO, true, thresh, true);
  }

  /** Multi-label F-beta, macro. */
  public static ConfusionScore fBetaMulti(double beta) {
    return fBetaMulti(beta, 0.5);
  }

  /** Multi-label F-beta with another threshold. */
  public static ConfusionScore fBetaMulti(double beta, double thresh) {
    return new ConfusionScore("fbeta_score", Kind.FBETA, beta, Average.MACRO, true, thresh, true);
  }

  /** Multi-label precision, macro. */
  public static ConfusionScore precisionMulti() {
    return precisionMulti(0.5);
  }

  /** Multi-label precision with another threshold. */
  public static ConfusionScore precisionMulti(double thresh) {
    return new ConfusionScore(
        "precision_score", Kind.PRECISION, 1, Average.MACRO, true, thresh, true);
  }

  /** Multi-label recall, macro. */
  public static ConfusionScore recallMulti() {
    return recallMulti(0.5);
  }

  /** Multi-label recall with another threshold. */
  public static ConfusionScore recallMulti(double thresh) {
    return new ConfusionScore("recall_score", Kind.RECALL, 1, Average.MACRO, true, thresh, true);
  }

  // ---------------------------------------------------------------- ROC-AUC (over the epoch)

  /**
   * One-vs-rest macro ROC-AUC of {@code softmax(pred, -1)} {@code [N, C]} against class indices
   * {@code [N]}; NaN when a class has no positive or no negative item in the epoch.
   */
  public static AccumMetric rocAuc() {
    return new AccumMetric("roc_auc_score", Metrics::aucOvr, true)
        .withActivation(Activation.SOFTMAX, -1)
        .withFlatten(false)
        .withCheck((p, t) -> classIndexRows("roc_auc_score", p, t, "Metrics.rocAucMulti()"));
  }

  /**
   * ROC-AUC of the last class's softmax probability against 0/1 targets; NaN without both classes
   * in the epoch.
   */
  public static AccumMetric rocAucBinary() {
    return new AccumMetric("roc_auc_score", Metrics::aucBinary, true)
        .withActivation(Activation.BINARY_SOFTMAX, -1)
        .withCheck(Metrics::binaryTargets);
  }

  /**
   * Multi-label ROC-AUC: {@code σ(pred)} against 0/1 targets shaped like pred, macro over the label
   * columns.
   */
  public static AccumMetric rocAucMulti() {
    return new AccumMetric("roc_auc_score", Metrics::aucColumns, true)
        .withActivation(Activation.SIGMOID)
        .withFlatten(false)
        .withCheck(
            (p, t) -> {
              if (p.numel() != t.numel()
                  || p.dim() == 0
                  || t.dim() == 0
                  || p.size(0) != t.size(0)) {
                throw Checks.wrongKind(
                    "roc_auc_score",
                    "0/1 multi-label targets of the same shape as pred",
                    p,
                    t,
                    "for class-index targets use Metrics.rocAuc()");
              }
            });
  }

  // ---------------------------------------------------------------- regression

  /** Mean squared error, batch-averaged. */
  public static AvgMetric mse() {
    return regression("mse", RegressionFns.Batch.MSE);
  }

  /** Mean absolute error, batch-averaged. */
  public static AvgMetric mae() {
    return regression("mae", RegressionFns.Batch.MAE);
  }

  /** Mean squared error of {@code log(1 + x)}, batch-averaged. */
  public static AvgMetric msle() {
    return regression("msle", RegressionFns.Batch.MSLE);
  }

  /** {@code sqrt(MSE over the whole epoch)}, not a mean of per-batch RMSEs. */
  public static AccumMetric rmse() {
    return new AccumMetric("rmse", RegressionFns::rmse, false)
        .withCheck((p, t) -> Checks.regression("rmse", p, t));
  }

  /** {@code sqrt(mean(((e^t − e^p)/e^t)²))} over the epoch, for log-scale targets (Rossmann). */
  public static AccumMetric expRmspe() {
    return new AccumMetric("exp_rmspe", RegressionFns::expRmspe, false)
        .withCheck((p, t) -> Checks.regression("exp_rmspe", p, t));
  }

  /**
   * The coefficient of determination R² over the epoch (flattened), as sklearn's {@code r2_score}.
   */
  public static AccumMetric r2Score() {
    return new AccumMetric("r2_score", RegressionFns::r2, true)
        .withCheck((p, t) -> Checks.regression("r2_score", p, t));
  }

  // ---------------------------------------------------------------- language models, segmentation

  /** {@code exp(epoch-average loss)}; lower is better. */
  public static LossMetric perplexity() {
    return new LossMetric("perplexity", Math::exp, false);
  }

  /** Binary Dice over the epoch on the argmax over axis 1: {@code 2·Σ(p·t) / Σ(p + t)}. */
  public static Dice dice() {
    return new Dice(1, false);
  }

  /** Binary Dice with the classes on {@code axis}. */
  public static Dice dice(int axis) {
    return new Dice(axis, false);
  }

  /**
   * Multi-class Dice over the epoch, the mean over classes of the per-class Dice (classes on axis
   * 1).
   */
  public static DiceMulti diceMulti() {
    return new DiceMulti(1);
  }

  /**
   * Binary Jaccard coefficient over the epoch: {@code inter / (union − inter)} (classes on axis 1).
   */
  public static Dice jaccard() {
    return new Dice(1, true);
  }

  /** Accuracy over the pixels whose target is not class 0 (classes on axis 1), batch-averaged. */
  public static AvgMetric foregroundAcc() {
    return foregroundAcc(0);
  }

  /** Accuracy over the pixels whose target is not {@code bkgIdx}. */
  public static AvgMetric foregroundAcc(int bkgIdx) {
    return foregroundAcc(bkgIdx, 1);
  }

  /** Accuracy over the pixels whose target is not {@code bkgIdx}, classes on {@code axis}. */
  public static AvgMetric foregroundAcc(int bkgIdx, int axis) {
    return new AvgMetric(
        "foreground_acc",
        (p, t) -> ClassFns.foregroundAcc("foreground_acc", p, t, bkgIdx, axis),
        true);
  }

  // ---------------------------------------------------------------- helpers

  private static AvgMetric regression(String name, RegressionFns.Batch kind) {
    return new AvgMetric(name, (p, t) -> RegressionFns.batch(name, kind, p, t), false);
  }

  private static void classIndexRows(String name, Tensor p, Tensor t, String multiFix) {
    if (p.dim() != 2 || !Checks.isIntegral(t) || t.numel() != p.size(0)) {
      throw Checks.wrongKind(
          name,
          "class scores [N, C] and integer class-index targets [N]",
          p,
          t,
          Checks.isIntegral(t)
              ? "give one class index per row of pred"
              : "for multi-label 0/1 targets use " + multiFix);
    }
  }

  private static void binaryTargets(Tensor p, Tensor t) {
    String name = "roc_auc_score";
    classIndexRows(name, p, t, "Metrics.rocAucMulti()");
    for (long v : t.toLongArray()) {
      if (v != 0 && v != 1) {
        throw Checks.wrongKind(
            name + " (binary)",
            "targets 0 or 1",
            p,
            t,
            "found class " + v + "; for more classes use Metrics.rocAuc()");
      }
    }
  }

  private static double aucOvr(Tensor probs, Tensor target) {
    int classes = (int) probs.size(1);
    long[] t = target.toLongArray();
    for (long v : t) {
      if (v < 0 || v >= classes) {
        throw new IllegalArgumentException(
            "roc_auc_score: target class "
                + v
                + " is outside 0.."
                + (classes - 1)
                + " for "
                + classes
                + " predicted classes");
      }
    }
    return Scores.aucOvr(probs.toDoubleArray(), t, classes);
  }

  private static double aucBinary(Tensor probs, Tensor target) {
    long[] t = target.toLongArray();
    boolean[] pos = new boolean[t.length];
    for (int i = 0; i < t.length; i++) {
      pos[i] = t[i] == 1;
    }
    return Scores.auc(probs.toDoubleArray(), pos);
  }

  private static double aucColumns(Tensor probs, Tensor target) {
    int rows = (int) probs.size(0);
    int cols = (int) (probs.numel() / Math.max(1, rows));
    double[] s = probs.toDoubleArray();
    double[] t = target.toDoubleArray();
    double sum = 0;
    double[] col = new double[rows];
    boolean[] pos = new boolean[rows];
    for (int c = 0; c < cols; c++) {
      for (int i = 0; i < rows; i++) {
        col[i] = s[i * cols + c];
        pos[i] = t[i * cols + c] != 0;
      }
      sum += Scores.auc(col, pos);
    }
    return sum / cols;
  }
}
