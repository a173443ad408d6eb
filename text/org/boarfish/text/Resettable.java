package org.boarfish.text;

import org.boarfish.nn.Module;

/**
 * A stateful module (a recurrent net carrying its hidden state across batches) that can start over.
 */
public interface Resettable {
  /** Forgets the carried state: the next batch starts from zeros. */
  void reset();

  /** Resets every {@link Resettable} module in {@code model} (the model itself included). */
  static void resetAll(Module model) {
    for (Module m : model.modules()) {
      if (m instanceof Resettable r) {
        r.reset();
      }
    }
  }
}
