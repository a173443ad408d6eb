package org.boarfish.learner;

/**
 * Thrown by a callback to skip the rest of a stage of the loop, as fastai's {@code
 * Cancel*Exception}: the learner catches the matching kind, raises {@code afterCancel<Stage>}, then
 * {@code after<Stage>} as usual. Made without a stack trace (it is control flow, not an error); the
 * message, if any, says why.
 */
public abstract sealed class CancelException extends RuntimeException
    permits CancelBatchException,
        CancelBackwardException,
        CancelStepException,
        CancelTrainException,
        CancelValidateException,
        CancelEpochException,
        CancelFitException {

  CancelException(String message) {
    super(message, null, false, false);
  }

  /** The reason given, or "" when none. */
  public String reason() {
    return getMessage() == null ? "" : getMessage();
  }
}
