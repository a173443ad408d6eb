package org.boarfish.data;

import org.boarfish.tensor.Tensor;

/**
 * An item backed by one tensor whose type says what the tensor means (an image, a mask, class
 * indices), like fastai's {@code TensorImage} and friends. The type survives collation: a batch of
 * {@link TensorImage}s is a {@link TensorImage} whose tensor has a leading batch dim, so batch
 * transforms dispatch on it exactly as item transforms do.
 */
public interface TensorItem extends Item {
  /**
   * The tensor (shape {@code [C, H, W]} for one image, {@code [B, C, H, W]} for a batch of them).
   */
  Tensor tensor();

  /** The same kind of item around another tensor: how transforms and collation keep the type. */
  TensorItem withTensor(Tensor t);

  /**
   * The item for one sample of a batch, given the slice of the batch tensor at that sample: used by
   * {@link DataLoader#decodeBatch}. The default keeps the type; {@link TensorCategory} turns back
   * into a {@link Category}.
   */
  default Object unbatch(Tensor slice) {
    return withTensor(slice);
  }

  /** A short description such as {@code TensorImage[64x1x28x28 float32]}. */
  static String describe(String kind, Tensor t) {
    StringBuilder sb = new StringBuilder(kind).append('[');
    long[] s = t.shape();
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : "x").append(s[i]);
    }
    return sb.append(s.length == 0 ? "" : " ").append(t.dtype()).append(']').toString();
  }
}
