package org.boarfish.callbacks;

import java.util.Locale;
import org.boarfish.learner.Learner;
import org.boarfish.optim.ParamGroup;

/**
 * fastai's {@code ReduceLROnPlateau}: after {@code patience} epochs without improvement of the
 * monitored value, divides every group's learning rate by {@code factor} (not below {@code minLr}).
 * Defaults: {@code valid_loss}, patience 1, factor 10, minLr 0. Use it with {@link Learner#fit}: a
 * schedule would overwrite the learning rate.
 */
public final class ReduceLROnPlateau extends TrackerCallback {
  private final int patience;
  private final double factor;
  private final double minLr;
  private int wait;

  /** fastai's defaults. */
  public ReduceLROnPlateau() {
    this("valid_loss", 0, 1, 10, 0);
  }

  /** Every option. */
  public ReduceLROnPlateau(
      String monitor, double minDelta, int patience, double factor, double minLr) {
    super(monitor, minDelta, true, null);
    if (patience < 1 || !(factor > 1) || !(minLr >= 0)) {
      throw new IllegalArgumentException(
          "ReduceLROnPlateau needs patience >= 1, factor > 1 and minLr >= 0, got "
              + patience
              + ", "
              + factor
              + ", "
              + minLr);
    }
    this.patience = patience;
    this.factor = factor;
    this.minLr = minLr;
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
      return;
    }
    if (++wait >= patience) {
      var groups = learn.opt().groups();
      double old = groups.get(groups.size() - 1).hypers().lr();
      for (ParamGroup g : groups) {
        g.setHypers(g.hypers().withLr(Math.max(g.hypers().lr() / factor, minLr)));
      }
      wait = 0;
      double now = groups.get(groups.size() - 1).hypers().lr();
      if (now < old) {
        learn
            .out()
            .println(String.format(Locale.ROOT, "Epoch %d: reducing lr to %s", learn.epoch(), now));
      }
    }
  }

  @Override
  public String toString() {
    return "ReduceLROnPlateau[" + monitor() + ", patience " + patience + ", factor " + factor + "]";
  }
}
