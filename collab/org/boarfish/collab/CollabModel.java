package org.boarfish.collab;

import org.boarfish.tensor.Tensor;

/**
 * A collab model ({@link EmbeddingDotBias}, {@link EmbeddingNN}): it takes {@code x [B, 2]} int
 * (column 0 the user row, column 1 the item row) and may carry the vocabularies it was trained on.
 */
public interface CollabModel {
  /** The vocabularies and titles, or null for a model built from sizes only. */
  CollabClasses classes();

  /** The item embedding table {@code [nItems, dim]} (the item factors). */
  Tensor itemFactors();

  /** The user embedding table {@code [nUsers, dim]}. */
  Tensor userFactors();

  /** The classes, or an error saying how to get a model that has them. */
  default CollabClasses requireClasses(String what) {
    CollabClasses c = classes();
    if (c == null) {
      throw new IllegalStateException(
          what
              + " needs the model's vocabularies: build it with Collab.learner(dls, ...) or "
              + "EmbeddingDotBias.fromClasses(...), not from sizes alone");
    }
    return c;
  }
}
