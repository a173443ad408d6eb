package org.boarfish.tensor;

import java.util.List;

/** Convolutions (forward and backward on libnd4j's conv2d / deconv2d kernels). */
final class ConvOps {
  private ConvOps() {}

  static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
    throw new UnsupportedOperationException("conv2d: not implemented yet");
  }

  static Tensor convTranspose2d(
      Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] outputPadding, int groups, int[] dilation) {
    throw new UnsupportedOperationException("convTranspose2d: not implemented yet");
  }
}
