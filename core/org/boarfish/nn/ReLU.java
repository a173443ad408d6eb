package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** max(x, 0), as {@code nn.ReLU}. */
public class ReLU extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.relu();
  }
}
