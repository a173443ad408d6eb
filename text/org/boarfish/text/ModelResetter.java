package org.boarfish.text;

import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code ModelResetter}: resets the model's carried hidden state (every {@link Resettable}
 * module in it) before training, before validation and after the fit.
 */
public final class ModelResetter implements Callback {
  @Override
  public void beforeTrain(Learner learn) {
    Resettable.resetAll(learn.model());
  }

  @Override
  public void beforeValidate(Learner learn) {
    Resettable.resetAll(learn.model());
  }

  @Override
  public void afterFit(Learner learn) {
    Resettable.resetAll(learn.model());
  }
}
