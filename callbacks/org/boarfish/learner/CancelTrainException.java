package org.boarfish.learner;

/**
 * Skips the rest of this epoch's training batches; afterCancelTrain then afterTrain run, then
 * validation.
 */
public final class CancelTrainException extends CancelException {
  /** Without a reason. */
  public CancelTrainException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelTrainException(String reason) {
    super(reason);
  }
}
