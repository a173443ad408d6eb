package org.boarfish.data;

/**
 * The loss a target block suggests, as fastai's blocks carry a default {@code loss_func}; the
 * learner turns it into its loss function when none is given. All are the "flattened" variants that
 * accept any target shape.
 */
public enum LossHint {
  /** No suggestion: the learner needs an explicit loss. */
  NONE,
  /**
   * Cross-entropy over class indices ({@code CrossEntropyLossFlat}), for {@link Blocks#category}.
   */
  CROSS_ENTROPY,
  /**
   * Binary cross-entropy with logits over one-hot targets ({@code BCEWithLogitsLossFlat}), for
   * {@link Blocks#multiCategory}.
   */
  BCE_WITH_LOGITS,
  /** Mean squared error ({@code MSELossFlat}), for {@link Blocks#regression}. */
  MSE
}
