package org.boarfish.learner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code LRFinder} callback (order 60, training only): the learning rate of training
 * iteration i is {@code start·(end/start)^(i/numIt)}; after each batch the best smoothed loss is
 * tracked and the fit stops when the smoothed loss exceeds 4× the best, or after {@code numIt}
 * iterations. Validation is skipped.
 */
final class LrFinder implements Callback {
  private final double start;
  private final double end;
  private final int numIt;
  private final boolean stopDiv;
  private double best;

  LrFinder(double start, double end, int numIt, boolean stopDiv) {
    this.start = start;
    this.end = end;
    this.numIt = numIt;
    this.stopDiv = stopDiv;
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  @Override
  public void beforeFit(Learner learn) {
    best = Double.POSITIVE_INFINITY;
  }

  @Override
  public void beforeBatch(Learner learn) {
    double pos = (double) learn.trainIter() / numIt;
    Hyper.LR.set(learn.opt(), start * Math.pow(end / start, pos));
  }

  @Override
  public void afterBatch(Learner learn) {
    double s = learn.smoothLoss();
    if (s < best) {
      best = s;
    }
    if (stopDiv && (s > 4 * best || Double.isNaN(s))) {
      throw new CancelFitException();
    }
    if (learn.trainIter() >= numIt) {
      throw new CancelFitException();
    }
  }

  @Override
  public void beforeValidate(Learner learn) {
    throw new CancelValidateException();
  }

  @Override
  public String name() {
    return "LrFinder";
  }

  /**
   * Runs the finder, restores the model and optimizer, computes and prints the suggestions, writes
   * the plot.
   */
  static LrFind run(Learner learn, double start, double end, int numIt, boolean plot) {
    if (!(start > 0) || !(end > start)) {
      throw new IllegalArgumentException(
          "lrFind needs 0 < startLr < endLr, got " + start + " and " + end);
    }
    int n = Math.max(6, numIt);
    var dls = learn.requireDls("lrFind");
    TrainingLoop.checkLoader(dls.train(), "training");
    int nEpoch = n / dls.train().length() + 1;
    var opt = learn.opt();
    Map<String, Tensor> weights = new LinkedHashMap<>();
    Scope.outside(
        () -> {
          learn
              .model()
              .stateDict()
              .forEach((k, v) -> weights.put(k, Tensor.wrap(v.data().dup('c'))));
          return null;
        });
    Map<String, Tensor> optState = opt.stateDict();
    learn.setLrFinding(true);
    learn.setLogging(false);
    try {
      learn.fitWith(nEpoch, null, List.of(new LrFinder(start, end, n, true)));
    } finally {
      learn.setLrFinding(false);
      learn.setLogging(true);
      opt.zeroGrad();
      learn.model().loadStateDict(weights);
      opt.loadStateDict(optState);
    }
    List<Double> lrs = List.copyOf(learn.recorder().lrs());
    List<Double> losses = List.copyOf(learn.recorder().losses());
    int from = n / 10;
    int to = Math.max(from, Math.min(lrs.size(), losses.size()) - 5);
    double[] l = new double[Math.max(0, to - from)];
    double[] y = new double[l.length];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (Double.isNaN(losses.get(i))) {
        break;
      }
      l[k] = lrs.get(i);
      y[k] = losses.get(i);
      k++;
    }
    l = Arrays.copyOf(l, k);
    y = Arrays.copyOf(y, k);
    LrFind r =
        new LrFind(
            lrs,
            losses,
            LrSuggestions.valley(l, y),
            LrSuggestions.slide(l, y),
            LrSuggestions.minimum(l, y),
            LrSuggestions.steep(l, y),
            null);
    Path png = null;
    if (plot && lrs.size() > 6) {
      png = learn.recorder().plotLrFind(learn.path().resolve("lr_find.png"), 5, r);
    }
    r = new LrFind(r.lrs(), r.losses(), r.valley(), r.slide(), r.minimum(), r.steep(), png);
    learn
        .out()
        .println(
            String.format(java.util.Locale.ROOT, "SuggestedLRs(valley=%.2e)", r.valley())
                + (png != null ? "  (plot: " + png + ")" : ""));
    return r;
  }
}
