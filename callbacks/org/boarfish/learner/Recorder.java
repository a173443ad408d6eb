package org.boarfish.learner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.metrics.Metric;

/**
 * fastai's {@code Recorder} (order 50, always present): the smoothed training loss of every batch
 * (an exponential moving average with β 0.98, debiased: {@code val ← β·val + (1−β)·loss}, reported
 * as {@code val/(1−β^count)}) and the learning rate of the last param group; per epoch the row
 * {@code [train_loss, valid_loss, metrics...]} and its time. Validation loss and metrics are
 * batch-size weighted over the epoch.
 *
 * <pre>{@code
 * learn.recorder().values();          // one row per epoch
 * learn.recorder().plotLoss();        // loss.png under learn.path()
 * }</pre>
 */
public final class Recorder implements Callback {
  /** The smoothing factor of the training loss. */
  public static final double BETA = 0.98;

  private final List<Metric> metrics;
  private final List<Double> lrs = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private final List<Integer> iters = new ArrayList<>();
  private final List<double[]> values = new ArrayList<>();
  private final List<Double> times = new ArrayList<>();
  private Map<Hyper, double[]> hps = Map.of();
  private List<String> metricNames = List.of();
  private double smoothVal;
  private int smoothCount;
  private double validSum;
  private long validCount;
  private double[] lastValid;
  private double trainLoss = Double.NaN;
  private long epochStart;
  private Learner learn;

