package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * Flattens dims {@code start..end} (inclusive) into one, as {@code nn.Flatten} (default 1..−1: keep
 * the batch).
 */
public class Flatten extends Module {
  private final int start;
  private final int end;

  /** Flattens everything but the batch dim. */
  public Flatten() {
    this(1, -1);
  }

  /** Flattens dims {@code start..end}. */
  public Flatten(int start, int end) {
    this.start = start;
    this.end = end;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.flatten(start, end);
  }

  @Override
  protected String extraRepr() {
    return "start_dim=" + start + ", end_dim=" + end;
  }
}
