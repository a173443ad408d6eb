package org.boarfish.nn;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code AdaptiveConcatPool2d}: adaptive max pooling and adaptive average pooling
 * concatenated on the channels, max first, so the output has twice the input's channels. Children
 * {@code ap} and {@code mp} as in fastai.
 */
public class AdaptiveConcatPool2d extends Module {
  private final AdaptiveAvgPool2d ap;
  private final AdaptiveMaxPool2d mp;

  /** Pools to 1×1. */
  public AdaptiveConcatPool2d() {
    this(1);
  }

  /** Pools to {@code size × size}. */
  public AdaptiveConcatPool2d(int size) {
    ap = register("ap", new AdaptiveAvgPool2d(size));
    mp = register("mp", new AdaptiveMaxPool2d(size));
  }

  @Override
  public Tensor forward(Tensor x) {
    return Tensor.cat(List.of(mp.call(x), ap.call(x)), 1);
  }
}
