package org.boarfish.learner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.metrics.Metric;
import org.boarfish.nn.BatchNorm;
import org.boarfish.nn.LayerNorm;
import org.boarfish.nn.Loss;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.optim.LrRange;
import org.boarfish.optim.Moms;
import org.boarfish.optim.OneCycle;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code Learner}: a model, its data, a loss, an optimizer and the callbacks of a training
 * loop.
 *
 * <pre>{@code
 * var learn = Learner.builder(dls, model).metrics(Metrics.accuracy()).build();
 * learn.lrFind();                 // prints the suggestion, writes lr_find.png
 * learn.fitOneCycle(3, 1e-2);     // progress bar and epoch table
 * learn.predict(file);            // Prediction[label=7, index=1, probs=...]
 * learn.export(Path.of("model.boarfish"));
 * }</pre>
 *
 * <p>The loop raises fastai's events ({@link Event}) for its {@link Callback}s, which read and may
 * replace the state below ({@link #xb()}, {@link #yb()}, {@link #pred()}, {@link #loss()}, ...).
 * Every batch runs inside its own {@link org.boarfish.tensor.Scope}, so native memory stays flat
 * over a long fit: batch-level tensors ({@code xb}, {@code pred}, {@code loss}) are valid only
 * until the batch ends. Defaults are fastai's: Adam with lr 1e-3 and wd 0.01, no weight decay on
 * biases and normalisation layers, normalisation layers trained even when frozen, moms
 * 0.95/0.85/0.95, the loss suggested by the target block, and the callbacks {@link TrainEval},
 * {@link Recorder} and {@link Progress}.
 */
public final class Learner implements AutoCloseable {
  private final DataLoaders dls;
  private final Module model;
  private Loss lossFunc;
  private final OptimizerFactory optFunc;
  private final ParamSplitter splitter;
  private final List<Metric> metrics;
  private final List<Callback> cbs = new ArrayList<>();
  private List<Callback> sorted = List.of();
  private double lr;
  private final Double wd;
  private final boolean wdBnBias;
  private final boolean trainBn;
  private final Moms moms;
  private final Path path;
  private final String modelDir;
  private final PrintStream out;
  private final ModelRecipe recipe;
  final InferenceSpec spec;
  private Optimizer opt;
  private final Recorder recorder;

  // ---------------------------------------------------------------- loop state
  private List<Tensor> xb = List.of();
  private List<Tensor> yb = List.of();
  private Tensor pred;
  private Tensor loss;
  private Tensor lossGrad;
  private int iter;
  private int nIter;
  private int epoch;
  private int nEpoch;
  private int trainIter;
  private double pctTrain;
  private boolean training;
  private double smoothLoss = Double.NaN;
  private DataLoader dl;
  private boolean lrFinding;
  private boolean fitting;
  private boolean logging = true;
  private String cancelReason = "";

  private Learner(Builder b) {
    this.dls = b.dls;
    this.model = b.model;
    this.lossFunc = b.lossFunc != null ? b.lossFunc : defaultLoss(b.dls);
    this.optFunc = b.optFunc;
    this.splitter = b.splitter;
    this.metrics = List.copyOf(b.metrics);
    this.lr = b.lr;
    this.wd = b.wd;
    this.wdBnBias = b.wdBnBias;
    this.trainBn = b.trainBn;
    this.moms = b.moms;
    this.path = b.path;
    this.modelDir = b.modelDir;
    this.out = b.out;
    this.recipe = b.recipe != null ? b.recipe : ModelRegistry.recipeOf(b.model).orElse(null);
    this.spec = b.spec;
    this.recorder = new Recorder(metrics);
    cbs.add(new TrainEval());
    cbs.add(recorder);
    if (b.progress) {
      cbs.add(new Progress(out));
    }
    cbs.addAll(b.cbs);
    resort();
  }

  /** A builder for a learner training {@code model} on {@code dls}. */
  public static Builder builder(DataLoaders dls, Module model) {
    Objects.requireNonNull(dls, "dls: a learner needs DataLoaders to train on");
    return new Builder(dls, model);
  }

  /** A learner with every default and these metrics. */
  public static Learner of(DataLoaders dls, Module model, Metric... metrics) {
    return builder(dls, model).metrics(metrics).build();
  }

  /**
   * fastai's {@code Learner(dls, model, loss_func, opt_func, metrics, cbs)}; null loss and optFunc
   * mean the defaults.
   */
  public Learner(
      DataLoaders dls,
      Module model,
      Loss lossFunc,
      OptimizerFactory optFunc,
      List<Metric> metrics,
      List<Callback> callbacks) {
    this(
        builder(dls, model)
            .lossFunc(lossFunc)
            .optFunc(optFunc == null ? OptimizerFactory.adam() : optFunc)
            .metrics(metrics.toArray(new Metric[0]))
            .callbacks(callbacks.toArray(new Callback[0])));
  }

  static Loss defaultLoss(DataLoaders dls) {
    LossHint hint = dls == null ? LossHint.NONE : dls.lossHint();
    return switch (hint) {
      case CROSS_ENTROPY -> Losses.crossEntropy();
      case BCE_WITH_LOGITS -> Losses.bceWithLogits();
      case MSE -> Losses.mse();
      case NONE ->
          throw new IllegalArgumentException(
              "the data's target block suggests no loss (LossHint.NONE), so the "
                  + "learner cannot pick one: pass it, e.g. Learner.builder(dls, model).lossFunc(Losses.crossEntropy())");
    };
  }

  // ---------------------------------------------------------------- training

  /** Trains {@code nEpoch} epochs at the learner's learning rate ({@link #lr()}). */
  public void fit(int nEpoch) {
    fitWith(nEpoch, null, List.of());
  }

  /** Trains {@code nEpoch} epochs at a constant learning rate. */
  public void fit(int nEpoch, double lr) {
    fitWith(nEpoch, new double[] {lr}, List.of());
  }

  /** Trains {@code nEpoch} epochs at one constant learning rate per param group. */
  public void fit(int nEpoch, LrRange lrs) {
    fitWith(nEpoch, lrValues(lrs), List.of());
  }

  /** Trains with extra callbacks, present for this fit only. */
  public void fit(int nEpoch, double lr, Callback... extra) {
    fitWith(nEpoch, new double[] {lr}, List.of(extra));
  }

  void fitWith(int nEpoch, double[] lrs, List<Callback> extra) {
    new TrainingLoop(this).fit(nEpoch, lrs, extra);
  }

  /** fastai's {@code fit_one_cycle} with lrMax = {@link #lr()} and the defaults. */
  public void fitOneCycle(int nEpoch) {
    fitOneCycle(nEpoch, lr);
  }

  /**
   * fastai's {@code fit_one_cycle}: lrMax/25 → lrMax → lrMax/1e5 by cosines, moms 0.95 → 0.85 →
   * 0.95.
   */
  public void fitOneCycle(int nEpoch, double lrMax) {
    fitOneCycle(nEpoch, OneCycle.defaults().withLrMax(lrMax).withMoms(moms));
  }

  /** One-cycle with extra callbacks for this fit. */
  public void fitOneCycle(int nEpoch, double lrMax, Callback... extra) {
    FitPolicies.oneCycle(
        this, nEpoch, null, OneCycle.defaults().withLrMax(lrMax).withMoms(moms), List.of(extra));
  }

  /** One-cycle with one peak learning rate per param group, e.g. {@code LrRange.of(1e-5, 1e-3)}. */
  public void fitOneCycle(int nEpoch, LrRange lrMax) {
    fitOneCycle(nEpoch, lrMax, OneCycle.defaults().withMoms(moms));
  }

  /** One-cycle with one peak learning rate per group and extra callbacks for this fit. */
  public void fitOneCycle(int nEpoch, LrRange lrMax, Callback... extra) {
    FitPolicies.oneCycle(this, nEpoch, lrMax, OneCycle.defaults().withMoms(moms), List.of(extra));
  }

  /** One-cycle with every setting of {@code policy} (its lrMax for every group). */
  public void fitOneCycle(int nEpoch, OneCycle policy) {
    FitPolicies.oneCycle(this, nEpoch, null, policy, List.of());
  }

  /**
   * One-cycle with {@code policy}'s settings and one peak learning rate per group (policy's lrMax
   * is not used).
   */
  public void fitOneCycle(int nEpoch, LrRange lrMax, OneCycle policy) {
    FitPolicies.oneCycle(this, nEpoch, lrMax, policy, List.of());
  }

  /**
   * fastai's {@code fit_flat_cos}: the learning rate flat for 75% of the iterations, then a cosine
   * to lr/1e5.
   */
  public void fitFlatCos(int nEpoch, double lr) {
    FitPolicies.flatCos(this, nEpoch, new double[] {lr}, 0.75, 1e5);
  }

  /** {@code fit_flat_cos} with one learning rate per group, a warm fraction and a final divisor. */
  public void fitFlatCos(int nEpoch, LrRange lrs, double pctStart, double divFinal) {
    FitPolicies.flatCos(this, nEpoch, lrValues(lrs), pctStart, divFinal);
  }

  /**
   * fastai's {@code fit_sgdr}: {@code nCycles} cosines from lrMax to 0, cycle i lasting {@code
   * cycleLen·cycleMult^i} epochs.
   */
  public void fitSgdr(int nCycles, int cycleLen, double lrMax, int cycleMult) {
    FitPolicies.sgdr(this, nCycles, cycleLen, lrMax, cycleMult);
  }

  /** {@code fit_sgdr} with cycleMult 2. */
  public void fitSgdr(int nCycles, int cycleLen, double lrMax) {
    fitSgdr(nCycles, cycleLen, lrMax, 2);
  }

  /** fastai's {@code fine_tune(epochs)}: base lr 2e-3, one frozen epoch. */
  public void fineTune(int epochs) {
    fineTune(epochs, 2e-3, 1);
  }

  /** fastai's {@code fine_tune(epochs, base_lr)}. */
  public void fineTune(int epochs, double baseLr) {
    fineTune(epochs, baseLr, 1);
  }

  /**
   * fastai's {@code fine_tune}: {@link #freeze()}, one-cycle over {@code freezeEpochs} with {@code
   * LrRange.upTo(baseLr)} and pctStart 0.99; then baseLr halved, {@link #unfreeze()}, one-cycle
   * over {@code epochs} with {@code LrRange.of(baseLr/100, baseLr)}, pctStart 0.3, div 5. Needs a
   * splitter giving at least two groups.
   */
  public void fineTune(int epochs, double baseLr, int freezeEpochs) {
    FitPolicies.fineTune(this, epochs, baseLr, freezeEpochs);
  }

  /**
   * fastai's {@code lr_find()}: 1e-7 → 10 over 100 iterations; prints the valley suggestion and
   * writes lr_find.png.
   */
  public LrFind lrFind() {
    return lrFind(1e-7, 10, 100);
  }

  /**
   * {@code lr_find} over a range and number of iterations (at least 6); restores the weights
   * afterwards.
   */
  public LrFind lrFind(double startLr, double endLr, int numIt) {
    return LrFinder.run(this, startLr, endLr, numIt, true);
  }

  // ---------------------------------------------------------------- optimizer and freezing

  /** Makes a fresh optimizer from the splitter's groups (forgetting any optimizer state). */
  public Optimizer createOpt() {
    List<List<Tensor>> groups = splitter.split(model);
    if (groups == null || groups.isEmpty()) {
      throw new IllegalStateException(
          "the splitter gave no param groups for "
              + model.name()
              + "; it must return at least one non-empty group");
    }
    Optimizer o = optFunc.create(groups, lr);
    Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    o.groups().forEach(g -> owned.addAll(g.params()));
    List<Tensor> norm = new ArrayList<>();
    List<Tensor> noWd = new ArrayList<>();
    for (Module m : model.modules()) {
      boolean isNorm = m instanceof BatchNorm || m instanceof LayerNorm;
      m.namedParameters()
          .forEach(
              (name, p) -> {
                if (name.contains(".") || !owned.contains(p)) {
                  return;
                }
                if (isNorm) {
                  norm.add(p);
                  noWd.add(p);
                } else if (name.equals("bias")) {
                  noWd.add(p);
                }
              });
    }
    if (!wdBnBias) {
      o.setNoWeightDecay(noWd);
    }
    if (trainBn) {
      o.setAlwaysTrain(norm);
    }
    if (wd != null) {
      o.setWd(wd);
    }
    opt = o;
    return o;
  }

  /** The optimizer, made on first use. */
  public Optimizer opt() {
    if (opt == null) {
      createOpt();
    }
    return opt;
  }

  /** Whether the optimizer was made yet. */
  public boolean hasOpt() {
    return opt != null;
  }

  /**
   * Trains only the last param group (normalisation layers keep training); clears the optimizer
   * state.
   */
  public void freeze() {
    if (opt().groups().size() < 2) {
      throw new IllegalStateException(
          "freeze() needs at least 2 param groups (body and head) but the splitter gave "
              + opt.groups().size()
              + "; build the learner with a splitter, e.g. .splitter(ParamSplitter.byChildren()) for a "
              + "Sequential(body, head)");
    }
    opt.freeze();
    opt.clearState();
  }

  /**
   * Freezes the groups before {@code n} (negative counts from the end); clears the optimizer state.
   */
  public void freezeTo(int n) {
    opt().freezeTo(n);
    opt.clearState();
  }

  /** Trains every group; clears the optimizer state. */
  public void unfreeze() {
    opt().unfreeze();
    opt.clearState();
  }

  double[] lrValues(LrRange r) {
    return r.values(opt().groups().size());
  }

  // ---------------------------------------------------------------- evaluation and prediction

  /** The loss and metrics on the validation loader. */
  public Validation validate() {
    return validate(requireDls("validate").valid());
  }

  /** The loss and metrics on loader {@code dsIdx} (0 train, 1 valid). */
  public Validation validate(int dsIdx) {
    return validate(requireDls("validate").get(dsIdx));
  }

  /** The loss and metrics on a loader. */
  public Validation validate(DataLoader loader) {
    return Inference.validate(this, loader);
  }

  /** Activated predictions and targets on the validation loader. */
  public Preds getPreds() {
    return getPreds(1, false, false);
  }

  /**
   * Predictions on loader {@code dsIdx} (0 train, 1 valid), with the decoded predictions and
   * per-item losses if asked.
   */
  public Preds getPreds(int dsIdx, boolean withDecoded, boolean withLoss) {
    return Inference.getPreds(this, requireDls("getPreds").get(dsIdx), withDecoded, withLoss, true);
  }

  /** Predictions on any loader (in its order, shuffled loaders are read unshuffled). */
  public Preds getPreds(DataLoader loader, boolean withDecoded, boolean withLoss) {
    return Inference.getPreds(this, loader, withDecoded, withLoss, true);
  }

  /**
   * The prediction for one raw item (a file, a row...), through the data's validation transforms.
   */
  public Prediction predict(Object item) {
    return Inference.predict(this, item);
  }

  /**
   * The prediction for a raw item given in parts, e.g. {@code predict(user, item)} for
   * collaborative filtering: the parts reach the data's input encoder as one list.
   */
  public Prediction predict(Object first, Object second, Object... more) {
    List<Object> parts = new ArrayList<>(List.of(first, second));
    parts.addAll(Arrays.asList(more));
    return predict(parts);
  }

  /**
   * fastai's {@code tta()}: 4 augmented passes over the validation set, 25% of the clean prediction
   * mixed in.
   */
  public Preds tta() {
    return tta(1, 4, 0.25);
  }

  /**
   * Test-time augmentation on loader {@code dsIdx}: {@code lerp(mean of n augmented passes, clean
   * pass, beta)}.
   */
  public Preds tta(int dsIdx, int n, double beta) {
    return Inference.tta(this, requireDls("tta").get(dsIdx), n, beta);
  }

  // ---------------------------------------------------------------- files

  /**
   * Writes the model (and the optimizer state) to {@code path/modelDir/name.safetensors},
   * atomically; returns the file.
   */
  public Path save(String name, boolean withOpt) {
    return Checkpoints.save(this, name, withOpt);
  }

  /** {@code save(name, true)}. */
  public Path save(String name) {
    return save(name, true);
  }

  /**
   * Loads {@code path/modelDir/name.safetensors} into the model (and the optimizer state if asked
   * and present).
   */
  public Learner load(String name, boolean withOpt) {
    Checkpoints.load(this, name, withOpt);
    return this;
  }

  /** {@code load(name, true)}. */
  public Learner load(String name) {
    return load(name, true);
  }

  /**
   * Writes one file (a zip) holding the model's recipe and weights and the data pipeline's state,
   * from which {@link #load(Path)} makes a learner that predicts on raw input; atomically. The
   * model must have a recipe ({@link ModelRegistry}).
   */
  public void export(Path file) {
    LearnerExport.write(this, file);
  }

  /**
   * A learner read from {@link #export}: it predicts on what the input getter returns (e.g. a pixel
   * tensor).
   */
  public static Learner load(Path file) {
    return LearnerExport.read(file, null);
  }

  /**
   * A learner read from {@link #export} that runs {@code getX} on each item first, e.g. a file
   * reader.
   */
  public static Learner load(Path file, Function<Object, ?> getX) {
    return LearnerExport.read(file, getX);
  }

  // ---------------------------------------------------------------- callbacks

  /** Adds callbacks for every later fit. */
  public Learner addCbs(Callback... more) {
    for (Callback c : more) {
      cbs.add(Objects.requireNonNull(c, "callback"));
    }
    resort();
    return this;
  }

  /** Removes callbacks. */
  public Learner removeCbs(Callback... these) {
    for (Callback c : these) {
      cbs.remove(c);
    }
    resort();
    return this;
  }

  /** The callbacks in the order they run. */
  public List<Callback> callbacks() {
    return sorted;
  }

  /** The first callback of a type. */
  public <C extends Callback> java.util.Optional<C> callback(Class<C> type) {
    return sorted.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  private void resort() {
    List<Callback> s = new ArrayList<>(cbs);
    s.sort(java.util.Comparator.comparingInt(Callback::order));
    sorted = List.copyOf(s);
  }

  /** Raises {@code e} for every callback that runs now. */
  void event(Event e) {
    for (Callback cb : sorted) {
      if (e.isInner() && !(training ? cb.runTrain() : cb.runValid())) {
        continue;
      }
      if (cb instanceof EventCallback ec) {
        ec.run(e, this);
      } else {
        e.call(cb, this);
      }
    }
  }

  /**
   * Which callbacks run at each event, indented by stage, like fastai's {@code show_training_loop}.
   */
  public String trainingLoop() {
    return LoopDescription.describe(sorted);
  }

  /** Prints {@link #trainingLoop()}. */
  public void showTrainingLoop() {
    out.print(trainingLoop());
  }

  // ---------------------------------------------------------------- state, read and replaced by
  // callbacks

  /** The inputs of the current batch. */
  public List<Tensor> xb() {
    return xb;
  }

  /** The first input of the current batch. */
  public Tensor x() {
    return xb.isEmpty() ? null : xb.get(0);
  }

  /** Replaces the inputs (e.g. MixUp in beforeBatch). */
  public void setXb(List<Tensor> value) {
    xb = List.copyOf(value);
  }

  /** The targets of the current batch (empty for unlabelled data). */
  public List<Tensor> yb() {
    return yb;
  }

  /** The first target of the current batch, or null. */
  public Tensor y() {
    return yb.isEmpty() ? null : yb.get(0);
  }

  /** Replaces the targets. */
  public void setYb(List<Tensor> value) {
    yb = List.copyOf(value);
  }

  /** The model's output for the current batch. */
  public Tensor pred() {
    return pred;
  }

  /** Replaces the output (in afterPred, before the loss is computed). */
  public void setPred(Tensor value) {
    pred = value;
  }

  /** The loss of the current batch (what is recorded); null before the loss or without targets. */
  public Tensor loss() {
    return loss;
  }

  /** Replaces the loss, both the recorded one and the one back-propagated. */
  public void setLoss(Tensor value) {
    loss = value;
    lossGrad = value;
  }

  /** The loss back-propagated (fastai's {@code loss_grad}): usually {@link #loss()}. */
  public Tensor lossGrad() {
    return lossGrad;
  }

  /** Replaces only the loss back-propagated (e.g. scaled by gradient accumulation). */
  public void setLossGrad(Tensor value) {
    lossGrad = value;
  }

  /** The index of the current batch in its epoch. */
  public int iter() {
    return iter;
  }

  /** The number of batches of the current loader. */
  public int nIter() {
    return nIter;
  }

  /** The current epoch (0-based). */
  public int epoch() {
    return epoch;
  }

  /** The epochs of the current fit. */
  public int nEpoch() {
    return nEpoch;
  }

  /** Training batches done in this fit. */
  public int trainIter() {
    return trainIter;
  }

  /** Progress through this fit's training in [0, 1]. */
  public double pctTrain() {
    return pctTrain;
  }

  /** True while training batches run, false during validation. */
  public boolean isTraining() {
    return training;
  }

  /** The smoothed training loss (β 0.98, debiased), NaN before the first batch. */
  public double smoothLoss() {
    return smoothLoss;
  }

  /** The loader being iterated. */
  public DataLoader dl() {
    return dl;
  }

  /** True during {@link #lrFind()}, when trackers such as EarlyStopping or SaveModel stay idle. */
  public boolean isLrFinding() {
    return lrFinding;
  }

  /** True inside a fit (between beforeFit and afterFit). */
  public boolean isFitting() {
    return fitting;
  }

  /** Whether progress and tables are printed (off during lrFind). */
  public boolean isLogging() {
    return logging;
  }

  /** The reason of the last {@link CancelFitException}, or "". */
  public String cancelReason() {
    return cancelReason;
  }

  void setIter(int v) {
    iter = v;
  }

  void setNIter(int v) {
    nIter = v;
  }

  void setEpoch(int v) {
    epoch = v;
  }

  void setNEpoch(int v) {
    nEpoch = v;
  }

  void setTrainIter(int v) {
    trainIter = v;
  }

  void setPctTrain(double v) {
    pctTrain = v;
  }

  void setTraining(boolean v) {
    training = v;
  }

  void setSmoothLoss(double v) {
    smoothLoss = v;
  }

  void setDl(DataLoader v) {
    dl = v;
  }

  void setLrFinding(boolean v) {
    lrFinding = v;
  }

  void setFitting(boolean v) {
    fitting = v;
  }

  void setLogging(boolean v) {
    logging = v;
  }

  void setCancelReason(String v) {
    cancelReason = v;
  }

  void setLossRaw(Tensor l, Tensor grad) {
    loss = l;
    lossGrad = grad;
  }

  void clearBatch() {
    xb = List.of();
    yb = List.of();
    pred = null;
    loss = null;
    lossGrad = null;
  }

  void setOpt(Optimizer o) {
    opt = o;
  }

  Optimizer optOrNull() {
    return opt;
  }

  // ---------------------------------------------------------------- configuration

  /** The data (null for a learner loaded from an export). */
  public DataLoaders dls() {
    return dls;
  }

  DataLoaders requireDls(String what) {
    if (dls == null) {
      throw new IllegalStateException(
          what
              + " needs DataLoaders, and this learner was loaded from an export, which "
              + "holds none; build a Learner with DataLoaders to train or evaluate on a data set");
    }
    return dls;
  }

  /** The model. */
  public Module model() {
    return model;
  }

  /** The loss function. */
  public Loss lossFunc() {
    return lossFunc;
  }

  /** Replaces the loss function (MixUp does so during training). */
  public void setLossFunc(Loss value) {
    lossFunc = Objects.requireNonNull(value, "lossFunc");
  }

  /** The metrics, computed on the validation set each epoch. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** The recorder of losses, learning rates and metrics. */
  public Recorder recorder() {
    return recorder;
  }

  /** The default learning rate (1e-3). */
  public double lr() {
    return lr;
  }

  /** Sets the default learning rate. */
  public void setLr(double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("lr must be a positive number, got " + value);
    }
    lr = value;
  }

  /** The one-cycle momentums (0.95, 0.85, 0.95). */
  public Moms moms() {
    return moms;
  }

  /** The folder files are written under (plots, {@code modelDir}). */
  public Path path() {
    return path;
  }

  /** The folder under {@link #path()} of {@link #save}d models ("models"). */
  public String modelDir() {
    return modelDir;
  }

  /** Where progress and messages go (standard output by default). */
  public PrintStream out() {
    return out;
  }

  /** The model's recipe, if it was built from the {@link ModelRegistry}. */
  public java.util.Optional<ModelRecipe> recipe() {
    return java.util.Optional.ofNullable(recipe);
  }

  /** Closes the DataLoaders (stopping their worker threads). */
  @Override
  public void close() {
    if (dls != null) {
      dls.close();
    }
  }

  @Override
  public String toString() {
    return "Learner["
        + (recipe != null ? recipe.name() : model.name())
        + ", "
        + lossFunc
        + ", "
        + sorted.size()
        + " callbacks"
        + (dls == null ? ", exported" : "")
        + "]";
  }

  // ---------------------------------------------------------------- builder

  /** Settings of a {@link Learner}; every setter checks its value at once. */
  public static final class Builder {
    private final DataLoaders dls;
    private final Module model;
    private Loss lossFunc;
    private OptimizerFactory optFunc = OptimizerFactory.adam();
    private ParamSplitter splitter = ParamSplitter.single();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> cbs = new ArrayList<>();
    private double lr = 1e-3;
    private Double wd;
    private boolean wdBnBias;
    private boolean trainBn = true;
    private Moms moms = Moms.DEFAULT;
    private Path path = Path.of(".");
    private String modelDir = "models";
    private boolean progress = true;
    private PrintStream out = System.out;
    private ModelRecipe recipe;
    private InferenceSpec spec;

    Builder(DataLoaders dls, Module model) {
      this.dls = dls;
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The loss (default: from the target block, see {@link org.boarfish.data.LossHint}). */
    public Builder lossFunc(Loss value) {
      lossFunc = value;
      return this;
    }

    /** The optimizer factory (default {@link OptimizerFactory#adam()}). */
    public Builder optFunc(OptimizerFactory value) {
      optFunc = Objects.requireNonNull(value, "optFunc");
      return this;
    }

    /** How parameters are grouped (default: one group). */
    public Builder splitter(ParamSplitter value) {
      splitter = Objects.requireNonNull(value, "splitter");
      return this;
    }

    /** Metrics computed on the validation set each epoch. */
    public Builder metrics(Metric... values) {
      for (Metric m : values) {
        metrics.add(Objects.requireNonNull(m, "metric"));
      }
      return this;
    }

    /** Callbacks added to the defaults. */
    public Builder callbacks(Callback... values) {
      for (Callback c : values) {
        cbs.add(Objects.requireNonNull(c, "callback"));
      }
      return this;
    }

    /** The default learning rate (1e-3). */
    public Builder lr(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("lr must be a positive number, got " + value);
      }
      lr = value;
      return this;
    }

    /** Weight decay for every group (default: the optimizer's own, 0.01 for Adam). */
    public Builder wd(double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("wd must be a finite number >= 0, got " + value);
      }
      wd = value;
      return this;
    }

    /** Whether biases and normalisation layers get weight decay too (default false). */
    public Builder wdBnBias(boolean value) {
      wdBnBias = value;
      return this;
    }

    /** Whether normalisation layers train even when their group is frozen (default true). */
    public Builder trainBn(boolean value) {
      trainBn = value;
      return this;
    }

    /** The one-cycle momentums (default 0.95/0.85/0.95; text learners use 0.8/0.7/0.8). */
    public Builder moms(Moms value) {
      moms = Objects.requireNonNull(value, "moms");
      return this;
    }

    /** The folder for plots and saved models (default "."). */
    public Builder path(Path value) {
      path = Objects.requireNonNull(value, "path");
      return this;
    }

    /** The folder under path for saved models (default "models"). */
    public Builder modelDir(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "modelDir must be a non-empty folder name, got '" + value + "'");
      }
      modelDir = value;
      return this;
    }

    /** Whether to add the {@link Progress} callback (default true). */
    public Builder progress(boolean value) {
      progress = value;
      return this;
    }

    /** Where progress and messages are printed (default standard output). */
    public Builder out(PrintStream value) {
      out = Objects.requireNonNull(value, "out");
      return this;
    }

    /**
     * The model's recipe for {@link Learner#export} (found by itself for models built by the {@link
     * ModelRegistry}).
     */
    public Builder recipe(ModelRecipe value) {
      recipe = value;
      return this;
    }

    Builder spec(InferenceSpec value) {
      spec = value;
      return this;
    }

    /** The learner. */
    public Learner build() {
      return new Learner(this);
    }
  }

  static Builder exportedBuilder(Module model) {
    return new Builder(null, model);
  }
}
