package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Preds;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * Keeps the validation probabilities of every epoch of every fit the learner runs (a snapshot per
 * epoch), at no extra cost: it reads the outputs of the validation pass the fit already makes.
 * Averaging the last few snapshots with {@link ProbEnsemble} is a snapshot ensemble. Passes made
 * outside a fit ({@code getPreds}, {@code validate}) are not recorded. The snapshots are in the
 * validation loader's order, the order {@code getPreds()} returns.
 *
 * <pre>{@code
 * SnapshotPreds snaps = new SnapshotPreds();
 * clas.learner().addCbs(snaps);
 * clas.fitOneCycle(3, 2e-3);
 * Preds lastTwo = snaps.averageOfLast(2);
 * }</pre>
 */
public final class SnapshotPreds implements Callback {
  private final List<Preds> snapshots = new ArrayList<>();
  private final List<Tensor> preds = new ArrayList<>();
  private final List<Tensor> targets = new ArrayList<>();

  @Override
  public int order() {
    return 56;
  }

  @Override
  public boolean runTrain() {
    return false;
  }

  @Override
  public void beforeValidate(Learner learn) {
    preds.clear();
    targets.clear();
  }

  @Override
  public void afterBatch(Learner learn) {
    if (learn.isFitting() && !learn.isTraining()) {
      preds.add(learn.pred().keep());
      if (learn.y() != null) {
        targets.add(learn.y().keep());
      }
    }
  }

  @Override
  public void afterValidate(Learner learn) {
    if (!learn.isFitting() || preds.isEmpty()) {
      return;
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor p = learn.lossFunc().activation(Tensor.cat(preds, 0)).keep();
      Tensor y = targets.isEmpty() ? null : Tensor.cat(targets, 0).keep();
      snapshots.add(new Preds(p, y, null, null));
    }
    preds.clear();
    targets.clear();
  }

  /** Every recorded epoch's probabilities, oldest first. */
  public List<Preds> snapshots() {
    return List.copyOf(snapshots);
  }

  /** The mean probabilities of the last {@code k} epochs (k ≥ 1, at most the epochs recorded). */
  public Preds averageOfLast(int k) {
    if (k < 1 || k > snapshots.size()) {
      throw new IllegalArgumentException(
          "SnapshotPreds.averageOfLast: k must be in 1.."
              + snapshots.size()
              + " (the epochs recorded so far), got "
              + k);
    }
    return ProbEnsemble.average(snapshots.subList(snapshots.size() - k, snapshots.size()));
  }

  @Override
  public String name() {
    return "SnapshotPreds";
  }
}
