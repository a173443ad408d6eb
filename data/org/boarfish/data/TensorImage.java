package org.boarfish.data;

import java.util.Objects;
import org.boarfish.tensor.Tensor;

/**
 * An image as a tensor: {@code [C, H, W]} for one image, {@code [B, C, H, W]} for a batch. Pixel values are integers
 * 0..255 until {@link IntToFloatTensor} makes them floats in [0, 1]; {@link Normalize} then standardises them.
 */
public record TensorImage(Tensor tensor) implements TensorItem {
  /** Wraps a pixel tensor. */
  public TensorImage {
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public TensorImage withTensor(Tensor t) {
    return new TensorImage(t);
  }

  @Override
  public String toString() {
    return TensorItem.describe("TensorImage", tensor);
  }
}
