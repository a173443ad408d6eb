package org.boarfish.learner;

import org.boarfish.tensor.Tensor;

/**
 * The prediction for one item ({@link Learner#predict}).
 *
 * @param label the decoded target: the class label for a single-label classifier, the list of
 *     labels for a multi-label one, the predicted values (a tensor) for regression
 * @param index the predicted class index, or -1 when the target is not a single class
 * @param probs the activated output for the item (class probabilities for classifiers)
 */
public record Prediction(Object label, int index, Tensor probs) {
  @Override
  public String toString() {
    return "Prediction[label=" + label + ", index=" + index + ", probs=" + probs + "]";
  }
}
