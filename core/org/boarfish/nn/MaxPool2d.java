package org.boarfish.nn;

import org.boarfish.tensor.Blocked;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/** Max pooling, as {@code nn.MaxPool2d}: stride defaults to the kernel, padding (with −∞) to 0. */
public class MaxPool2d extends Module {
  private final int[] kernel;
  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final boolean ceilMode;

  /** Square kernel, stride = kernel. */
  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  /** Square kernel, stride and padding. */
  public MaxPool2d(int kernel, int stride, int padding) {
    this(kernel, stride, padding, 1, false);
  }

  /** Every option, square. */
  public MaxPool2d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    this(
        Layers.pair(kernel),
        Layers.pair(stride),
        Layers.pair(padding),
        Layers.pair(dilation),
        ceilMode);
  }

  /** Every option as {@code {h, w}} pairs. */
  public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    this.kernel = Layers.pair("MaxPool2d", "kernel", kernel);
    this.stride = Layers.pair("MaxPool2d", "stride", stride);
    this.padding = Layers.pair("MaxPool2d", "padding", padding);
    this.dilation = Layers.pair("MaxPool2d", "dilation", dilation);
    this.ceilMode = ceilMode;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
  }

  /**
   * Whether {@link #forwardBlocked} computes this pooling (no dilation, floor rounding, no hooks).
   */
  public boolean blockable() {
    return dilation[0] == 1 && dilation[1] == 1 && !ceilMode && !hasHooks();
  }

  /** This pooling on a blocked map (see {@link Blocked}); check {@link #blockable} first. */
  public Blocked forwardBlocked(Blocked x) {
    return x.maxPool2d(kernel, stride, padding);
  }

  @Override
  protected String extraRepr() {
    return "kernel_size="
        + Repr.intOrPair(kernel)
        + ", stride="
        + Repr.intOrPair(stride)
        + ", padding="
        + Repr.intOrPair(padding)
        + ", dilation="
        + Repr.intOrPair(dilation)
        + ", ceil_mode="
        + Repr.b(ceilMode);
  }
}
