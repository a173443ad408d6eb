package org.boarfish.metrics;

import java.util.Arrays;

/**
 * A growable array of doubles: what metrics keep across batches lives here, off any memory scope.
 */
final class DoubleList {
  private double[] values = new double[256];
  private int size;

  void addAll(double[] more) {
    if (size + more.length > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
    }
    System.arraycopy(more, 0, values, size, more.length);
    size += more.length;
  }

  int size() {
    return size;
  }

  double[] toArray() {
    return Arrays.copyOf(values, size);
  }

  void clear() {
    values = new double[256];
    size = 0;
  }
}
