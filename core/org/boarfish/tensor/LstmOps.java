package org.boarfish.tensor;

import java.util.List;

/** The LSTM: forward over time and backward through time. */
final class LstmOps {
  private LstmOps() {}

  static LstmState lstm(Tensor x, Tensor h0, Tensor c0, List<Tensor> weights, int numLayers, boolean batchFirst) {
    throw new UnsupportedOperationException("lstm: not implemented yet");
  }
}
