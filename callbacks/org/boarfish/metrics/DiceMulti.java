package org.boarfish.metrics;

import org.boarfish.tensor.Tensor;

/**
 * Multi-class Dice over the epoch, as fastai's {@code DiceMulti}: for each class {@code c} of the
 * class axis, {@code 2·Σ[p=c ∧ t=c] / (Σ[p=c] + Σ[t=c])} over every pixel of the epoch, then the
 * mean over the classes whose denominator is not 0 (NaN if none).
 */
public final class DiceMulti implements Metric {
  private final int axis;
  private double[] inter;
  private double[] union;

  DiceMulti(int axis) {
    this.axis = axis;
  }

  @Override
  public String name() {
    return "dice_multi";
  }

  @Override
  public void reset() {
    inter = null;
    union = null;
  }

  @Override
  public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
    Checks.batchSize(name(), batchSize);
    int classes = (int) pred.size(Checks.classAxis(name(), pred, target, axis));
    long[] p = Checks.argmaxLabels(name(), pred, target, axis);
    long[] t = target.toLongArray();
    if (inter == null) {
      inter = new double[classes];
      union = new double[classes];
    } else if (inter.length != classes) {
      throw new IllegalArgumentException(
          name()
              + ": earlier batches had "
              + inter.length
              + " classes, this one has "
              + classes
              + " (pred "
              + Checks.desc(pred)
              + ")");
    }
    for (int i = 0; i < p.length; i++) {
      union[(int) p[i]]++;
      if (t[i] >= 0 && t[i] < classes) {
        union[(int) t[i]]++;
        if (t[i] == p[i]) {
          inter[(int) p[i]]++;
        }
      }
    }
  }

  @Override
  public double value() {
    if (inter == null) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (int c = 0; c < inter.length; c++) {
      if (union[c] > 0) {
        sum += 2 * inter[c] / union[c];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public String toString() {
    return "DiceMulti[" + name() + "]";
  }
}
