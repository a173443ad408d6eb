package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link BackwardFn} receives: the output gradients (never null) and which inputs want a gradient. */
public final class Grads {
  private final INDArray[] outputs;
  private final Tensor[] inputs;

  Grads(INDArray[] outputs, Tensor[] inputs) {
    this.outputs = outputs;
    this.inputs = inputs;
  }

  /** Gradient of the op's only (or first) output. */
  public INDArray out() {
    return outputs[0];
  }

  /** Gradient of output {@code k}; zeros where that output was not used. */
  public INDArray out(int k) {
    return outputs[k];
  }

  /** Whether input {@code i} takes part in differentiation; skip computing its gradient otherwise. */
  public boolean needs(int i) {
    return inputs[i].requiresGrad();
  }
}
