package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** x for x &gt; 0, slope·x otherwise, as {@code nn.LeakyReLU} (slope 0.01 by default). */
public class LeakyReLU extends Module {
  private final double slope;

  /** Negative slope 0.01. */
  public LeakyReLU() {
    this(0.01);
  }

  /** The given negative slope. */
  public LeakyReLU(double slope) {
    this.slope = slope;
  }

  /** The negative slope. */
  public double slope() {
    return slope;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.leakyRelu(slope);
  }

  @Override
  protected String extraRepr() {
    return "negative_slope=" + Repr.f(slope);
  }
}
