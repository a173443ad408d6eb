package org.boarfish.learner;

/** Skips the rest of this epoch; afterCancelEpoch then afterEpoch run, then the next epoch. */
public final class CancelEpochException extends CancelException {
  /** Without a reason. */
  public CancelEpochException() {
    super(null);
  }

  /** With a reason (shown when the learner reports the cancellation). */
  public CancelEpochException(String reason) {
    super(reason);
  }
}
