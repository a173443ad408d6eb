package org.boarfish.nn;

import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * The flattening of fastai's flat losses: move the class axis last, flatten predictions and
 * targets.
 */
final class Flat {
  private Flat() {}

  /** {@code x} with {@code axis} moved to the end. */
  static Tensor axisLast(Tensor x, int axis) {
    int r = x.dim();
    int a = normAxis(x, axis);
    if (a == r - 1) {
      return x;
    }
    int[] perm = new int[r];
    for (int i = 0, j = 0; i < r; i++) {
      if (i != a) {
        perm[j++] = i;
      }
    }
    perm[r - 1] = a;
    return x.permute(perm);
  }

  static int normAxis(Tensor x, int axis) {
    int r = x.dim();
    int a = axis < 0 ? axis + r : axis;
    if (r == 0 || a < 0 || a >= r) {
      throw new IllegalArgumentException(
          "axis " + axis + " is out of range for predictions of shape " + Repr.dims(x.shape()));
    }
    return a;
  }

  /** Predictions as {@code [items, classes]} and int64 targets as {@code [items]}. */
  static Tensor[] classes(String loss, Tensor pred, Tensor target, int axis) {
    long c = pred.size(normAxis(pred, axis));
    Tensor p = axisLast(pred, axis).reshape(-1, c);
    if (target.dtype().isFloatingPoint() || target.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(
          loss
              + ": targets must be int class indices, got "
              + target.dtype()
              + " of shape "
              + Repr.dims(target.shape())
              + "; for float or multi-label targets use Losses.bceWithLogits()");
    }
    if (target.numel() != p.size(0)) {
      throw new IllegalArgumentException(
          loss
              + ": predictions of shape "
              + Repr.dims(pred.shape())
              + " hold "
              + p.size(0)
              + " items of "
              + c
              + " classes (axis "
              + axis
              + "), but targets of shape "
              + Repr.dims(target.shape())
              + " hold "
              + target.numel()
              + " labels");
    }
    return new Tensor[] {p, target.to(DType.INT64).reshape(-1)};
  }

  /** Predictions and float targets (of the prediction's type), both flattened to 1-D. */
  static Tensor[] values(String loss, Tensor pred, Tensor target, int axis) {
    Tensor p = pred.dim() == 0 ? pred : axisLast(pred, axis);
    Tensor t = target.dim() == pred.dim() && target.dim() > 0 ? axisLast(target, axis) : target;
    if (p.numel() != t.numel()) {
      throw new IllegalArgumentException(
          loss
              + ": predictions of shape "
              + Repr.dims(pred.shape())
              + " and targets of shape "
              + Repr.dims(target.shape())
              + " hold different numbers of values ("
              + p.numel()
              + " vs "
              + t.numel()
              + ")");
    }
    DType f = pred.dtype().isFloatingPoint() ? pred.dtype() : DType.FLOAT32;
    return new Tensor[] {p.reshape(-1), t.to(f).reshape(-1)};
  }
}
