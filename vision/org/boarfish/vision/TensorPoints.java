package org.boarfish.vision;

import java.util.Objects;
import org.boarfish.data.TensorItem;
import org.boarfish.tensor.Tensor;

/**
 * Points as a float tensor scaled to [-1, 1]: {@code [n, 2]} of {@code (x, y)} for one image,
 * {@code [B, n, 2]} for a batch (fastai's {@code TensorPoint} after {@code PointScaler}). Batch
 * augmentation moves them with their image.
 */
public record TensorPoints(Tensor tensor) implements TensorItem {
  /** Wraps a point tensor. */
  public TensorPoints {
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public TensorPoints withTensor(Tensor t) {
    return new TensorPoints(t);
  }

  @Override
  public String toString() {
    return TensorItem.describe("TensorPoints", tensor);
  }
}
