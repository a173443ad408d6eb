package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code MSELossFlat}: float targets, both flattened to 1-D, mean squared error; no
 * activation.
 */
public final class MSELossFlat implements Loss {
  private final Reduction reduction;

  /** Mean. */
  public MSELossFlat() {
    this(Reduction.MEAN);
  }

  /** With a reduction. */
  public MSELossFlat(Reduction reduction) {
    this.reduction = reduction;
  }

  @Override
  public Tensor apply(Tensor pred, Tensor target) {
    Tensor[] f = Flat.values("MSELossFlat", pred, target, -1);
    return F.mseLoss(f[0], f[1], reduction);
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Loss withReduction(Reduction reduction) {
    return new MSELossFlat(reduction);
  }

  @Override
  public String toString() {
    return "MSELossFlat()";
  }
}
