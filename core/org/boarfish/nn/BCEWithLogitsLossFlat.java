package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code BCEWithLogitsLossFlat}: targets cast to float, predictions and targets flattened,
 * then binary cross-entropy on logits. Activation sigmoid; decodes to {@code activated > thresh}
 * (bool).
 */
public final class BCEWithLogitsLossFlat implements Loss {
  private final int axis;
  private final double thresh;
  private final Reduction reduction;

  /** Threshold 0.5, mean. */
  public BCEWithLogitsLossFlat() {
    this(-1, 0.5, Reduction.MEAN);
  }

  /** Every option. */
  public BCEWithLogitsLossFlat(int axis, double thresh, Reduction reduction) {
    this.axis = axis;
    this.thresh = thresh;
    this.reduction = reduction;
  }

  @Override
  public Tensor apply(Tensor pred, Tensor target) {
    Tensor[] f = Flat.values("BCEWithLogitsLossFlat", pred, target, axis);
    return F.bceWithLogits(f[0], f[1], reduction);
  }

  @Override
  public Tensor activation(Tensor pred) {
    return pred.sigmoid();
  }

  @Override
  public Tensor decode(Tensor activated) {
    return activated.gt(thresh);
  }

  /** The decoding threshold. */
  public double thresh() {
    return thresh;
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Loss withReduction(Reduction reduction) {
    return new BCEWithLogitsLossFlat(axis, thresh, reduction);
  }

  @Override
  public String toString() {
    return "BCEWithLogitsLossFlat(thresh=" + Repr.f(thresh) + ")";
  }
}
