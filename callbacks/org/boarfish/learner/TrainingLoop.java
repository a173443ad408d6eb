package org.boarfish.learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.optim.LrRange;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * fastai's loop: each stage runs {@code before_x}, its work, {@code after_cancel_x} if the matching
 * cancel exception was thrown, then {@code after_x}. Every batch runs in its own {@link Scope}.
 */
final class TrainingLoop {
  private final Learner learn;
  private boolean checkedFirstBatch;

  TrainingLoop(Learner learn) {
    this.learn = learn;
  }

  /** fastai's {@code fit}: optimizer made if needed, lr set, then the events of a fit. */
  void fit(int nEpoch, double[] lrs, List<Callback> extra) {
    if (nEpoch < 1) {
      throw new IllegalArgumentException("nEpoch must be at least 1, got " + nEpoch);
    }
    if (learn.isFitting()) {
      throw new IllegalStateException(
          "fit was called from inside a fit (a callback?); finish the running fit first");
    }
    var dls = learn.requireDls("fit");
    checkLoader(dls.train(), "training");
    if (dls.size() > 1) {
      checkLoader(dls.valid(), "validation");
    }
    learn.addCbs(extra.toArray(new Callback[0]));
    try {
      var opt = learn.opt();
      opt.setLr(
          lrs == null
              ? LrRange.each(fill(learn.lr(), opt.groups().size()))
              : spread(lrs, opt.groups().size()));
      learn.setNEpoch(nEpoch);
      learn.setCancelReason("");
      learn.setFitting(true);
      withEvents(
          this::doFit,
          Event.BEFORE_FIT,
          Event.AFTER_CANCEL_FIT,
          Event.AFTER_FIT,
          CancelFitException.class);
    } finally {
      learn.setFitting(false);
      learn.clearBatch();
      learn.setDl(null);
      learn.removeCbs(extra.toArray(new Callback[0]));
    }
  }

  private static double[] fill(double v, int n) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static LrRange spread(double[] lrs, int n) {
    return LrRange.each(lrs.length == 1 ? fill(lrs[0], n) : lrs);
  }

  static void checkLoader(DataLoader dl, String which) {
    if (dl.length() == 0) {
      throw new IllegalStateException(
          "the "
              + which
              + " loader '"
              + dl.name()
              + "' has no batches ("
              + dl.dataset().size()
              + " items, bs "
              + dl.bs()
              + (dl.dropLast() ? ", dropLast" : "")
              + "): give it more items"
              + (dl.dropLast()
                  ? ", a batch size of at most the number of items, or dropLast(false)"
                  : ""));
    }
  }

  private void doFit() {
    for (int e = 0; e < learn.nEpoch(); e++) {
      learn.setEpoch(e);
      withEvents(
          this::doEpoch,
          Event.BEFORE_EPOCH,
          Event.AFTER_CANCEL_EPOCH,
          Event.AFTER_EPOCH,
          CancelEpochException.class);
    }
  }

  private void doEpoch() {
    learn.setDl(learn.dls().train());
    withEvents(
        () -> allBatches(learn.dls().train()),
        Event.BEFORE_TRAIN,
        Event.AFTER_CANCEL_TRAIN,
        Event.AFTER_TRAIN,
        CancelTrainException.class);
    if (learn.dls().size() > 1) {
      validatePass(learn.dls().valid());
    }
  }

