package org.boarfish.learner;

/**
 * fastai's {@code TrainEvalCallback} (order -10, always present): counts training iterations and
 * progress ({@link Learner#pctTrain()}), and switches the model to training mode before training
 * and to evaluation mode before validation.
 */
public final class TrainEval implements Callback {
  @Override
  public int order() {
    return -10;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  @Override
  public void beforeFit(Learner learn) {
    learn.setTrainIter(0);
    learn.setPctTrain(0);
  }

  @Override
  public void beforeTrain(Learner learn) {
    learn.setPctTrain((double) learn.epoch() / learn.nEpoch());
    learn.model().train();
    learn.setTraining(true);
  }

  @Override
  public void afterBatch(Learner learn) {
    learn.setPctTrain(learn.pctTrain() + 1.0 / ((double) learn.nIter() * learn.nEpoch()));
    learn.setTrainIter(learn.trainIter() + 1);
  }

  @Override
  public void beforeValidate(Learner learn) {
    learn.model().eval();
    learn.setTraining(false);
  }

  @Override
  public String toString() {
    return "TrainEval";
  }
}
