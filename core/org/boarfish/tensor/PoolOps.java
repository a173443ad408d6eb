package org.boarfish.tensor;

import java.util.List;

/** Pooling: max, average and adaptive, with their backward. */
final class PoolOps {
  private PoolOps() {}

  static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    throw new UnsupportedOperationException("maxPool2d: not implemented yet");
  }

  static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    throw new UnsupportedOperationException("avgPool2d: not implemented yet");
  }

  static Tensor adaptiveAvgPool2d(Tensor x, int[] outSize) {
    throw new UnsupportedOperationException("adaptiveAvgPool2d: not implemented yet");
  }

  static Tensor adaptiveMaxPool2d(Tensor x, int[] outSize) {
    throw new UnsupportedOperationException("adaptiveMaxPool2d: not implemented yet");
  }
}
