package org.boarfish.learner;

/** Skips the backward pass of this batch; afterCancelBackward then afterBackward run. */
public final class CancelBackwardException extends CancelException {
  /** Without a reason. */
  public CancelBackwardException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelBackwardException(String reason) {
    super(reason);
  }
}
