package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** The logistic sigmoid, as {@code nn.Sigmoid}. */
public class Sigmoid extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.sigmoid();
  }
}
