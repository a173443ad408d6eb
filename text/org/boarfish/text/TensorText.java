package org.boarfish.text;

import java.util.Arrays;
import java.util.Objects;
import org.boarfish.data.TensorItem;
import org.boarfish.tensor.Tensor;

/**
 * Token indices of a text: one text ({@code [T]}) as a Java array until it is collated, or a batch
 * as an int64 tensor ({@code [B, T]}), like fastai's {@code TensorText}. Text loaders collate the
 * Java arrays of a batch straight into one tensor, with no ND4J array per text.
 */
public final class TensorText implements TensorItem {
  private final int[] ids;
  private final Tensor tensor;

  private TensorText(int[] ids, Tensor tensor) {
    this.ids = ids;
    this.tensor = tensor;
  }

  /** One text's indices, kept in Java (the array is not copied: don't change it). */
  public static TensorText ofIds(int[] ids) {
    return new TensorText(Objects.requireNonNull(ids, "ids"), null);
  }

  /** Indices held by a tensor (int64, {@code [T]} or {@code [B, T]}). */
  public TensorText(Tensor tensor) {
    this(null, Objects.requireNonNull(tensor, "tensor"));
  }

  /** Whether the indices are a Java array (not yet a tensor). */
  public boolean inJava() {
    return ids != null;
  }

  /** The indices of a one-text item, read from the tensor if needed. */
  public int[] ids() {
    if (ids != null) {
      return ids;
    }
    if (tensor.dim() != 1) {
      throw new IllegalStateException(
          "ids() is for one text; this is a batch " + Arrays.toString(tensor.shape()));
    }
    return Arrays.stream(tensor.toLongArray()).mapToInt(v -> (int) v).toArray();
  }

  /** The number of tokens of a one-text item. */
  public int length() {
    return ids != null ? ids.length : (int) tensor.size(-1);
  }

  @Override
  public Tensor tensor() {
    if (tensor != null) {
      return tensor;
    }
    long[] v = new long[ids.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = ids[i];
    }
    return Tensor.of(v, v.length);
  }

  @Override
  public TensorText withTensor(Tensor t) {
    return new TensorText(t);
  }

  @Override
  public String toString() {
    return ids != null
        ? "TensorText[" + ids.length + " int]"
        : TensorItem.describe("TensorText", tensor);
  }
}
