package org.boarfish.callbacks;

import org.boarfish.learner.Callback;
import org.boarfish.learner.CancelTrainException;
import org.boarfish.learner.CancelValidateException;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code ShortEpochCallback}: ends each training (and, with {@code shortValid},
 * validation) pass once a fraction {@code pct} of its batches ran, for quick checks of a pipeline.
 */
public final class ShortEpoch implements Callback {
  private final double pct;
  private final boolean shortValid;

  /** 1% of the batches, validation short too. */
  public ShortEpoch() {
    this(0.01, true);
  }

  /** A fraction of the batches in (0, 1]. */
  public ShortEpoch(double pct, boolean shortValid) {
    if (!(pct > 0 && pct <= 1)) {
      throw new IllegalArgumentException("pct must be in (0, 1], got " + pct);
    }
    this.pct = pct;
    this.shortValid = shortValid;
  }

  @Override
  public void afterBatch(Learner learn) {
    if ((double) learn.iter() / learn.nIter() < pct) {
      return;
    }
    if (learn.isTraining()) {
      throw new CancelTrainException();
    }
    if (shortValid) {
      throw new CancelValidateException();
    }
  }

  @Override
  public String toString() {
    return "ShortEpoch[" + pct + "]";
  }
}
