package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code SigmoidRange}: {@code sigmoid(x)·(high − low) + low}, squashing outputs into
 * (low, high).
 */
public class SigmoidRange extends Module {
  private final double low;
  private final double high;

  /** Outputs in (low, high). */
  public SigmoidRange(double low, double high) {
    if (!(low < high)) {
      throw new IllegalArgumentException(
          "SigmoidRange: low must be below high, got low=" + low + " high=" + high);
    }
    this.low = low;
    this.high = high;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.sigmoid().mul(high - low).add(low);
  }

  @Override
  protected String extraRepr() {
    return "low=" + Repr.f(low) + ", high=" + Repr.f(high);
  }
}
