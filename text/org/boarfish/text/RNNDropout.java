package org.boarfish.text;

import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * Variational dropout, as fastai's {@code RNNDropout}: in training one mask of shape {@code [B, 1,
 * F]} is drawn per call and applied at every timestep of the {@code [B, T, F]} input (kept values
 * scaled by 1/(1−p)); the identity in evaluation.
 */
public class RNNDropout extends Module {
  private final double p;
  private final Generator gen;

  /** Drops with probability {@code p}, masks from the global generator. */
  public RNNDropout(double p) {
    this(p, Generator.global());
  }

  /** Drops with probability {@code p}, masks from {@code gen}. */
  public RNNDropout(double p, Generator gen) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("RNNDropout: p must be in [0, 1), got " + p);
    }
    this.p = p;
    this.gen = gen;
  }

  /** The drop probability. */
  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) {
      return x;
    }
    if (x.dim() < 2) {
      throw new IllegalArgumentException(
          "RNNDropout: input must be [batch, time, ...], got " + x.dim() + " dims");
    }
    long[] shape = x.shape().clone();
    shape[1] = 1;
    Tensor mask;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      mask = F.dropout(Tensor.ones(shape), p, true, gen);
    }
    return x.mul(mask);
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
