package org.boarfish.learner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Split;
import org.boarfish.nn.BCEWithLogitsLossFlat;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.nn.LabelSmoothingCrossEntropy;
import org.boarfish.nn.Loss;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * validate, getPreds, predict and tta: validation passes over a loader with a callback gathering
 * the outputs.
 */
final class Inference {
  private Inference() {}

  static Validation validate(Learner learn, DataLoader dl) {
    TrainingLoop.checkLoader(dl, "validation");
    try {
      new TrainingLoop(learn).validatePass(dl);
    } finally {
      learn.clearBatch();
      learn.setDl(null);
    }
    double[] v = learn.recorder().lastValid();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < learn.metrics().size(); i++) {
      m.put(learn.metrics().get(i).name(), v[i + 1]);
    }
    return new Validation(v[0], m);
  }

  static Preds getPreds(
      Learner learn, DataLoader dl, boolean withDecoded, boolean withLoss, boolean activate) {
    TrainingLoop.checkLoader(dl, "prediction");
    DataLoader use =
        dl.shuffle() || dl.dropLast() ? dl.toBuilder().shuffle(false).dropLast(false).build() : dl;
    Gather g = new Gather(withLoss ? learn.lossFunc().withReduction(Reduction.NONE) : null);
    learn.addCbs(g);
    try {
      new TrainingLoop(learn).validatePass(use);
    } finally {
      learn.removeCbs(g);
      learn.clearBatch();
      learn.setDl(null);
      if (use != dl) {
        use.close();
      }
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor raw = Tensor.cat(g.preds, 0);
      Tensor preds = activate ? learn.lossFunc().activation(raw) : raw;
      Tensor decoded = withDecoded ? learn.lossFunc().decode(preds) : null;
      Tensor targets = g.targets.isEmpty() ? null : Tensor.cat(g.targets, 0);
      Tensor losses = g.losses.isEmpty() ? null : Tensor.cat(g.losses, 0);
      return new Preds(preds, targets, decoded, losses);
    }
  }

  static Prediction predict(Learner learn, Object item) {
    if (learn.dls() == null) {
      return learn.spec.predict(learn, item);
    }
    if (learn.dls().inputEncoder().isPresent()) {
      List<Object> v = vocabOrNull(learn) == null ? null : learn.dls().vocab().items();
      return InferenceSpec.predictEncoded(learn, learn.dls().inputEncoder().get(), item, v);
    }
    if (!(learn.dls().train().dataset() instanceof org.boarfish.data.Datasets)
        && (item instanceof Tensor || item instanceof org.boarfish.data.TensorItem)) {
      // loaders over plain samples (TensorDataLoaders) have no item pipeline: the item is the input
      // tensor
      return InferenceSpec.capture(learn).predict(learn, item);
    }
    DataLoader dl = learn.dls().testDl(List.of(item));
    Preds p;
    try {
      p = getPreds(learn, dl, true, false, true);
    } finally {
      dl.close();
    }
    List<Object> vocab;
    try {
      vocab = learn.dls().vocab().items();
    } catch (RuntimeException e) {
      vocab = null;
    }
    return toPrediction(
        learn.lossFunc(),
        p.preds().slice(0, 0, 1).squeeze(0),
        p.decoded().slice(0, 0, 1).squeeze(0),
        vocab);
  }

  static Prediction toPrediction(Loss loss, Tensor probs, Tensor decoded, List<?> vocab) {
    if ((loss instanceof CrossEntropyLossFlat || loss instanceof LabelSmoothingCrossEntropy)
        && decoded.numel() == 1) {
      int idx = (int) decoded.item();
      Object label = vocab != null && idx >= 0 && idx < vocab.size() ? vocab.get(idx) : idx;
      return new Prediction(label, idx, probs);
    }
    if (loss instanceof BCEWithLogitsLossFlat) {
      List<Object> labels = new ArrayList<>();
      double[] d = decoded.toDoubleArray();
      for (int i = 0; i < d.length; i++) {
        if (d[i] != 0) {
          labels.add(vocab != null && i < vocab.size() ? vocab.get(i) : i);
        }
      }
      return new Prediction(List.copyOf(labels), -1, probs);
    }
    return new Prediction(decoded, -1, probs);
  }

  static Preds tta(Learner learn, DataLoader dl, int n, double beta) {
    if (n < 1) {
      throw new IllegalArgumentException("tta needs at least one augmented pass, got n = " + n);
    }
    if (!(beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("tta: beta must be in [0, 1], got " + beta);
    }
    DataLoader aug =
        dl.toBuilder()
            .split(Split.TRAIN)
            .shuffle(false)
            .dropLast(false)
            .name(dl.name() + "-tta")
            .build();
    Tensor sum = null;
    try {
      for (int i = 0; i < n; i++) {
        Tensor p = getPreds(learn, aug, false, false, true).preds();
        sum = sum == null ? p : sum.add(p);
      }
    } finally {
      aug.close();
    }
    Preds clean = getPreds(learn, dl, false, false, true);
    Tensor avg = sum.div(n);
    return new Preds(avg.mul(1 - beta).add(clean.preds().mul(beta)), clean.targets(), null, null);
  }

  /** The vocabulary of a learner's data, or null. */
  static CategoryMap vocabOrNull(Learner learn) {
    try {
      return learn.dls().vocab();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Keeps every validation batch's output (and targets, per-item losses) beyond the batch's scope.
   */
  static final class Gather implements Callback {
    final List<Tensor> preds = new ArrayList<>();
    final List<Tensor> targets = new ArrayList<>();
    final List<Tensor> losses = new ArrayList<>();
    private final Loss itemLoss;

    Gather(Loss itemLoss) {
      this.itemLoss = itemLoss;
    }

    @Override
    public int order() {
      return 55;
    }

    @Override
    public boolean runTrain() {
      return false;
    }

    @Override
    public void afterBatch(Learner learn) {
      preds.add(learn.pred().keep());
      if (learn.y() != null) {
        targets.add(learn.y().keep());
        if (itemLoss != null) {
          Tensor l = itemLoss.apply(learn.pred(), learn.y());
          long bs = learn.pred().size(0);
          if ((l.dim() != 1 || l.size(0) != bs) && bs > 0 && l.numel() % bs == 0) {
            l = l.reshape(bs, -1).mean(1);
          }
          losses.add(l.keep());
        }
      }
    }

    @Override
    public String name() {
      return "GatherPreds";
    }
  }
}
