package org.boarfish.nn;

import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * A loss that knows its final activation and how to decode predictions, as fastai's loss functions:
 * the learner trains with {@link #apply}, and turns raw outputs into probabilities with {@link
 * #activation} and into labels with {@link #decode}. Standard losses come from {@link Losses}; a
 * lambda {@code (pred, target) -> ...} is a loss with identity activation and decoding.
 */
@FunctionalInterface
public interface Loss {
  /**
   * The loss of raw model outputs against targets (a scalar unless the reduction is {@code NONE}).
   */
  Tensor apply(Tensor pred, Tensor target);

  /** The final activation the loss implies (softmax, sigmoid, identity). */
  default Tensor activation(Tensor pred) {
    return pred;
  }

  /** Activated predictions to labels or values (argmax, threshold, identity). */
  default Tensor decode(Tensor activated) {
    return activated;
  }

  /** The reduction over items. */
  default Reduction reduction() {
    return Reduction.MEAN;
  }

  /** The same loss with another reduction ({@code NONE} gives per-item losses, as MixUp needs). */
  default Loss withReduction(Reduction reduction) {
    if (reduction == reduction()) {
      return this;
    }
    throw new UnsupportedOperationException(
        this + " has no reduction setting; write it with " + reduction + " yourself");
  }
}
