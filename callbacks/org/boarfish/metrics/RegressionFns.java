package org.boarfish.metrics;

import org.boarfish.tensor.Tensor;

/**
 * The regression functions of {@link Metrics}: per batch (mse, mae, msle) and over the epoch (rmse,
 * exp_rmspe, R²).
 */
final class RegressionFns {
  private RegressionFns() {}

  enum Batch {
    MSE,
    MAE,
    MSLE
  }

  /** Mean of the squared, absolute or squared-log differences of one batch, both flattened. */
  static double batch(String name, Batch kind, Tensor pred, Tensor target) {
    Checks.regression(name, pred, target);
    double[] p = pred.toDoubleArray();
    double[] t = target.toDoubleArray();
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d;
      switch (kind) {
        case MSE:
          d = (p[i] - t[i]) * (p[i] - t[i]);
          break;
        case MAE:
          d = Math.abs(p[i] - t[i]);
          break;
        default:
          double l = Math.log1p(p[i]) - Math.log1p(t[i]);
          d = l * l;
          break;
      }
      sum += d;
    }
    return p.length == 0 ? Double.NaN : sum / p.length;
  }

  /** {@code sqrt(mean((p − t)²))} over the epoch. */
  static double rmse(Tensor pred, Tensor target) {
    double[] p = pred.toDoubleArray();
    double[] t = target.toDoubleArray();
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += (p[i] - t[i]) * (p[i] - t[i]);
    }
    return Math.sqrt(sum / p.length);
  }

  /** {@code sqrt(mean(((e^t − e^p)/e^t)²))} over the epoch, for log-scale targets. */
  static double expRmspe(Tensor pred, Tensor target) {
    double[] p = pred.toDoubleArray();
    double[] t = target.toDoubleArray();
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double et = Math.exp(t[i]);
      double r = (et - Math.exp(p[i])) / et;
      sum += r * r;
    }
    return Math.sqrt(sum / p.length);
  }

  /**
   * sklearn's {@code r2_score} on the flattened epoch: {@code 1 − Σ(t − p)² / Σ(t − mean t)²}; with
   * constant targets 1 if the predictions are exact, else 0.
   */
  static double r2(Tensor pred, Tensor target) {
    double[] p = pred.toDoubleArray();
    double[] t = target.toDoubleArray();
    double mean = 0;
    for (double v : t) {
      mean += v;
    }
    mean /= t.length;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < p.length; i++) {
      res += (t[i] - p[i]) * (t[i] - p[i]);
      tot += (t[i] - mean) * (t[i] - mean);
    }
    if (tot == 0) {
      return res == 0 ? 1 : 0;
    }
    return 1 - res / tot;
  }
}
