package org.boarfish.learner;

/** Skips the rest of the validation batches; afterCancelValidate then afterValidate run. */
public final class CancelValidateException extends CancelException {
  /** Without a reason. */
  public CancelValidateException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelValidateException(String reason) {
    super(reason);
  }
}
