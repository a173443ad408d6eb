package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code CrossEntropyLossFlat}: moves the class {@code axis} last, flattens predictions to
 * {@code [items, classes]} and targets to {@code [items]} (int targets cast to int64), then
 * cross-entropy. Activation softmax over the axis; decodes to the argmax.
 */
public final class CrossEntropyLossFlat implements Loss {
  private final int axis;
  private final Reduction reduction;

  /** Classes on the last axis, mean over items. */
  public CrossEntropyLossFlat() {
    this(-1);
  }

  /** Classes on {@code axis} (1 for segmentation masks [N, C, H, W]), mean over items. */
  public CrossEntropyLossFlat(int axis) {
    this(axis, Reduction.MEAN);
  }

  /** Every option. */
  public CrossEntropyLossFlat(int axis, Reduction reduction) {
    this.axis = axis;
    this.reduction = reduction;
  }

  @Override
  public Tensor apply(Tensor pred, Tensor target) {
    Tensor[] f = Flat.classes("CrossEntropyLossFlat", pred, target, axis);
    return F.crossEntropy(f[0], f[1], reduction, 0);
  }

  @Override
  public Tensor activation(Tensor pred) {
    return F.softmax(pred, axis);
  }

  @Override
  public Tensor decode(Tensor activated) {
    return activated.argmax(Flat.normAxis(activated, axis));
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Loss withReduction(Reduction reduction) {
    return new CrossEntropyLossFlat(axis, reduction);
  }

  @Override
  public String toString() {
    return "CrossEntropyLossFlat(axis=" + axis + ")";
  }
}
