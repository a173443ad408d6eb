package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * Called during backward with the gradient of a module's output, once it is complete (see {@link
 * Module#registerBackwardHook}).
 */
@FunctionalInterface
public interface BackwardHook {
  void apply(Module module, Tensor gradOutput);
}
