package org.boarfish.learner;

import java.util.function.BiConsumer;

/**
 * The events of the training loop, in the order fastai (2.7) raises them. The batch-level ones
 * ({@link #isInner()}) reach a callback only if it runs for the current phase ({@link
 * Callback#runTrain()} / {@link Callback#runValid()}).
 */
public enum Event {
  BEFORE_FIT(Callback::beforeFit, false),
  BEFORE_EPOCH(Callback::beforeEpoch, false),
  BEFORE_TRAIN(Callback::beforeTrain, false),
  BEFORE_BATCH(Callback::beforeBatch, true),
  AFTER_PRED(Callback::afterPred, true),
  AFTER_LOSS(Callback::afterLoss, true),
  BEFORE_BACKWARD(Callback::beforeBackward, true),
  AFTER_CANCEL_BACKWARD(Callback::afterCancelBackward, true),
  AFTER_BACKWARD(Callback::afterBackward, true),
  BEFORE_STEP(Callback::beforeStep, true),
  AFTER_CANCEL_STEP(Callback::afterCancelStep, true),
  AFTER_STEP(Callback::afterStep, true),
  AFTER_CANCEL_BATCH(Callback::afterCancelBatch, true),
  AFTER_BATCH(Callback::afterBatch, true),
  AFTER_CANCEL_TRAIN(Callback::afterCancelTrain, false),
  AFTER_TRAIN(Callback::afterTrain, false),
  BEFORE_VALIDATE(Callback::beforeValidate, false),
  AFTER_CANCEL_VALIDATE(Callback::afterCancelValidate, false),
  AFTER_VALIDATE(Callback::afterValidate, false),
  AFTER_CANCEL_EPOCH(Callback::afterCancelEpoch, false),
  AFTER_EPOCH(Callback::afterEpoch, false),
  AFTER_CANCEL_FIT(Callback::afterCancelFit, false),
  AFTER_FIT(Callback::afterFit, false);

  private final BiConsumer<Callback, Learner> handler;
  private final boolean inner;
  private final String methodName;

  Event(BiConsumer<Callback, Learner> handler, boolean inner) {
    this.handler = handler;
    this.inner = inner;
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    this.methodName = sb.toString();
  }

  /** Calls this event's method of {@code cb}. */
  public void call(Callback cb, Learner learn) {
    handler.accept(cb, learn);
  }

  /** True for the events of one batch, which respect a callback's runTrain/runValid flags. */
  public boolean isInner() {
    return inner;
  }

  /** The name of the {@link Callback} method, e.g. {@code beforeFit}. */
  public String methodName() {
    return methodName;
  }
}
