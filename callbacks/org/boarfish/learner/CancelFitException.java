package org.boarfish.learner;

/** Skips the rest of the fit; afterCancelFit then afterFit run. */
public final class CancelFitException extends CancelException {
  /** Without a reason. */
  public CancelFitException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelFitException(String reason) {
    super(reason);
  }
}
