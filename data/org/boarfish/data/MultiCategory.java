package org.boarfish.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A multi-label target: a set of labels and their indices in the vocabulary. {@link
 * MultiCategorize} makes them from raw label lists and {@link OneHotEncode} turns them into a
 * {@link TensorMultiCategory} for batching. Decoded from a one-hot tensor, only the indices are
 * known until {@link MultiCategorize#decode} fills the labels in.
 */
public final class MultiCategory implements Item {
  private final List<Object> labels;
  private final int[] indices;

  /** Labels (empty when unknown) and their indices. */
  public MultiCategory(List<?> labels, int[] indices) {
    if (!labels.isEmpty() && labels.size() != indices.length) {
      throw new IllegalArgumentException(
          "MultiCategory: " + labels.size() + " labels but " + indices.length + " indices");
    }
    for (int i : indices) {
      if (i < 0) {
        throw new IllegalArgumentException(
            "MultiCategory: negative index " + i + " in " + Arrays.toString(indices));
      }
    }
    this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
    this.indices = indices.clone();
  }

  /** A multi-category known only by its indices. */
  public static MultiCategory ofIndices(int... indices) {
    return new MultiCategory(List.of(), indices);
  }

  /** The labels, empty when only the indices are known. */
  public List<Object> labels() {
    return labels;
  }

  /** The vocabulary indices. */
  public int[] indices() {
    return indices.clone();
  }

  /** The number of labels. */
  public int size() {
    return indices.length;
  }

  /** The labels joined with {@code ;}, or the indices when the labels are unknown. */
  public String text() {
    if (labels.isEmpty() && indices.length > 0) {
      return Arrays.toString(indices);
    }
    StringBuilder sb = new StringBuilder();
    for (Object l : labels) {
      sb.append(sb.length() == 0 ? "" : ";").append(l);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiCategory m
        && labels.equals(m.labels)
        && Arrays.equals(indices, m.indices);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return "MultiCategory[" + text() + "]";
  }
}
