package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * Called after a module's forward with its input and output (see {@link
 * Module#registerForwardHook}).
 */
@FunctionalInterface
public interface ForwardHook {
  void apply(Module module, Tensor input, Tensor output);
}
