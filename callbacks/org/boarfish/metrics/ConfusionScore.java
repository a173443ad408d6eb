package org.boarfish.metrics;

import java.util.Objects;
import org.boarfish.tensor.Tensor;

/**
 * Precision, recall or F-beta over the whole epoch, as fastai's sklearn-backed {@code Precision},
 * {@code Recall}, {@code F1Score}, {@code FBeta} and their {@code *Multi} variants (accumulated,
 * not batch-averaged).
 *
 * <p>Single-label ({@link Metrics#f1Score()}, ...): the predicted class is the argmax over the last
 * axis of pred {@code [N, C]}; targets are class indices {@code [N]}; {@link Average#BINARY} by
 * default (class 1 is positive; more than two classes is an error). Multi-label ({@link
 * Metrics#f1ScoreMulti()}, ...): {@code sigmoid(pred) >= thresh} (0.5) against 0/1 targets of the
 * same shape {@code [N, L]}, one label per column, {@link Average#MACRO} by default. A zero
 * denominator scores 0 (sklearn's default).
 *
 * <pre>{@code
 * Metrics.f1Score()                      // binary F1
 * Metrics.f1Score().macro()              // mean of per-class F1 over the classes seen
 * Metrics.fBeta(2, Average.WEIGHTED)
 * Metrics.f1ScoreMulti(0.3)
 * }</pre>
 */
public final class ConfusionScore implements Metric {
  private final String name;
  private final Scores.Kind kind;
  private final double beta;
  private final Average average;
  private final boolean multiLabel;
  private final double thresh;
  private final boolean sigmoid;

  private final DoubleList preds = new DoubleList();
  private final DoubleList targs = new DoubleList();
  private int labels = -1;

  ConfusionScore(
      String name,
      Scores.Kind kind,
      double beta,
      Average average,
      boolean multiLabel,
      double thresh,
      boolean sigmoid) {
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(name + ": beta must be positive and finite, got " + beta);
    }
    Objects.requireNonNull(average, "average");
    if (multiLabel && average == Average.BINARY) {
      throw new IllegalArgumentException(
          name
              + " on multi-label targets cannot use Average.BINARY (every column is a "
              + "label); use MACRO, MICRO or WEIGHTED");
    }
    if (Double.isNaN(thresh)) {
      throw new IllegalArgumentException(name + ": thresh must be a number, got NaN");
    }
    this.name = name;
    this.kind = kind;
    this.beta = beta;
    this.average = average;
    this.multiLabel = multiLabel;
    this.thresh = thresh;
    this.sigmoid = sigmoid;
  }

  /** The same score averaged another way. */
  public ConfusionScore withAverage(Average avg) {
    return new ConfusionScore(name, kind, beta, avg, multiLabel, thresh, sigmoid);
  }

  /** The same score, macro-averaged over classes. */
  public ConfusionScore macro() {
    return withAverage(Average.MACRO);
  }

  /** The same score, micro-averaged. */
  public ConfusionScore micro() {
    return withAverage(Average.MICRO);
  }

  /** The same score, support-weighted over classes. */
  public ConfusionScore weighted() {
    return withAverage(Average.WEIGHTED);
  }

  /** The same multi-label score with another threshold on the (sigmoid of the) outputs. */
  public ConfusionScore withThresh(double t) {
    requireMulti("withThresh");
    return new ConfusionScore(name, kind, beta, average, multiLabel, t, sigmoid);
  }

  /** The same multi-label score, with or without the sigmoid before thresholding. */
  public ConfusionScore withSigmoid(boolean s) {
    requireMulti("withSigmoid");
    return new ConfusionScore(name, kind, beta, average, multiLabel, thresh, s);
  }

  private void requireMulti(String what) {
    if (!multiLabel) {
      throw new IllegalStateException(
          name
              + ": "
              + what
              + " applies to the multi-label metrics (Metrics.f1ScoreMulti()"
              + " and friends); single-label metrics take the argmax");
    }
  }

  /** How classes are combined. */
  public Average average() {
    return average;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    preds.clear();
    targs.clear();
    labels = -1;
  }

  @Override
  public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
    Checks.batchSize(name, batchSize);
    if (multiLabel) {
      accumulateMulti(pred.detach(), target.detach());
    } else {
      accumulateSingle(pred.detach(), target.detach());
    }
  }

  private void accumulateSingle(Tensor pred, Tensor target) {
    long[] p = Checks.argmaxLabels(name, pred, target, -1);
    long classes = pred.size(-1);
    if (average == Average.BINARY && classes > 2) {
      throw Checks.wrongKind(
          name + " with Average.BINARY",
          "2 classes",
          pred,
          target,
          "for " + classes + " classes use Average.MACRO, MICRO or WEIGHTED (e.g. .macro())");
    }
    preds.addAll(toDoubles(p));
    targs.addAll(target.toDoubleArray());
  }

  private void accumulateMulti(Tensor pred, Tensor target) {
    if (pred.numel() != target.numel()) {
      throw Checks.wrongKind(
          name,
          "0/1 multi-label targets of the same shape as pred",
          pred,
          target,
          Checks.isIntegral(target)
              ? "for class-index targets use the single-label Metrics.f1Score(), precision() or recall()"
              : "make the model output one logit per label");
    }
    int l = pred.dim() < 2 ? 1 : (int) (pred.numel() / Math.max(1, pred.size(0)));
    if (labels >= 0 && l != labels) {
      throw new IllegalArgumentException(
          name
              + ": earlier batches had "
              + labels
              + " labels per item, this one has "
              + l
              + " (pred "
              + Checks.desc(pred)
              + ")");
    }
    labels = l;
    Tensor p = sigmoid ? pred.sigmoid() : pred;
    preds.addAll(p.ge(thresh).toDoubleArray());
    targs.addAll(target.toDoubleArray());
  }

  private static double[] toDoubles(long[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static long[] toLongs(double[] v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = (long) v[i];
    }
    return l;
  }

  @Override
  public double value() {
    if (preds.size() == 0) {
      return Double.NaN;
    }
    long[] p = toLongs(preds.toArray());
    long[] t = toLongs(targs.toArray());
    return multiLabel
        ? Scores.multiLabel(kind, beta, average, t, p, labels)
        : Scores.singleLabel(name, kind, beta, average, t, p);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public String toString() {
    return "ConfusionScore[" + name + ", " + average + "]";
  }
}
