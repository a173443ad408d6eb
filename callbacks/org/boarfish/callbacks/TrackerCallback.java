package org.boarfish.callbacks;

import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.metrics.Metric;

/**
 * fastai's {@code TrackerCallback} (order 60, after the {@link org.boarfish.learner.Recorder}):
 * after each epoch compares the monitored column of the epoch table ({@code valid_loss} by default,
 * or a metric's name) with the best so far. Lower is better when the name contains "loss" or
 * "error", or when the metric says so; otherwise higher. {@code minDelta} is the least change that
 * counts as an improvement. Idle during {@link Learner#lrFind()}.
 */
public abstract class TrackerCallback implements Callback {
  private final String monitor;
  private final double minDelta;
  private final boolean resetOnFit;
  private Boolean lowerIsBetter;
  private double best = Double.NaN;
  private boolean newBest;
  private boolean idle;

  /** Tracks {@code monitor}; {@code comp} null to infer the direction. */
  protected TrackerCallback(
      String monitor, double minDelta, boolean resetOnFit, Boolean lowerIsBetter) {
    if (monitor == null || monitor.isBlank()) {
      throw new IllegalArgumentException(
          "monitor must name a column of the epoch table, e.g. \"valid_loss\"");
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
    }
    this.monitor = monitor;
    this.minDelta = minDelta;
    this.resetOnFit = resetOnFit;
    this.lowerIsBetter = lowerIsBetter;
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    idle = learn.isLrFinding();
    if (idle) {
      return;
    }
    var names = learn.recorder().metricNames();
    if (!names.subList(1, names.size() - 1).contains(monitor)) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + " monitors '"
              + monitor
              + "' but the epoch table has "
              + names.subList(1, names.size() - 1)
              + "; monitor one of those (add the metric to the learner)");
    }
    if (lowerIsBetter == null) {
      lowerIsBetter = monitor.contains("loss") || monitor.contains("error");
      for (Metric m : learn.metrics()) {
        if (m.name().equals(monitor)) {
          lowerIsBetter = !m.higherIsBetter();
        }
      }
    }
    if (resetOnFit || Double.isNaN(best)) {
      best = lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (idle) {
      return;
    }
    double val = learn.recorder().lastValue(monitor);
    newBest = lowerIsBetter ? val + minDelta < best : val - minDelta > best;
    if (newBest) {
      best = val;
    }
  }

  /** Whether this callback does nothing in the current fit (a learning-rate finder run). */
  protected boolean idle() {
    return idle;
  }

  /** Whether the last epoch improved on the best. */
  protected boolean newBest() {
    return newBest;
  }

  /** The best value seen. */
  public double best() {
    return best;
  }

  /** The monitored column. */
  public String monitor() {
    return monitor;
  }
}
