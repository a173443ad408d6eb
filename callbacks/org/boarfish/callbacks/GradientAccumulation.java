package org.boarfish.callbacks;

import org.boarfish.learner.Callback;
import org.boarfish.learner.CancelBatchException;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code GradientAccumulation} (order 6, training only): gradients of several batches add
 * up and the step happens once {@code nAcc} samples (not batches) were seen, as if they had been
 * one batch: each batch's loss is back-propagated scaled by {@code bs/nAcc}, and until the count
 * reaches {@code nAcc} the step and the zeroing of gradients are skipped ({@link
 * CancelBatchException} before the step). The recorded loss is not scaled.
 */
public final class GradientAccumulation implements Callback {
  private final int nAcc;
  private int count;

  /** 32 samples per step. */
  public GradientAccumulation() {
    this(32);
  }

  /** {@code nAcc} samples per step. */
  public GradientAccumulation(int nAcc) {
    if (nAcc < 1) {
      throw new IllegalArgumentException("nAcc must be at least 1 sample, got " + nAcc);
    }
    this.nAcc = nAcc;
  }

  @Override
  public int order() {
    return 6;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  @Override
  public void beforeFit(Learner learn) {
    count = 0;
  }

  @Override
  public void afterLoss(Learner learn) {
    if (learn.lossGrad() != null) {
      learn.setLossGrad(learn.lossGrad().mul(bs(learn) / (double) nAcc));
    }
  }

  @Override
  public void beforeStep(Learner learn) {
    count += bs(learn);
    if (count < nAcc) {
      throw new CancelBatchException();
    }
    count = 0;
  }

  private static int bs(Learner learn) {
    return (int) learn.y().size(0);
  }

  @Override
  public String toString() {
    return "GradientAccumulation[" + nAcc + " samples]";
  }
}
