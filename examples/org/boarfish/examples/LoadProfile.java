package org.boarfish.examples;

import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;

/**
 * Splits each training epoch's wall time into waiting for the next batch (the loader) and the
 * training step (forward, backward, optimizer): the time between one batch's {@code afterBatch} and
 * the next one's {@code beforeBatch} is spent in the loader's iterator.
 */
public final class LoadProfile implements Callback {
  private long last;
  private long start;
  private long waitNanos;
  private long stepNanos;
  private long batches;
  private long samples;
  private long totalWait;
  private long totalStep;

  @Override
  public void beforeTrain(Learner learn) {
    waitNanos = 0;
    stepNanos = 0;
    batches = 0;
    samples = 0;
    last = System.nanoTime();
  }

  @Override
  public void beforeBatch(Learner learn) {
    if (learn.isTraining()) {
      start = System.nanoTime();
      waitNanos += start - last;
    }
  }

  @Override
  public void afterBatch(Learner learn) {
    if (learn.isTraining()) {
      last = System.nanoTime();
      stepNanos += last - start;
      batches++;
      samples += learn.x().size(0);
    }
  }

  @Override
  public void afterTrain(Learner learn) {
    totalWait += waitNanos;
    totalStep += stepNanos;
    System.out.printf(
        "profile epoch %d: %d batches, waiting for data %.2f s (%.1f%%), training steps %.2f s, %.0f samples/s%n",
        learn.epoch(),
        batches,
        waitNanos / 1e9,
        100.0 * waitNanos / Math.max(1, waitNanos + stepNanos),
        stepNanos / 1e9,
        samples / ((waitNanos + stepNanos) / 1e9));
  }

  /** The fraction of training time spent waiting for batches, over all epochs. */
  public double waitFraction() {
    return (double) totalWait / Math.max(1, totalWait + totalStep);
  }

  /** Seconds spent waiting for batches, over all epochs. */
  public double waitSeconds() {
    return totalWait / 1e9;
  }

  /** Seconds spent in training steps, over all epochs. */
  public double stepSeconds() {
    return totalStep / 1e9;
  }
}
