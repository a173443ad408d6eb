package org.boarfish.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.boarfish.tensor.Tensor;

/**
 * The settings shared by every optimizer's builder; each setter checks its value at once. Each
 * optimizer's {@code Builder} exposes the hyper-parameters it uses ({@code SGD} has no {@code
 * sqrMom} or {@code eps}).
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B>> {
  private final List<List<Tensor>> groups;
  private final double[] lr;
  private final double[] mom;
  private final double[] sqrMom;
  private final double[] eps;
  private final double[] wd;
  boolean decoupleWd = true;
  final Set<Tensor> noWd = Collections.newSetFromMap(new IdentityHashMap<>());
  final Set<Tensor> alwaysTrain = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tensor> all = Collections.newSetFromMap(new IdentityHashMap<>());

  OptimizerBuilder(List<? extends List<Tensor>> groups, Hypers defaults) {
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("an optimizer needs at least one param group, got none");
    }
    this.groups = new ArrayList<>();
    Map<Tensor, String> where = new IdentityHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Tensor> params = groups.get(g);
      if (params == null || params.isEmpty()) {
        throw new IllegalArgumentException(
            "param group " + g + " is empty: every group needs at least one parameter");
      }
      for (int i = 0; i < params.size(); i++) {
        checkParam(params.get(i), "param " + i + " of group " + g, where);
      }
      this.groups.add(List.copyOf(params));
    }
    all.addAll(where.keySet());
    int n = groups.size();
    lr = filled(n, defaults.lr());
    mom = filled(n, defaults.mom());
    sqrMom = filled(n, defaults.sqrMom());
    eps = filled(n, defaults.eps());
    wd = filled(n, defaults.wd());
  }

  private static void checkParam(Tensor p, String name, Map<Tensor, String> where) {
    if (p == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (!p.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          name + " is " + p.dtype() + ": only float32 and float64 tensors can be optimized");
    }
    if (!p.isLeaf()) {
      throw new IllegalArgumentException(
          name
              + " was computed by an op (not a leaf): optimize the parameter tensors "
              + "themselves");
    }
    String before = where.putIfAbsent(p, name);
    if (before != null) {
      throw new IllegalArgumentException(
          name
              + " is the same tensor as "
              + before
              + ": a parameter may appear only once in an optimizer");
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  abstract B self();

  /** Builds the optimizer. */
  public abstract Optimizer build();

  /**
   * The learning rate of every group (must be positive; default 1e-3, fastai's {@code
   * defaults.lr}).
   */
  public B lr(double value) {
    Arrays.fill(lr, Check.positive("lr", value));
    return self();
  }

  /**
   * One learning rate per group, e.g. {@code LrRange.of(1e-5, 1e-3)} (discriminative learning
   * rates).
   */
  public B lr(LrRange values) {
    return spread("lr", values, lr, true);
  }

  /** Weight decay of every group (not negative). */
  public B wd(double value) {
    Arrays.fill(wd, Check.nonNegative("wd", value));
    return self();
  }

  /**
   * Decoupled weight decay {@code p ← p·(1 − lr·wd)} when true (the default), classic L2 {@code g ←
   * g + wd·p} when false.
   */
  public B decoupleWd(boolean value) {
    decoupleWd = value;
    return self();
  }

  /** Parameters never weight-decayed (fastai: biases and normalisation weights). */
  public B noWeightDecay(Collection<Tensor> params) {
    noWd.clear();
    noWd.addAll(owned("noWeightDecay", params));
    return self();
  }

  /**
   * Parameters trained even when their group is frozen (fastai's {@code train_bn} for normalisation
   * layers).
   */
  public B alwaysTrain(Collection<Tensor> params) {
    alwaysTrain.clear();
    alwaysTrain.addAll(owned("alwaysTrain", params));
    return self();
  }

  /** Momentum of every group, in [0, 1). */
  protected B mom(double value) {
    Arrays.fill(mom, Check.unitInterval("mom", value));
    return self();
  }

  /** One momentum per group. */
  protected B mom(LrRange values) {
    return spread("mom", values, mom, false);
  }

  /** Squared-gradient momentum of every group, in [0, 1). */
  protected B sqrMom(double value) {
    Arrays.fill(sqrMom, Check.unitInterval("sqrMom", value));
    return self();
  }

  /** Epsilon of every group (positive). */
  protected B eps(double value) {
    Arrays.fill(eps, Check.positive("eps", value));
    return self();
  }

  private B spread(String name, LrRange values, double[] into, boolean isLr) {
    double[] v = values.values(groups.size());
    for (int g = 0; g < v.length; g++) {
      String what = name + " of group " + g;
      if (isLr) {
        Check.positive(what, v[g]);
      } else {
        Check.unitInterval(what, v[g]);
      }
    }
    System.arraycopy(v, 0, into, 0, v.length);
    return self();
  }

  private Collection<Tensor> owned(String what, Collection<Tensor> params) {
    for (Tensor p : params) {
      if (!all.contains(p)) {
        throw new IllegalArgumentException(
            what
                + ": a "
                + p.dtype()
                + " tensor of shape "
                + Arrays.toString(p.shape())
                + " is not in any param group of this optimizer");
      }
    }
    return params;
  }

  List<ParamGroup> makeGroups() {
    List<ParamGroup> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      out.add(new ParamGroup(groups.get(g), new Hypers(lr[g], mom[g], sqrMom[g], eps[g], wd[g])));
    }
    return List.copyOf(out);
  }
}
