package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code LabelSmoothingCrossEntropy}: with C classes and {@code logp = logSoftmax(pred)},
 * {@code loss = (ε/C)·Σ_c(−logp_c) + (1 − ε)·NLL(logp, target)} (each term reduced over items),
 * which is cross-entropy against {@code (1 − ε)·onehot + ε/C}. Predictions {@code [N, C]}; higher
 * ranks are flattened with the classes on the last axis. Activation softmax; decodes to the argmax.
 */
public final class LabelSmoothingCrossEntropy implements Loss {
  private final double eps;
  private final Reduction reduction;

  /** ε = 0.1, mean. */
  public LabelSmoothingCrossEntropy() {
    this(0.1);
  }

  /** Smoothing ε in [0, 1], mean. */
  public LabelSmoothingCrossEntropy(double eps) {
    this(eps, Reduction.MEAN);
  }

  /** Every option. */
  public LabelSmoothingCrossEntropy(double eps, Reduction reduction) {
    if (!(eps >= 0 && eps <= 1)) {
      throw new IllegalArgumentException(
          "LabelSmoothingCrossEntropy: eps must be in [0, 1], got " + eps);
    }
    this.eps = eps;
    this.reduction = reduction;
  }

  @Override
  public Tensor apply(Tensor pred, Tensor target) {
    Tensor[] f = Flat.classes("LabelSmoothingCrossEntropy", pred, target, -1);
    Tensor logp = F.logSoftmax(f[0], 1);
    long c = logp.size(1);
    Tensor smooth = reduction == Reduction.SUM ? logp.sum().neg() : logp.sum(1).neg();
    if (reduction == Reduction.MEAN) {
      smooth = smooth.mean();
    }
    return smooth.mul(eps / c).add(F.nllLoss(logp, f[1], reduction).mul(1 - eps));
  }

  @Override
  public Tensor activation(Tensor pred) {
    return F.softmax(pred, -1);
  }

  @Override
  public Tensor decode(Tensor activated) {
    return activated.argmax(activated.dim() - 1);
  }

  /** The smoothing ε. */
  public double eps() {
    return eps;
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Loss withReduction(Reduction reduction) {
    return new LabelSmoothingCrossEntropy(eps, reduction);
  }

  @Override
  public String toString() {
    return "LabelSmoothingCrossEntropy(eps=" + Repr.f(eps) + ")";
  }
}
