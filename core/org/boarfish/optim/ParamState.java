package org.boarfish.optim;

import org.boarfish.tensor.Scope;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One parameter's optimizer state: its step count and its named buffers, made lazily outside any
 * scope.
 */
final class ParamState {
  int step;
  final INDArray[] buffers;

  ParamState(int nBuffers) {
    buffers = new INDArray[nBuffers];
  }

  boolean has(int i) {
    return buffers[i] != null;
  }

  /**
   * Buffer {@code i}, created as zeros shaped like {@code param} on first use (long-lived memory).
   */
  INDArray buffer(int i, INDArray param) {
    INDArray b = buffers[i];
    if (b == null) {
      b = Scope.outside(() -> Nd4j.zeros(param.dataType(), param.shape()));
      buffers[i] = b;
    }
    return b;
  }
}
