package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * Inverted dropout, as {@code nn.Dropout}: in training, zeroes each element with probability {@code
 * p} and scales the rest by 1/(1−p); the identity in evaluation mode. Draws from {@link
 * Generator#global()} at each call unless given a generator.
 */
public class Dropout extends Module {
  private final double p;
  private final Generator gen;

  /** p = 0.5. */
  public Dropout() {
    this(0.5);
  }

  /** Dropout with probability {@code p} in [0, 1). */
  public Dropout(double p) {
    this(p, null);
  }

  /** Dropout drawing from {@code gen} (null for the global generator). */
  public Dropout(double p, Generator gen) {
    Layers.probability("Dropout", p);
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
    return F.dropout(x, p, true, gen != null ? gen : Generator.global());
  }

  @Override
  protected String extraRepr() {
    return "p=" + Repr.f(p) + ", inplace=False";
  }
}
