package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The local backward rule of one op: from the gradients of its outputs, the gradients of its inputs
 * (one entry per input, in order; {@code null} where an input needs none, see {@link Grads#needs}).
 */
@FunctionalInterface
public interface BackwardFn {
  INDArray[] apply(Grads g);
}
