package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/**
 * Max pooling to a fixed output size, as {@code nn.AdaptiveMaxPool2d} (1 gives global max pooling).
 */
public class AdaptiveMaxPool2d extends Module {
  private final int[] size;

  /** Square output {@code size × size}. */
  public AdaptiveMaxPool2d(int size) {
    this(size, size);
  }

  /** Output {@code h × w}. */
  public AdaptiveMaxPool2d(int h, int w) {
    Layers.positive("AdaptiveMaxPool2d", "output size", Math.min(h, w));
    this.size = new int[] {h, w};
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.adaptiveMaxPool2d(x, size[0], size[1]);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + Repr.intOrPair(size);
  }
}
