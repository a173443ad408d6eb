package org.boarfish.nn;

/**
 * The standard losses, as fastai's flat losses: each knows its activation and decoding.
 *
 * <pre>{@code
 * Loss loss = Losses.crossEntropy();
 * Tensor l = loss.apply(model.call(x), y);
 * Tensor labels = loss.decode(loss.activation(logits));
 * }</pre>
 */
public final class Losses {
  private Losses() {}

  /** Cross-entropy over the last axis, int targets; softmax, argmax. */
  public static CrossEntropyLossFlat crossEntropy() {
    return new CrossEntropyLossFlat();
  }

  /** Cross-entropy with the classes on {@code axis} (1 for segmentation). */
  public static CrossEntropyLossFlat crossEntropy(int axis) {
    return new CrossEntropyLossFlat(axis);
  }

  /** Binary cross-entropy on logits for multi-label or binary targets; sigmoid, threshold 0.5. */
  public static BCEWithLogitsLossFlat bceWithLogits() {
    return new BCEWithLogitsLossFlat();
  }

  /** Binary cross-entropy on logits decoding with threshold {@code thresh}. */
  public static BCEWithLogitsLossFlat bceWithLogits(double thresh) {
    return new BCEWithLogitsLossFlat(-1, thresh, org.boarfish.tensor.Reduction.MEAN);
  }

  /** Mean squared error on flattened values (regression). */
  public static MSELossFlat mse() {
    return new MSELossFlat();
  }

  /** Mean absolute error on flattened values. */
  public static L1LossFlat l1() {
    return new L1LossFlat();
  }

  /** Label-smoothing cross-entropy with ε = 0.1. */
  public static LabelSmoothingCrossEntropy labelSmoothing() {
    return new LabelSmoothingCrossEntropy();
  }

  /** Label-smoothing cross-entropy with smoothing {@code eps}. */
  public static LabelSmoothingCrossEntropy labelSmoothing(double eps) {
    return new LabelSmoothingCrossEntropy(eps);
  }
}
