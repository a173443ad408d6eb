package org.boarfish.learner;

import java.util.List;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Lamb;
import org.boarfish.optim.Optimizer;
import org.boarfish.optim.RMSProp;
import org.boarfish.optim.SGD;
import org.boarfish.tensor.Tensor;

/**
 * Makes the learner's optimizer over its parameter groups, as fastai's {@code opt_func}. The
 * default is {@link #adam()}: fastai's Adam (β 0.9/0.99, eps 1e-5, wd 0.01 decoupled).
 */
@FunctionalInterface
public interface OptimizerFactory {
  /** An optimizer over {@code groups} with learning rate {@code lr}. */
  Optimizer create(List<List<Tensor>> groups, double lr);

  /** fastai's Adam (AdamW, wd 0.01). */
  static OptimizerFactory adam() {
    return (groups, lr) -> Adam.ofGroups(groups).lr(lr).build();
  }

  /** Plain SGD. */
  static OptimizerFactory sgd() {
    return (groups, lr) -> SGD.ofGroups(groups).lr(lr).build();
  }

  /** SGD with momentum (scheduled by fitOneCycle like Adam's β1). */
  static OptimizerFactory sgd(double mom) {
    return (groups, lr) -> SGD.ofGroups(groups).lr(lr).mom(mom).build();
  }

  /** RMSProp with fastai's defaults. */
  static OptimizerFactory rmsProp() {
    return (groups, lr) -> RMSProp.ofGroups(groups).lr(lr).build();
  }

  /** LAMB with fastai's defaults. */
  static OptimizerFactory lamb() {
    return (groups, lr) -> Lamb.ofGroups(groups).lr(lr).build();
  }
}
