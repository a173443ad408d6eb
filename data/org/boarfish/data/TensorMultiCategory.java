package org.boarfish.data;

import java.util.Objects;
import org.boarfish.tensor.Tensor;

/**
 * Multi-label targets one-hot encoded as float32: {@code [c]} for one sample, {@code [B, c]} for a
 * batch (made by {@link OneHotEncode}; the loss is binary cross-entropy with logits).
 */
public record TensorMultiCategory(Tensor tensor) implements TensorItem {
  /** Wraps a one-hot tensor. */
  public TensorMultiCategory {
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public TensorMultiCategory withTensor(Tensor t) {
    return new TensorMultiCategory(t);
  }

  @Override
  public String toString() {
    return TensorItem.describe("TensorMultiCategory", tensor);
  }
}
