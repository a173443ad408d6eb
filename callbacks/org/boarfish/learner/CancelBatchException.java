package org.boarfish.learner;

/** Skips the rest of this batch (loss, backward, step); afterCancelBatch then afterBatch run. */
public final class CancelBatchException extends CancelException {
  /** Without a reason. */
  public CancelBatchException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelBatchException(String reason) {
    super(reason);
  }
}
