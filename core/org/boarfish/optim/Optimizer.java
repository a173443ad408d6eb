package org.boarfish.optim;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fastai's optimizer: parameter groups with their own {@link Hypers}, state kept per parameter, and
 * a {@link #step()} that updates every parameter with a gradient in place.
 *
 * <pre>{@code
 * var opt = Adam.of(model.parameters()).lr(1e-3).build();   // fastai defaults: AdamW, wd 0.01
 * try (var scope = Scope.open()) {
 *   loss(model).backward();
 *   opt.step();
 *   opt.zeroGrad();
 * }
 * }</pre>
 *
 * <p>Weight decay is decoupled by default ({@code p ← p·(1 − lr·wd)} before the gradient
 * statistics); an optimizer built with {@code decoupleWd(false)} adds {@code wd·p} to the gradient
 * instead (classic L2). Parameters flagged {@link #setNoWeightDecay no weight decay} (fastai gives
 * biases and normalisation weights none) are never decayed. {@link #freezeTo(int)} freezes the
 * groups before an index: their parameters stop requiring grad and are skipped by {@code step()},
 * except those flagged {@link #setAlwaysTrain always train} (fastai's {@code train_bn}).
 * Hyper-parameters can be set for all groups at once or spread over them with an {@link LrRange}.
 * {@link #stateDict()} and {@link #loadStateDict(Map)} save and restore everything exactly.
 *
 * <p>State buffers are made on the first step, outside any {@link org.boarfish.tensor.Scope}; a
 * step allocates no native memory afterwards (a parameter that is a non-contiguous view is updated
 * through a temporary copy).
 */
public abstract sealed class Optimizer permits SGD, RMSProp, Adam, Lamb {
  private final List<ParamGroup> groups;
  private final boolean decoupleWd;
  private final List<String> bufferNames;
  private final Set<Tensor> noWd = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tensor> alwaysTrain = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tensor, ParamState> state = new IdentityHashMap<>();

  Optimizer(OptimizerBuilder<?> b, List<String> bufferNames) {
    this.groups = b.makeGroups();
    this.decoupleWd = b.decoupleWd;
    this.bufferNames = List.copyOf(bufferNames);
    noWd.addAll(b.noWd);
    alwaysTrain.addAll(b.alwaysTrain);
  }

  /** Updates {@code p} (dense, same type as {@code g}) from its gradient, state and hypers. */
  abstract void update(INDArray p, INDArray g, ParamState s, Hypers h, double decay, double l2);

  /** One parameter's update of a step: dense parameter, gradient of the same type. */
  record Update(INDArray p, INDArray g, ParamState s, Hypers h, double decay, double l2) {}

  /**
   * Updates several parameters of one step; the default runs {@link #update} on each in turn, an
   * optimizer may spread them over threads.
   */
  void updateAll(List<Update> updates) {
    for (Update u : updates) {
      update(u.p(), u.g(), u.s(), u.h(), u.decay(), u.l2());
    }
  }

  private final List<Update> pending = new java.util.ArrayList<>();

  // ---------------------------------------------------------------- stepping

  /**
   * One update of every parameter that has a gradient and is not frozen (or is flagged
   * always-train). Gradients are read, not cleared: call {@link #zeroGrad()} after.
   */
  public void step() {
    pending.clear();
    for (ParamGroup group : groups) {
      Hypers h = group.hypers();
      for (Tensor p : group.params()) {
        if (group.isFrozen() && !alwaysTrain.contains(p)) {
          continue;
        }
        Tensor grad = p.grad();
        if (grad == null || p.numel() == 0) {
          continue;
        }
        double wd = noWd.contains(p) ? 0 : h.wd();
        ParamState s = state.computeIfAbsent(p, k -> new ParamState(bufferNames.size()));
        s.step++;
        double decay = decoupleWd ? 1 - h.lr() * wd : 1;
        double l2 = decoupleWd ? 0 : wd;
        INDArray pd = p.data();
        INDArray gd = grad.data();
        if (Buffers.isDense(pd) && gd.dataType() == pd.dataType() && Buffers.isDense(gd)) {
          pending.add(new Update(pd, gd, s, h, decay, l2));
        } else {
          apply(pd, gd, s, h, decay, l2);
        }
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    try {
      updateAll(pending);
      for (Update u : pending) {
        written(u.p(), u.s());
      }
    } finally {
      pending.clear();
    }
  }

  private void apply(INDArray p, INDArray g, ParamState s, Hypers h, double decay, double l2) {
    INDArray work = Buffers.isDense(p) ? p : p.dup('c');
    INDArray gw = g.dataType() == p.dataType() ? g : g.castTo(p.dataType());
    if (!Buffers.isDense(gw)) {
      gw = gw.dup('c');
    }
    update(work, gw, s, h, decay, l2);
    written(work, s);
    if (work != p) {
      p.assign(work);
    }
  }

  private static void written(INDArray p, ParamState s) {
    Buffers.written(p);
    for (INDArray b : s.buffers) {
      if (b != null) {
        Buffers.written(b);
      }
    }
  }

  /**
   * Sets every parameter's gradient to zero, in place (the memory is kept for the next backward).
   */
  public void zeroGrad() {
    for (ParamGroup group : groups) {
      for (Tensor p : group.params()) {
        p.zeroGrad();
      }
    }
  }

  /** Forgets all per-parameter state (momentum buffers, step counts); hypers and flags stay. */
  public void clearState() {
    state.clear();
  }

  // ---------------------------------------------------------------- groups and hypers

  /** The parameter groups, in order (immutable list; each group's hypers can be changed). */
  public List<ParamGroup> groups() {
    return groups;
  }

  /** The hypers of one group. */
  public Hypers hypers(int group) {
    return groups.get(group).hypers();
  }

  /** The learning rate of the last group (the one fastai records). */
  public double lr() {
    return groups.get(groups.size() - 1).hypers().lr();
  }

  /** True unless built with {@code decoupleWd(false)}. */
  public boolean decoupleWd() {
    return decoupleWd;
  }

  /** The same learning rate for every group. */
  public void setLr(double lr) {
    setAll(fill(lr), Hypers::withLr);
  }

  /** One learning rate per group, e.g. {@code LrRange.of(1e-5, 1e-3)}. */
  public void setLr(LrRange lrs) {
    setAll(lrs.values(groups.size()), Hypers::withLr);
  }

  /** The same momentum for every group. */
  public void setMom(double mom) {
    setAll(fill(mom), Hypers::withMom);
  }

  /** One momentum per group. */
  public void setMom(LrRange moms) {
    setAll(moms.values(groups.size()), Hypers::withMom);
  }

  /** The same squared-gradient momentum for every group. */
  public void setSqrMom(double sqrMom) {
    setAll(fill(sqrMom), Hypers::withSqrMom);
  }

  /** The same epsilon for every group. */
  public void setEps(double eps) {
    setAll(fill(eps), Hypers::withEps);
  }

  /** The same weight decay for every group. */
  public void setWd(double wd) {
    setAll(fill(wd), Hypers::withWd);
  }

  /** One weight decay per group. */
  public void setWd(LrRange wds) {
    setAll(wds.values(groups.size()), Hypers::withWd);
  }

  private double[] fill(double v) {
    double[] a = new double[groups.size()];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** Validates all new hypers before changing any group. */
  private void setAll(double[] values, BiFunction<Hypers, Double, Hypers> with) {
    Hypers[] next = new Hypers[groups.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = with.apply(groups.get(i).hypers(), values[i]);
    }
    for (int i = 0; i < next.length; i++) {
      groups.get(i).setHypers(next[i]);
    }
  }

  // ---------------------------------------------------------------- per-parameter flags

  /**
   * Marks these parameters as never weight-decayed (fastai: biases and normalisation layers);
   * others are.
   */
  public void setNoWeightDecay(Collection<Tensor> params) {
    checkOwned("setNoWeightDecay", params);
    noWd.clear();
    noWd.addAll(params);
  }

  /**
   * Marks these parameters as trained even in a frozen group (fastai's {@code train_bn}); others
   * are not.
   */
  public void setAlwaysTrain(Collection<Tensor> params) {
    checkOwned("setAlwaysTrain", params);
    alwaysTrain.clear();
    alwaysTrain.addAll(params);
    applyFreeze();
  }

  /** Whether weight decay applies to this parameter. */
  public boolean hasWeightDecay(Tensor p) {
    return !noWd.contains(p);
  }

  /** Whether this parameter is trained even when its group is frozen. */
  public boolean isAlwaysTrain(Tensor p) {
    return alwaysTrain.contains(p);
  }

  private void checkOwned(String what, Collection<Tensor> params) {
    Set<Tensor> mine = Collections.newSetFromMap(new IdentityHashMap<>());
    groups.forEach(g -> mine.addAll(g.params()));
    for (Tensor p : params) {
      if (!mine.contains(p)) {
        throw new IllegalArgumentException(
            what
                + ": "
                + p.dtype()
                + " tensor of shape "
                + java.util.Arrays.toString(p.shape())
                + " is not a parameter of this optimizer");
      }
    }
  }

  // ---------------------------------------------------------------- freezing

  /** Freezes every group but the last (fastai's {@code freeze}); needs at least two groups. */
  public void freeze() {
    if (groups.size() < 2) {
      throw new IllegalStateException(
          "freeze() needs at least 2 param groups (body and head), this optimizer has "
              + groups.size()
              + "; build it with groups, e.g. Adam.ofGroups(List.of(body, head))");
    }
    freezeTo(-1);
  }

  /**
   * Freezes the groups before index {@code n} and unfreezes the rest; a negative {@code n} counts
   * from the end.
   */
  public void freezeTo(int n) {
    int size = groups.size();
    int idx = n >= 0 ? n : size + n;
    if (idx < 0 || idx > size) {
      throw new IllegalArgumentException(
          "freezeTo("
              + n
              + "): this optimizer has "
              + size
              + " param groups, so n must be in ["
              + -size
              + ", "
              + size
              + "]");
    }
    for (int i = 0; i < size; i++) {
      groups.get(i).setFrozen(i < idx);
    }
    applyFreeze();
  }

  /** Makes every group trainable (fastai's {@code unfreeze}). */
  public void unfreeze() {
    freezeTo(0);
  }

  /** Frozen parameters stop requiring grad (so backward skips them), others require it. */
  private void applyFreeze() {
    for (ParamGroup g : groups) {
      for (Tensor p : g.params()) {
        p.requiresGrad(!g.isFrozen() || alwaysTrain.contains(p));
      }
    }
  }

  // ---------------------------------------------------------------- state

  /**
   * A copy of the hypers and the per-parameter state, as tensors that outlive any scope: {@code
   * group.G.lr}, {@code group.G.mom}, {@code group.G.sqr_mom}, {@code group.G.eps}, {@code
   * group.G.wd} (0-d float64), and for each parameter that has state {@code state.G.I.step} (0-d
   * int64) and {@code state.G.I.<buffer>} (buffer names as in fastai: {@code grad_avg}, {@code
   * sqr_avg}), where G is the group index and I the parameter's index in it.
   */
  public Map<String, Tensor> stateDict() {
    return OptimizerState.save(groups, state, bufferNames);
  }

  /**
   * Restores hypers and state saved by {@link #stateDict()} of an optimizer of the same kind over
   * parameters of the same shapes, exactly; checks everything before changing anything.
   */
  public void loadStateDict(Map<String, Tensor> dict) {
    Map<Tensor, ParamState> loaded =
        OptimizerState.load(dict, groups, bufferNames, getClass().getSimpleName());
    state.clear();
    state.putAll(loaded);
  }

  /** The names of this optimizer's per-parameter buffers, in fastai's terms. */
  public List<String> bufferNames() {
    return bufferNames;
  }

  @Override
  public String toString() {
    int nParams = 0;
    int frozen = 0;
    for (ParamGroup g : groups) {
      nParams += g.params().size();
      frozen += g.isFrozen() ? 1 : 0;
    }
    Hypers h = groups.get(groups.size() - 1).hypers();
    return getClass().getSimpleName()
        + "["
        + groups.size()
        + (groups.size() == 1 ? " group, " : " groups, ")
        + nParams
        + " params, lr="
        + h.lr()
        + ", wd="
        + h.wd()
        + (decoupleWd ? " decoupled" : " L2")
        + (frozen > 0 ? ", " + frozen + " frozen" : "")
        + "]";
  }
}