  /**
   * fastai's {@code _do_epoch_validate}: the validation events over a loader, without gradients.
   */
  void validatePass(DataLoader dl) {
    learn.setDl(dl);
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      withEvents(
          () -> allBatches(dl),
          Event.BEFORE_VALIDATE,
          Event.AFTER_CANCEL_VALIDATE,
          Event.AFTER_VALIDATE,
          CancelValidateException.class);
    }
  }

  private void allBatches(DataLoader dl) {
    learn.setNIter(dl.length());
    int i = 0;
    for (Tuple b : dl) {
      oneBatch(i++, b);
    }
  }

  private void oneBatch(int i, Tuple b) {
    learn.setIter(i);
    List<Tensor> all = new ArrayList<>(b.size());
    for (int k = 0; k < b.size(); k++) {
      all.add(b.tensor(k));
    }
    int nInp = Math.min(b.nInp(), all.size());
    learn.setXb(all.subList(0, nInp));
    learn.setYb(all.subList(nInp, all.size()));
    try (Scope scope = Scope.open()) {
      withEvents(
          this::doOneBatch,
          Event.BEFORE_BATCH,
          Event.AFTER_CANCEL_BATCH,
          Event.AFTER_BATCH,
          CancelBatchException.class);
    } finally {
      learn.clearBatch();
    }
  }

  private void doOneBatch() {
    learn.setPred(forward(learn));
    learn.event(Event.AFTER_PRED);
    if (!learn.yb().isEmpty()) {
      Tensor l = computeLoss(learn, learn.pred(), learn.y());
      learn.setLossRaw(l.detach(), l);
    }
    learn.event(Event.AFTER_LOSS);
    if (!learn.isTraining() || learn.yb().isEmpty()) {
      return;
    }
    withEvents(
        () -> learn.lossGrad().backward(),
        Event.BEFORE_BACKWARD,
        Event.AFTER_CANCEL_BACKWARD,
        Event.AFTER_BACKWARD,
        CancelBackwardException.class);
    withEvents(
        () -> learn.opt().step(),
        Event.BEFORE_STEP,
        Event.AFTER_CANCEL_STEP,
        Event.AFTER_STEP,
        CancelStepException.class);
    learn.opt().zeroGrad();
  }

  /** The model's output for the current inputs. */
  static Tensor forward(Learner learn) {
    return forward(learn.model(), learn.xb());
  }

  /** A model's output for these inputs: all of them for a {@link MultiInput}, else the one. */
  static Tensor forward(org.boarfish.nn.Module model, List<Tensor> xb) {
    if (model instanceof MultiInput mi) {
      return mi.forward(xb);
    }
    if (xb.size() != 1) {
      throw new IllegalArgumentException(
          "the batch has "
              + xb.size()
              + " inputs but "
              + model.name()
              + " takes one; make the model implement org.boarfish.learner.MultiInput, or give the DataBlock nInp(1)");
    }
    return model.call(xb.get(0));
  }

  /**
   * The loss, with a message naming the shapes and the fix when the model's output does not fit it.
   */
  Tensor computeLoss(Learner learn, Tensor pred, Tensor target) {
    if (!checkedFirstBatch) {
      checkedFirstBatch = true;
      checkOutputWidth(learn, pred);
    }
    try {
      return learn.lossFunc().apply(pred, target);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "the model's output "
              + Arrays.toString(pred.shape())
              + " does not fit the loss "
              + learn.lossFunc()
              + " with targets "
              + Arrays.toString(target.shape())
              + " "
              + target.dtype()
              + ": "
              + e.getMessage()
              + ". Check that the model's last layer has as many outputs as the data has classes"
              + outputsHint(learn)
              + ", or pass a loss that fits the targets",
          e);
    }
  }

  private static String outputsHint(Learner learn) {
    try {
      return " (dls.c() = " + learn.dls().c() + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void checkOutputWidth(Learner learn, Tensor pred) {
    if (!(learn.lossFunc() instanceof CrossEntropyLossFlat)
        || pred.dim() != 2
        || learn.dls() == null) {
      return;
    }
    int c;
    try {
      c = learn.dls().c();
    } catch (RuntimeException e) {
      return;
    }
    if (pred.size(1) != c) {
      throw new IllegalArgumentException(
          "the model outputs "
              + pred.size(1)
              + " values per item, but the data has "
              + c
              + " classes (dls.c()): make the model's last layer output "
              + c
              + " values");
    }
  }

  /** fastai's {@code _with_events}. */
  void withEvents(
      Runnable work,
      Event before,
      Event afterCancel,
      Event after,
      Class<? extends CancelException> kind) {
    try {
      learn.event(before);
      work.run();
    } catch (CancelException c) {
      if (!kind.isInstance(c)) {
        throw c;
      }
      if (c instanceof CancelFitException && !c.reason().isEmpty()) {
        learn.setCancelReason(c.reason());
        learn.out().println("Training stopped: " + c.reason());
      }
      learn.event(afterCancel);
    }
    learn.event(after);
  }
}
