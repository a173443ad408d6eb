package org.boarfish.metrics;

import org.boarfish.tensor.Tensor;

/**
 * Binary Dice or Jaccard coefficient over the epoch, as fastai's {@code Dice} and {@code
 * JaccardCoeff}: with {@code p} the argmax over the class axis (1 by default, so pred {@code [N, 2,
 * H, W]} against targets {@code [N, H, W]}) and {@code t} the 0/1 targets, {@code inter = Σ p·t}
 * and {@code union = Σ (p + t)} are summed over every pixel of the epoch; Dice is {@code
 * 2·inter/union}, Jaccard {@code inter/(union − inter)}. NaN when {@code union} is 0. More than two
 * classes is an error: use {@link Metrics#diceMulti()}.
 */
public final class Dice implements Metric {
  private final int axis;
  private final boolean jaccard;
  private double inter;
  private double union;

  Dice(int axis, boolean jaccard) {
    this.axis = axis;
    this.jaccard = jaccard;
  }

  @Override
  public String name() {
    return jaccard ? "jaccard_coeff" : "dice";
  }

  @Override
  public void reset() {
    inter = 0;
    union = 0;
  }

  @Override
  public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
    Checks.batchSize(name(), batchSize);
    long[] p = Checks.argmaxLabels(name(), pred, target, axis);
    long classes = pred.size(axis);
    if (classes > 2) {
      throw Checks.wrongKind(
          name(),
          "binary segmentation (2 classes on axis " + axis + ")",
          pred,
          target,
          "for " + classes + " classes use Metrics.diceMulti()");
    }
    long[] t = target.toLongArray();
    for (int i = 0; i < p.length; i++) {
      if (t[i] != 0 && t[i] != 1) {
        throw Checks.wrongKind(
            name(),
            "0/1 mask targets",
            pred,
            target,
            "found label " + t[i] + "; for multi-class masks use Metrics.diceMulti()");
      }
      inter += p[i] * t[i];
      union += p[i] + t[i];
    }
  }

  @Override
  public double value() {
    if (union == 0) {
      return Double.NaN;
    }
    return jaccard ? inter / (union - inter) : 2 * inter / union;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public String toString() {
    return "Dice[" + name() + "]";
  }
}
