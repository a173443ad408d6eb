package org.boarfish.data;

import java.util.Arrays;
import java.util.List;

/** The item indices of the training and validation subsets, as a {@link Splitter} returns them. */
public final class Splits {
  private final int[] train;
  private final int[] valid;

  /**
   * Training and validation indices (order kept; validity against the items is checked by the
   * datasets).
   */
  public Splits(int[] train, int[] valid) {
    this.train = train.clone();
    this.valid = valid.clone();
  }

  /** From lists of indices. */
  public static Splits of(List<Integer> train, List<Integer> valid) {
    return new Splits(
        train.stream().mapToInt(Integer::intValue).toArray(),
        valid.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Every one of {@code n} items for training, none for validation. */
  public static Splits allTrain(int n) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    return new Splits(t, new int[0]);
  }

  /** The training indices. */
  public int[] train() {
    return train.clone();
  }

  /** The validation indices. */
  public int[] valid() {
    return valid.clone();
  }

  /** The indices of a subset. */
  public int[] of(Split split) {
    return switch (split) {
      case TRAIN -> train();
      case VALID -> valid();
      case ALL -> throw new IllegalArgumentException("Splits.of needs TRAIN or VALID");
    };
  }

  int[] trainRef() {
    return train;
  }

  int[] validRef() {
    return valid;
  }

  /** Throws if an index is outside {@code 0..n-1}. */
  void check(int n) {
    for (int[] idx : new int[][] {train, valid}) {
      for (int i : idx) {
        if (i < 0 || i >= n) {
          throw new IllegalArgumentException(
              "split index " + i + " is outside the " + n + " items (valid: 0.." + (n - 1) + ")");
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Splits s && Arrays.equals(train, s.train) && Arrays.equals(valid, s.valid);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(valid);
  }

  @Override
  public String toString() {
    return "Splits[train " + train.length + ", valid " + valid.length + "]";
  }
}
