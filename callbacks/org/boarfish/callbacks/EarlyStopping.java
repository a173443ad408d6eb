package org.boarfish.callbacks;

import org.boarfish.learner.CancelFitException;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code EarlyStoppingCallback}: stops the fit ({@link CancelFitException}) after {@code
 * patience} epochs without improvement of the monitored value (default {@code valid_loss}, patience
 * 1, minDelta 0).
 */
public final class EarlyStopping extends TrackerCallback {
  private final int patience;
  private int wait;

  /** Monitors {@code valid_loss} with patience 1. */
  public EarlyStopping() {
    this("valid_loss", 0, 1);
  }

  /** Monitors a column with a minimum change and a patience in epochs. */
  public EarlyStopping(String monitor, double minDelta, int patience) {
    super(monitor, minDelta, true, null);
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    this.patience = patience;
  }

  @Override
  public void beforeFit(Learner learn) {
    wait = 0;
    super.beforeFit(learn);
  }

  @Override
  public void afterEpoch(Learner learn) {
    super.afterEpoch(learn);
    if (idle()) {
      return;
    }
    if (newBest()) {
      wait = 0;
    } else if (++wait >= patience) {
      throw new CancelFitException(
          "no improvement of "
              + monitor()
              + " since epoch "
              + (learn.epoch() - wait)
              + ": early stopping");
    }
  }

  @Override
  public String toString() {
    return "EarlyStopping[" + monitor() + ", patience " + patience + "]";
  }
}
