package org.boarfish.learner;

import java.util.ArrayList;
import java.util.List;

/** Records every event it sees by fastai's name (before_fit, ...). */
final class EventRecorder implements Callback {
  final List<String> events = new ArrayList<>();

  private void add(String camel) {
    events.add(camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void beforeFit(Learner l) {
    add("beforeFit");
  }

  @Override
  public void beforeEpoch(Learner l) {
    add("beforeEpoch");
  }

  @Override
  public void beforeTrain(Learner l) {
    add("beforeTrain");
  }

  @Override
  public void beforeBatch(Learner l) {
    add("beforeBatch");
  }

  @Override
  public void afterPred(Learner l) {
    add("afterPred");
  }

  @Override
  public void afterLoss(Learner l) {
    add("afterLoss");
  }

  @Override
  public void beforeBackward(Learner l) {
    add("beforeBackward");
  }

  @Override
  public void afterCancelBackward(Learner l) {
    add("afterCancelBackward");
  }

  @Override
  public void afterBackward(Learner l) {
    add("afterBackward");
  }

  @Override
  public void beforeStep(Learner l) {
    add("beforeStep");
  }

  @Override
  public void afterCancelStep(Learner l) {
    add("afterCancelStep");
  }

  @Override
  public void afterStep(Learner l) {
    add("afterStep");
  }

  @Override
  public void afterCancelBatch(Learner l) {
    add("afterCancelBatch");
  }

  @Override
  public void afterBatch(Learner l) {
    add("afterBatch");
  }

  @Override
  public void afterCancelTrain(Learner l) {
    add("afterCancelTrain");
  }

  @Override
  public void afterTrain(Learner l) {
    add("afterTrain");
  }

  @Override
  public void beforeValidate(Learner l) {
    add("beforeValidate");
  }

  @Override
  public void afterCancelValidate(Learner l) {
    add("afterCancelValidate");
  }

  @Override
  public void afterValidate(Learner l) {
    add("afterValidate");
  }

  @Override
  public void afterCancelEpoch(Learner l) {
    add("afterCancelEpoch");
  }

  @Override
  public void afterEpoch(Learner l) {
    add("afterEpoch");
  }

  @Override
  public void afterCancelFit(Learner l) {
    add("afterCancelFit");
  }

  @Override
  public void afterFit(Learner l) {
    add("afterFit");
  }
}
