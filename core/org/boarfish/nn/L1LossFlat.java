package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code L1LossFlat}: float targets, both flattened to 1-D, mean absolute error; no
 * activation.
 */
public final class L1LossFlat implements Loss {
  private final Reduction reduction;

  /** Mean. */
  public L1LossFlat() {
    this(Reduction.MEAN);
  }

  /** With a reduction. */
  public L1LossFlat(Reduction reduction) {
    this.reduction = reduction;
  }

  @Override
  public Tensor apply(Tensor pred, Tensor target) {
    Tensor[] f = Flat.values("L1LossFlat", pred, target, -1);
    return F.l1Loss(f[0], f[1], reduction);
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Loss withReduction(Reduction reduction) {
    return new L1LossFlat(reduction);
  }

  @Override
  public String toString() {
    return "L1LossFlat()";
  }
}
