package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/** Softmax over a dim, as {@code nn.Softmax(dim)}. */
public class Softmax extends Module {
  private final int dim;

  /** Softmax over {@code dim} (negative counts from the end). */
  public Softmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.softmax(x, dim);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
