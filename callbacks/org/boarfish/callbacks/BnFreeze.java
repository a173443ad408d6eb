package org.boarfish.callbacks;

import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.nn.BatchNorm;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code BnFreeze}: at the start of each training phase, puts every batch-norm layer whose
 * parameters are frozen into evaluation mode, so its running statistics stay as they were (useful
 * when fine-tuning with {@code trainBn(false)}).
 */
public final class BnFreeze implements Callback {
  @Override
  public void beforeTrain(Learner learn) {
    for (Module m : learn.model().modules()) {
      if (m instanceof BatchNorm bn) {
        Tensor w = bn.weight();
        boolean frozen =
            w != null
                ? !w.requiresGrad()
                : bn.parameters().stream().noneMatch(Tensor::requiresGrad);
        if (frozen) {
          bn.eval();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "BnFreeze";
  }
}
