package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** GELU, as {@code nn.GELU}: exact {@code 0.5x(1 + erf(x/√2))}, or the tanh approximation. */
public class GELU extends Module {
  private final boolean tanh;

  /** Exact GELU. */
  public GELU() {
    this(false);
  }

  /** GELU with the tanh approximation when {@code tanhApproximation}. */
  public GELU(boolean tanhApproximation) {
    this.tanh = tanhApproximation;
  }

  @Override
  public Tensor forward(Tensor x) {
    return tanh ? x.geluTanh() : x.gelu();
  }

  @Override
  protected String extraRepr() {
    return "approximate='" + (tanh ? "tanh" : "none") + "'";
  }
}
