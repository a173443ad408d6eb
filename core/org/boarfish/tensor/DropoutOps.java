package org.boarfish.tensor;

import java.util.List;

/** Inverted dropout. */
final class DropoutOps {
  private DropoutOps() {}

  static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
    throw new UnsupportedOperationException("dropout: not implemented yet");
  }
}
