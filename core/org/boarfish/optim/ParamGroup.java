package org.boarfish.optim;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * A list of parameters sharing one set of {@link Hypers}, as fastai's param groups: a model split
 * into body and head gets discriminative learning rates and can be frozen group by group. The
 * optimizer owns its groups; read them with {@link Optimizer#groups()} and change hyper-parameters
 * through the optimizer's setters or {@link #setHypers}.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private Hypers hypers;
  private boolean frozen;

  ParamGroup(List<Tensor> params, Hypers hypers) {
    this.params = List.copyOf(params);
    this.hypers = hypers;
  }

  /** The parameters, in the order given (immutable). */
  public List<Tensor> params() {
    return params;
  }

  /** The current hyper-parameters. */
  public Hypers hypers() {
    return hypers;
  }

  /** Replaces the hyper-parameters (a scheduler does this every batch). */
  public void setHypers(Hypers value) {
    if (value == null) {
      throw new IllegalArgumentException("hypers must not be null");
    }
    hypers = value;
  }

  /**
   * Whether the group is frozen: its parameters are not updated, except those flagged "always
   * train".
   */
  public boolean isFrozen() {
    return frozen;
  }

  void setFrozen(boolean value) {
    frozen = value;
  }

  /** The number of values over all parameters. */
  public long numel() {
    long n = 0;
    for (Tensor p : params) {
      n += p.numel();
    }
    return n;
  }

  @Override
  public String toString() {
    return "ParamGroup["
        + params.size()
        + " params, "
        + numel()
        + " values, lr="
        + hypers.lr()
        + (frozen ? ", frozen]" : "]");
  }
}
