package org.boarfish.nn;

import java.util.Objects;
import java.util.function.Function;
import org.boarfish.tensor.Tensor;

/** A module made of a function, as fastai's {@code Lambda}; the name is what the tree prints. */
public class Lambda extends Module {
  private final String label;
  private final Function<Tensor, Tensor> fn;

  /** Wraps {@code fn}, printed as {@code Lambda(label)}. */
  public Lambda(String label, Function<Tensor, Tensor> fn) {
    this.label = Objects.requireNonNull(label, "label");
    this.fn = Objects.requireNonNull(fn, "fn");
  }

  @Override
  public Tensor forward(Tensor x) {
    return fn.apply(x);
  }

  @Override
  protected String extraRepr() {
    return label;
  }
}
