package org.boarfish.learner;

import java.util.function.Consumer;

/**
 * A piece of the training loop, as fastai's callbacks: one method per {@link Event}, each a no-op
 * by default. A callback reads and may replace the learner's state ({@link Learner#xb()}, {@link
 * Learner#pred()}, {@link Learner#loss()}, ...) and may cancel part of the loop by throwing a
 * {@link CancelException}.
 *
 * <pre>{@code
 * class PrintLoss implements Callback {
 *   public void afterBatch(Learner learn) {
 *     if (learn.isTraining()) System.out.println(learn.iter() + ": " + learn.loss().item());
 *   }
 * }
 * learn.fit(1, 1e-3, new PrintLoss());
 * }</pre>
 *
 * <p>Callbacks run in ascending {@link #order()} (ties keep the order they were added in). The
 * batch events reach a callback during training only if {@link #runTrain()}, during validation only
 * if {@link #runValid()}.
 */
public interface Callback {
  /**
   * The position among callbacks: lower runs first (TrainEval -10, Recorder 50, ParamScheduler and
   * Progress 60).
   */
  default int order() {
    return 0;
  }

  /** Whether the batch events reach this callback during training. */
  default boolean runTrain() {
    return true;
  }

  /** Whether the batch events reach this callback during validation. */
  default boolean runValid() {
    return true;
  }

  /** The name shown by {@link Learner#showTrainingLoop()}. */
  default String name() {
    String n = getClass().getSimpleName();
    return n.isEmpty() || n.contains("$") ? "Callback" : n;
  }

  /** Before the first epoch of a fit. */
  default void beforeFit(Learner learn) {}

  /** Before each epoch. */
  default void beforeEpoch(Learner learn) {}

  /** Before the training part of each epoch. */
  default void beforeTrain(Learner learn) {}

  /** Before each batch, after {@code xb} and {@code yb} are set. */
  default void beforeBatch(Learner learn) {}

  /** After the model's forward pass set {@code pred}. */
  default void afterPred(Learner learn) {}

  /** After the loss was computed (also when there are no targets). */
  default void afterLoss(Learner learn) {}

  /** Before the backward pass (training only). */
  default void beforeBackward(Learner learn) {}

  /** When a {@link CancelBackwardException} skipped the backward pass. */
  default void afterCancelBackward(Learner learn) {}

  /** After the backward pass. */
  default void afterBackward(Learner learn) {}

  /** Before the optimizer step (gradients are ready). */
  default void beforeStep(Learner learn) {}

  /** When a {@link CancelStepException} skipped the step. */
  default void afterCancelStep(Learner learn) {}

  /** After the optimizer step. */
  default void afterStep(Learner learn) {}

  /** When a {@link CancelBatchException} ended the batch early. */
  default void afterCancelBatch(Learner learn) {}

  /** After each batch, cancelled or not. */
  default void afterBatch(Learner learn) {}

  /** When a {@link CancelTrainException} ended the training part of the epoch. */
  default void afterCancelTrain(Learner learn) {}

  /** After the training part of each epoch. */
  default void afterTrain(Learner learn) {}

  /** Before the validation part of each epoch (and of {@link Learner#validate()}). */
  default void beforeValidate(Learner learn) {}

  /** When a {@link CancelValidateException} ended validation. */
  default void afterCancelValidate(Learner learn) {}

  /** After validation. */
  default void afterValidate(Learner learn) {}

  /** When a {@link CancelEpochException} ended the epoch. */
  default void afterCancelEpoch(Learner learn) {}

  /** After each epoch. */
  default void afterEpoch(Learner learn) {}

  /** When a {@link CancelFitException} ended the fit. */
  default void afterCancelFit(Learner learn) {}

  /** After the fit, cancelled or not. */
  default void afterFit(Learner learn) {}

  /**
   * A callback that runs {@code action} at one event: {@code Callback.on(Event.AFTER_EPOCH, l ->
   * ...)}.
   */
  static Callback on(Event event, Consumer<Learner> action) {
    return new EventCallback(event, action, 0);
  }

  /** As {@link #on(Event, Consumer)} with an order. */
  static Callback on(Event event, int order, Consumer<Learner> action) {
    return new EventCallback(event, action, order);
  }
}
