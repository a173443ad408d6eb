package org.boarfish.data;

import java.util.Objects;
import org.boarfish.tensor.Tensor;

/**
 * A segmentation mask as a tensor of class codes: {@code [H, W]} for one mask, {@code [B, H, W]}
 * for a batch. {@link IntToFloatTensor} keeps masks as int64 codes (divided by {@code divMask});
 * {@link Normalize} ignores them.
 */
public record TensorMask(Tensor tensor) implements TensorItem {
  /** Wraps a code tensor. */
  public TensorMask {
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public TensorMask withTensor(Tensor t) {
    return new TensorMask(t);
  }

  @Override
  public String toString() {
    return TensorItem.describe("TensorMask", tensor);
  }
}
