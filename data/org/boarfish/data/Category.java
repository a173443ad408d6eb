package org.boarfish.data;

/**
 * A single-label target: the label and its index in the vocabulary ({@link CategoryMap}). {@link
 * Categorize} makes them from raw labels; a batch of them collates into an int64 {@link
 * TensorCategory}. A category sliced out of a batch knows only its index until {@link
 * Categorize#decode} fills the label in.
 *
 * @param label the label, or null when only the index is known
 * @param index the position of the label in the vocabulary
 */
public record Category(Object label, int index) implements Item {
  /** Checks the index. */
  public Category {
    if (index < 0) {
      throw new IllegalArgumentException("category index must not be negative, got " + index);
    }
  }

  /** A category known only by its index (as decollated from a batch). */
  public static Category ofIndex(int index) {
    return new Category(null, index);
  }

  /** The label as text, or {@code #index} when the label is unknown. */
  public String text() {
    return label == null ? "#" + index : String.valueOf(label);
  }

  @Override
  public String toString() {
    return "Category[" + text() + (label == null ? "" : ", index " + index) + "]";
  }
}
