package org.boarfish.callbacks;

import org.boarfish.learner.Callback;
import org.boarfish.learner.CancelFitException;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code TerminateOnNaNCallback} (order -9): stops the fit with a message as soon as a
 * batch's loss is NaN or infinite, which means training diverged.
 */
public final class TerminateOnNaN implements Callback {
  @Override
  public int order() {
    return -9;
  }

  @Override
  public void afterBatch(Learner learn) {
    if (learn.loss() == null) {
      return;
    }
    double l = learn.loss().mean().item();
    if (Double.isNaN(l) || Double.isInfinite(l)) {
      throw new CancelFitException(
          "the loss is "
              + (Double.isNaN(l) ? "NaN" : "infinite")
              + " at epoch "
              + learn.epoch()
              + ", batch "
              + learn.iter()
              + (learn.isTraining() ? " (training)" : " (validation)")
              + ": training diverged; lower the learning rate (learn.lrFind() suggests one), clip gradients with "
              + "GradientClip, or check the data for NaN values");
    }
  }

  @Override
  public String toString() {
    return "TerminateOnNaN";
  }
}
