package org.boarfish.learner;

/** Skips the optimizer step of this batch; afterCancelStep then afterStep run. */
public final class CancelStepException extends CancelException {
  /** Without a reason. */
  public CancelStepException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelStepException(String reason) {
    super(reason);
  }
}
