package org.boarfish.nn;

/**
 * Argument checks shared by the layers, with messages naming the layer, the argument and the value.
 */
final class Layers {
  private Layers() {}

  static void positive(String layer, String what, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(layer + ": " + what + " must be positive, got " + v);
    }
  }

  static void nonNegative(String layer, String what, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(layer + ": " + what + " must not be negative, got " + v);
    }
  }

  static void probability(String layer, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(layer + ": p must be in [0, 1), got " + p);
    }
  }

  static int[] pair(int v) {
    return new int[] {v, v};
  }

  static int[] pair(String layer, String what, int[] v) {
    if (v == null || (v.length != 1 && v.length != 2)) {
      throw new IllegalArgumentException(
          layer + ": " + what + " needs 1 or 2 values, got " + java.util.Arrays.toString(v));
    }
    return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
  }

  static void rank(String layer, org.boarfish.tensor.Tensor x, int... ranks) {
    for (int r : ranks) {
      if (x.dim() == r) {
        return;
      }
    }
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < ranks.length; i++) {
      want.append(i == 0 ? "" : i == ranks.length - 1 ? " or " : ", ").append(ranks[i]);
    }
    throw new IllegalArgumentException(
        layer + ": expects input of rank " + want + ", got shape " + Repr.dims(x.shape()));
  }
}