  Recorder(List<Metric> metrics) {
    this.metrics = List.copyOf(metrics);
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public void beforeFit(Learner learn) {
    this.learn = learn;
    lrs.clear();
    losses.clear();
    iters.clear();
    values.clear();
    times.clear();
    List<String> names = new ArrayList<>(List.of("epoch", "train_loss", "valid_loss"));
    metrics.forEach(m -> names.add(m.name()));
    names.add("time");
    metricNames = List.copyOf(names);
    smoothVal = 0;
    smoothCount = 0;
  }

  @Override
  public void beforeEpoch(Learner learn) {
    epochStart = System.nanoTime();
    lastValid = null;
    trainLoss = Double.NaN;
  }

  @Override
  public void beforeValidate(Learner learn) {
    this.learn = learn;
    validSum = 0;
    validCount = 0;
    metrics.forEach(Metric::reset);
  }

  @Override
  public void afterBatch(Learner learn) {
    if (learn.yb().isEmpty() || learn.loss() == null) {
      return;
    }
    double loss = learn.loss().mean().item();
    if (learn.isTraining()) {
      smoothCount++;
      smoothVal = BETA * smoothVal + (1 - BETA) * loss;
      double smooth = smoothVal / (1 - Math.pow(BETA, smoothCount));
      var groups = learn.opt().groups();
      lrs.add(groups.get(groups.size() - 1).hypers().lr());
      losses.add(smooth);
      learn.setSmoothLoss(smooth);
    } else {
      int bs = (int) learn.y().size(0);
      validSum += loss * bs;
      validCount += bs;
      for (Metric m : metrics) {
        m.accumulate(learn.pred(), learn.y(), loss, bs);
      }
    }
  }

  @Override
  public void afterTrain(Learner learn) {
    trainLoss = smoothCount == 0 ? Double.NaN : smoothVal / (1 - Math.pow(BETA, smoothCount));
  }

  @Override
  public void afterValidate(Learner learn) {
    double[] v = new double[1 + metrics.size()];
    v[0] = validCount == 0 ? Double.NaN : validSum / validCount;
    for (int i = 0; i < metrics.size(); i++) {
      v[i + 1] = validCount == 0 ? Double.NaN : metrics.get(i).value();
    }
    lastValid = v;
  }

  @Override
  public void afterEpoch(Learner learn) {
    double[] row = new double[2 + metrics.size()];
    row[0] = trainLoss;
    for (int i = 1; i < row.length; i++) {
      row[i] = lastValid == null ? Double.NaN : lastValid[i - 1];
    }
    values.add(row);
    times.add((System.nanoTime() - epochStart) / 1e9);
    iters.add(smoothCount);
  }

  /**
   * The last validation result [loss, metrics...] (from a fit or {@link Learner#validate()}), or
   * null.
   */
  double[] lastValid() {
    return lastValid;
  }

  void setHps(Map<Hyper, double[]> value) {
    hps = Collections.unmodifiableMap(new LinkedHashMap<>(value));
  }

  // ---------------------------------------------------------------- what was recorded

  /**
   * The column names of the epoch table: {@code epoch, train_loss, valid_loss, <metrics>, time}.
   */
  public List<String> metricNames() {
    return metricNames;
  }

  /**
   * One row per epoch: {@code [train_loss, valid_loss, metrics...]} (NaN for what was not
   * computed).
   */
  public List<double[]> values() {
    return Collections.unmodifiableList(values);
  }

  /** Seconds per epoch. */
  public List<Double> times() {
    return Collections.unmodifiableList(times);
  }

  /** The learning rate of the last group at each training batch. */
  public List<Double> lrs() {
    return Collections.unmodifiableList(lrs);
  }

  /** The smoothed training loss after each training batch. */
  public List<Double> losses() {
    return Collections.unmodifiableList(losses);
  }

  /** The number of training batches done at the end of each epoch. */
  public List<Integer> iters() {
    return Collections.unmodifiableList(iters);
  }

  /** The scheduled hypers of the last fit, per batch (empty without a schedule). */
  public Map<Hyper, double[]> hps() {
    return hps;
  }

  /**
   * The value of column {@code name} ({@code train_loss}, {@code valid_loss} or a metric) in the
   * last epoch.
   */
  public double lastValue(String name) {
    if (values.isEmpty()) {
      throw new IllegalStateException("no epoch recorded yet");
    }
    return value(values.size() - 1, name);
  }

  /** The value of column {@code name} in epoch {@code epoch}. */
  public double value(int epoch, String name) {
    int idx = metricNames.indexOf(name);
    if (idx < 1 || idx > values.get(epoch).length) {
      throw new IllegalArgumentException(
          "the recorder has no column '"
              + name
              + "'; it has "
              + metricNames.subList(1, Math.max(1, metricNames.size() - 1)));
    }
    return values.get(epoch)[idx - 1];
  }

  /** The epoch table as text, as printed during training. */
  public String table() {
    StringBuilder sb = new StringBuilder(EpochTable.header(metricNames)).append('\n');
    for (int e = 0; e < values.size(); e++) {
      sb.append(EpochTable.row(metricNames, e, values.get(e), times.get(e))).append('\n');
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- plots

  /**
   * Plots the smoothed training loss (skipping 5 batches) and the validation losses to {@code
   * path/loss.png}.
   */
  public Path plotLoss() {
    return plotLoss(base().resolve("loss.png"), 5, true);
  }

  /** Plots the losses to a PNG file. */
  public Path plotLoss(Path png, int skipStart, boolean withValid) {
    return TrainingPlots.loss(png, losses, iters, values, skipStart, withValid);
  }

  /**
   * Plots the scheduled hypers of the last fit (learning rate and momentum) to {@code
   * path/sched.png}.
   */
  public Path plotSched() {
    return plotSched(base().resolve("sched.png"));
  }

  /** Plots the scheduled hypers to a PNG file. */
  public Path plotSched(Path png) {
    if (hps.isEmpty()) {
      throw new IllegalStateException(
          "no schedule recorded: plotSched needs a fit with a schedule (fitOneCycle, "
              + "fitFlatCos, fitSgdr or a ParamScheduler)");
    }
    return TrainingPlots.sched(png, hps);
  }

  /**
   * Plots loss against learning rate (log scale) after {@link Learner#lrFind()} to {@code
   * path/lr_find.png}.
   */
  public Path plotLrFind() {
    return plotLrFind(base().resolve("lr_find.png"), 5, null);
  }

  /**
   * Plots loss against learning rate, skipping the last {@code skipEnd} points, marking the
   * suggestions if given.
   */
  public Path plotLrFind(Path png, int skipEnd, LrFind suggestions) {
    return TrainingPlots.lrFind(png, lrs, losses, skipEnd, suggestions);
  }

  private Path base() {
    return learn == null ? Path.of(".") : learn.path();
  }

  @Override
  public String toString() {
    return "Recorder[" + values.size() + " epochs, " + losses.size() + " batches]";
  }
}
