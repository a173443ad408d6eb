package org.boarfish.learner;

import org.boarfish.optim.Hypers;
import org.boarfish.optim.Optimizer;
import org.boarfish.optim.ParamGroup;

/** A hyper-parameter a {@link ParamScheduler} can schedule, with fastai's names. */
public enum Hyper {
  /** Learning rate. */
  LR,
  /** Momentum (Adam's β1). */
  MOM,
  /** Squared-gradient momentum (Adam's β2). */
  SQR_MOM,
  /** Epsilon. */
  EPS,
  /** Weight decay. */
  WD;

  /** This hyper of a group's hypers. */
  public double get(Hypers h) {
    return switch (this) {
      case LR -> h.lr();
      case MOM -> h.mom();
      case SQR_MOM -> h.sqrMom();
      case EPS -> h.eps();
      case WD -> h.wd();
    };
  }

  /** A copy of {@code h} with this hyper set to {@code v}. */
  public Hypers with(Hypers h, double v) {
    return switch (this) {
      case LR -> h.withLr(v);
      case MOM -> h.withMom(v);
      case SQR_MOM -> h.withSqrMom(v);
      case EPS -> h.withEps(v);
      case WD -> h.withWd(v);
    };
  }

  /** Sets this hyper of every group: {@code values} has one value, or one per group. */
  public void set(Optimizer opt, double... values) {
    var groups = opt.groups();
    if (values.length != 1 && values.length != groups.size()) {
      throw new IllegalArgumentException(
          this
              + ": got "
              + values.length
              + " values for "
              + groups.size()
              + " param groups; give one value, or one per group");
    }
    for (int i = 0; i < groups.size(); i++) {
      ParamGroup g = groups.get(i);
      g.setHypers(with(g.hypers(), values[values.length == 1 ? 0 : i]));
    }
  }

  /** The name fastai uses ({@code lr}, {@code mom}, {@code sqr_mom}, {@code eps}, {@code wd}). */
  public String fastaiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
