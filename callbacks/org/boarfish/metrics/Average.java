package org.boarfish.metrics;

/** How precision, recall and F-scores combine classes, as sklearn's {@code average}. */
public enum Average {
  /** The score of the positive class 1 only; labels other than 0 and 1 are an error. */
  BINARY,
  /** The unweighted mean of the per-class scores. */
  MACRO,
  /** One score from the true/false positives and negatives summed over all classes. */
  MICRO,
  /** The mean of the per-class scores weighted by each class's number of true items (support). */
  WEIGHTED;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
