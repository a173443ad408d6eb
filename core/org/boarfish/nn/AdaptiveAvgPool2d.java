package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/**
 * Average pooling to a fixed output size, as {@code nn.AdaptiveAvgPool2d} (1 gives global average
 * pooling).
 */
public class AdaptiveAvgPool2d extends Module {
  private final int[] size;

  /** Square output {@code size × size}. */
  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  /** Output {@code h × w}. */
  public AdaptiveAvgPool2d(int h, int w) {
    Layers.positive("AdaptiveAvgPool2d", "output size", Math.min(h, w));
    this.size = new int[] {h, w};
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.adaptiveAvgPool2d(x, size[0], size[1]);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + Repr.intOrPair(size);
  }
}
