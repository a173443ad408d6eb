package org.boarfish.data;

import java.util.Objects;
import org.boarfish.tensor.Tensor;

/**
 * Class indices as an int64 tensor: what a batch of {@link Category} items collates into ({@code
 * [B]}). Sliced back out of a batch it becomes a {@link Category} again, which {@link
 * Categorize#decode} gives its label.
 */
public record TensorCategory(Tensor tensor) implements TensorItem {
  /** Wraps an index tensor. */
  public TensorCategory {
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public TensorCategory withTensor(Tensor t) {
    return new TensorCategory(t);
  }

  @Override
  public Object unbatch(Tensor slice) {
    return Category.ofIndex((int) slice.item());
  }

  @Override
  public String toString() {
    return TensorItem.describe("TensorCategory", tensor);
  }
}
