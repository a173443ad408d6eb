package org.boarfish.tensor;

/** The result of {@code max(dim)} / {@code min(dim)}: the values and their int64 indices. */
public record ValuesIndices(Tensor values, Tensor indices) {}
