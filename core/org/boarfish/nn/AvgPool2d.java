package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/**
 * Average pooling, as {@code nn.AvgPool2d}: stride defaults to the kernel, padding to 0; padded
 * zeros count in the divisor unless {@code countIncludePad} is false.
 */
public class AvgPool2d extends Module {
  private final int[] kernel;
  private final int[] stride;
  private final int[] padding;
  private final boolean ceilMode;
  private final boolean countIncludePad;

  /** Square kernel, stride = kernel. */
  public AvgPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  /** Square kernel, stride and padding. */
  public AvgPool2d(int kernel, int stride, int padding) {
    this(kernel, stride, padding, false, true);
  }

  /** Every option, square. */
  public AvgPool2d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    this(Layers.pair(kernel), Layers.pair(stride), Layers.pair(padding), ceilMode, countIncludePad);
  }

  /** Every option as {@code {h, w}} pairs. */
  public AvgPool2d(
      int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    this.kernel = Layers.pair("AvgPool2d", "kernel", kernel);
    this.stride = Layers.pair("AvgPool2d", "stride", stride);
    this.padding = Layers.pair("AvgPool2d", "padding", padding);
    this.ceilMode = ceilMode;
    this.countIncludePad = countIncludePad;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
  }

  @Override
  protected String extraRepr() {
    return "kernel_size="
        + Repr.intOrPair(kernel)
        + ", stride="
        + Repr.intOrPair(stride)
        + ", padding="
        + Repr.intOrPair(padding);
  }
}
