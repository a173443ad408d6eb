package org.boarfish.data;

/**
 * A typed value flowing through a data pipeline: a category, an image, a mask, a list of tokens, a
 * table row...
 *
 * <p>The interface is open on purpose: the data layer defines {@link Category}, {@link
 * MultiCategory} and the tensor items ({@link TensorImage}, {@link TensorMask}, {@link
 * TensorCategory}, {@link TensorMultiCategory}); each application adds its own ({@code Image},
 * {@code Mask}, {@code Points}, {@code Tokens}, {@code TabularRow}). Transforms pick the items they
 * handle with {@code instanceof}, so a {@code Resize} applied to an {@code (Image, Category)}
 * sample resizes the image and leaves the label alone.
 *
 * <p>Plain values (strings, paths, numbers, tensors) may flow through pipelines too; implementing
 * {@code Item} is what lets a type take part in {@link ToTensor}.
 */
public interface Item {
  /**
   * The form {@link ToTensor} turns this item into before collation, usually a {@link TensorItem}.
   * The default keeps the item as it is (categories are collated directly).
   */
  default Object toTensor() {
    return this;
  }
}
