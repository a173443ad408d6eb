package org.boarfish.tabular;

/**
 * Processed columns, column-major: categorical codes, continuous floats and the targets (class
 * codes, or regression values per target column; null when unlabelled).
 */
record Columns(int[][] cats, float[][] conts, int[] yCodes, float[][] yValues, YBlock yBlock) {
  boolean labelled() {
    return yCodes != null || yValues != null;
  }
}
