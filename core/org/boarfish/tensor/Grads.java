package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link BackwardFn} receives: the output gradients (never null) and which inputs want a
 * gradient.
 */
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

  /**
   * Marks an input whose gradient the op has already added straight into the leaf's stored gradient
   * (see {@link #leafGrad}); return it in that input's place.
   */
  public static final INDArray ACCUMULATED = org.nd4j.linalg.factory.Nd4j.empty();

  /**
   * The stored gradient of input {@code i} when the op may add its contribution into it directly (a
   * GEMM with beta 1 saves a temporary and an add): input {@code i} is a leaf with an allocated,
   * dense, same-typed gradient and no hooks. Null otherwise; then return the gradient as usual.
   */
  public INDArray leafGrad(int i) {
    Tensor in = inputs[i];
    INDArray g = in.gradArray();
    if (in.gradFn() != null
        || g == null
        || in.hasLeafHooks()
        || g.dataType() != in.dtype().nd4j()
        || !Kernels.isDenseRowMajor(g)) {
      return null;
    }
    return g;
  }

  /**
   * Whether input {@code i} takes part in differentiation; skip computing its gradient otherwise.
   */
  public boolean needs(int i) {
    return inputs[i].requiresGrad();
  }
}
