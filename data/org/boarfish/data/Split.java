package org.boarfish.data;

/**
 * Which part of the data a call is for, and which part a transform is restricted to (fastai's
 * {@code split_idx}: {@code None}, 0 and 1).
 *
 * <p>A transform restricted to {@link #TRAIN} (random augmentation, the default of {@link
 * RandTransform}) runs only when called for the training split; one restricted to {@link #VALID}
 * only for validation; one with {@link #ALL} always. A call made for {@code ALL} (no split known,
 * e.g. applying a pipeline by hand) runs only the unrestricted transforms, as in fastai.
 */
public enum Split {
  /** No restriction (as a transform's split) or no particular split (as a call's). */
  ALL,
  /** The training split: shuffled, augmented. */
  TRAIN,
  /** The validation split (and test sets built from it). */
  VALID;

  /** True if a transform restricted to this split runs on a call made for {@code call}. */
  public boolean runsOn(Split call) {
    return this == ALL || this == call;
  }
}
