package org.boarfish.tensor;

import java.util.List;

/** Embedding lookup with scatter-add backward. */
final class EmbeddingOps {
  private EmbeddingOps() {}

  static Tensor embedding(Tensor idx, Tensor weight, Long paddingIdx) {
    throw new UnsupportedOperationException("embedding: not implemented yet");
  }
}
