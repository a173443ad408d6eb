package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** The hyperbolic tangent, as {@code nn.Tanh}. */
public class Tanh extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.tanh();
  }
}
