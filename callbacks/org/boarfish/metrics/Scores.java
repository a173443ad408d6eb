package org.boarfish.metrics;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The arithmetic of the sklearn-style scores on plain arrays: precision/recall/F-beta from counts,
 * and ROC-AUC.
 */
final class Scores {
  private Scores() {}

  enum Kind {
    PRECISION,
    RECALL,
    FBETA
  }

  /**
   * One score from counts; a zero denominator gives 0, as sklearn's default {@code zero_division}.
   */
  static double score(Kind kind, double beta, double tp, double fp, double fn) {
    switch (kind) {
      case PRECISION:
        return tp + fp == 0 ? 0 : tp / (tp + fp);
      case RECALL:
        return tp + fn == 0 ? 0 : tp / (tp + fn);
      default:
        double b2 = beta * beta;
        double den = (1 + b2) * tp + b2 * fn + fp;
        return den == 0 ? 0 : (1 + b2) * tp / den;
    }
  }

  /**
   * A single-label score over class labels as sklearn's {@code precision_score}/{@code
   * recall_score}/{@code fbeta_score}: the classes are those present in either array.
   */
  static double singleLabel(
      String metric, Kind kind, double beta, Average avg, long[] yTrue, long[] yPred) {
    TreeSet<Long> labels = new TreeSet<>();
    for (long v : yTrue) {
      labels.add(v);
    }
    for (long v : yPred) {
      labels.add(v);
    }
    if (avg == Average.BINARY) {
      for (long l : labels) {
        if (l != 0 && l != 1) {
          throw new IllegalArgumentException(
              metric
                  + " with Average.BINARY needs labels 0 and 1 (1 is positive), but "
                  + "the epoch's predictions and targets hold labels "
                  + labels
                  + ": pass Average.MACRO, MICRO or WEIGHTED "
                  + "(e.g. Metrics.f1Score(Average.MACRO) or f1Score().macro())");
        }
      }
      return counted(kind, beta, avg, yTrue, yPred, new long[] {1});
    }
    long[] ls = labels.stream().mapToLong(Long::longValue).toArray();
    return counted(kind, beta, avg, yTrue, yPred, ls);
  }

  private static double counted(
      Kind kind, double beta, Average avg, long[] yTrue, long[] yPred, long[] labels) {
    int k = labels.length;
    double[] tp = new double[k];
    double[] fp = new double[k];
    double[] fn = new double[k];
    for (int i = 0; i < yTrue.length; i++) {
      int t = Arrays.binarySearch(labels, yTrue[i]);
      int p = Arrays.binarySearch(labels, yPred[i]);
      if (t >= 0 && t == p) {
        tp[t]++;
      } else {
        if (p >= 0) {
          fp[p]++;
        }
        if (t >= 0) {
          fn[t]++;
        }
      }
    }
    return combine(kind, beta, avg, tp, fp, fn);
  }

  /**
   * Multi-label 0/1 indicators, {@code rows × labels} row-major; every column is a label, as
   * sklearn's.
   */
  static double multiLabel(
      Kind kind, double beta, Average avg, long[] yTrue, long[] yPred, int labels) {
    double[] tp = new double[labels];
    double[] fp = new double[labels];
    double[] fn = new double[labels];
    for (int i = 0; i < yTrue.length; i++) {
      int c = i % labels;
      boolean t = yTrue[i] != 0;
      boolean p = yPred[i] != 0;
      if (t && p) {
        tp[c]++;
      } else if (p) {
        fp[c]++;
      } else if (t) {
        fn[c]++;
      }
    }
    return combine(kind, beta, avg, tp, fp, fn);
  }

  private static double combine(
      Kind kind, double beta, Average avg, double[] tp, double[] fp, double[] fn) {
    int k = tp.length;
    if (avg == Average.MICRO) {
      return score(
          kind, beta, Arrays.stream(tp).sum(), Arrays.stream(fp).sum(), Arrays.stream(fn).sum());
    }
    double sum = 0;
    double weights = 0;
    for (int c = 0; c < k; c++) {
      double w = avg == Average.WEIGHTED ? tp[c] + fn[c] : 1;
      sum += w * score(kind, beta, tp[c], fp[c], fn[c]);
      weights += w;
    }
    return weights == 0 ? 0 : sum / weights;
  }

  /**
   * The area under the ROC curve by the Mann–Whitney formula, ties counting one half: {@code (Σ
   * ranks of positives − P(P+1)/2) / (P·N)} with average ranks for tied scores. NaN when the
   * positives or the negatives are missing (sklearn raises there).
   */
  static double auc(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long pos = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Double.compare(score[order[j + 1]], score[order[i]]) == 0) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int m = i; m <= j; m++) {
        if (positive[order[m]]) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** One-vs-rest macro ROC-AUC of {@code rows × classes} scores against class indices. */
  static double aucOvr(double[] scores, long[] target, int classes) {
    int rows = target.length;
    double sum = 0;
    double[] s = new double[rows];
    boolean[] p = new boolean[rows];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < rows; i++) {
        s[i] = scores[i * classes + c];
        p[i] = target[i] == c;
      }
      sum += auc(s, p);
    }
    return sum / classes;
  }
}
