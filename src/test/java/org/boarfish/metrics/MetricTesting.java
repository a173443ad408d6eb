package org.boarfish.metrics;

import org.boarfish.tensor.Tensor;

/** Small builders for metric tests. */
final class MetricTesting {
  private MetricTesting() {}

  /** Float32 logits [N, C] whose argmax is {@code labels[i]} (1 at the label, 0 elsewhere). */
  static Tensor logits(int classes, int... labels) {
    float[] v = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      v[i * classes + labels[i]] = 1;
    }
    return Tensor.of(v, labels.length, classes);
  }

  /** Int64 class indices [N]. */
  static Tensor labels(long... v) {
    return Tensor.of(v, v.length);
  }

  /** Float32 values [N]. */
  static Tensor floats(float... v) {
    return Tensor.of(v, v.length);
  }

  /** Runs one epoch: reset, one accumulate per batch (batch size from the target), value. */
  static double epoch(Metric m, Tensor[]... batches) {
    m.reset();
    for (Tensor[] b : batches) {
      m.accumulate(b[0], b[1], 0.0, (int) b[1].size(0));
    }
    return m.value();
  }

  static Tensor[] batch(Tensor pred, Tensor target) {
    return new Tensor[] {pred, target};
  }
}
