package org.boarfish.callbacks;

import java.util.List;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.nn.LabelSmoothingCrossEntropy;
import org.boarfish.nn.Loss;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code MixHandler}, the common part of {@link MixUp} and {@link CutMix} (training only).
 * With a loss on class indices (cross-entropy, label smoothing) the targets are not mixed: during
 * training the learner's loss is replaced by {@code lerp(loss(pred, yShuffled), loss(pred, y), λ)}
 * per item, reduced as the original loss; other targets are mixed like the inputs. The original
 * loss is restored after training.
 */
public abstract class MixHandler implements Callback {
  /** The random source. */
  protected final Generator gen;

  private Loss oldLoss;
  private boolean stackY;

  /** The shuffled targets of the current batch. */
  protected Tensor yb1;

  /** λ per item ({@code [bs]}) of the current batch. */
  protected Tensor lam;

  /** Draws from {@code gen}. */
  protected MixHandler(Generator gen) {
    this.gen = gen;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  /** Whether targets are class indices (the loss is mixed instead of the targets). */
  protected boolean stackY() {
    return stackY;
  }

  @Override
  public void beforeTrain(Learner learn) {
    Loss lf = learn.lossFunc();
    stackY = lf instanceof CrossEntropyLossFlat || lf instanceof LabelSmoothingCrossEntropy;
    if (stackY) {
      oldLoss = lf;
      learn.setLossFunc(new MixedLoss(learn, lf));
    }
  }

  @Override
  public void afterTrain(Learner learn) {
    restore(learn);
  }

  @Override
  public void afterCancelTrain(Learner learn) {
    restore(learn);
  }

  @Override
  public void afterCancelFit(Learner learn) {
    restore(learn);
  }

  private void restore(Learner learn) {
    if (oldLoss != null) {
      learn.setLossFunc(oldLoss);
      oldLoss = null;
    }
  }

  /** A random permutation of {@code 0..n-1} as an int64 tensor. */
  protected Tensor permutation(int n) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = (int) gen.nextLong(0, i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return Tensor.of(p, n);
  }

  /**
   * {@code a + w·(b − a)} with {@code w} ({@code [bs]}) broadcast over the trailing dims of {@code
   * a}.
   */
  protected static Tensor lerp(Tensor a, Tensor b, Tensor w) {
    long[] shape = new long[a.dim()];
    java.util.Arrays.fill(shape, 1);
    shape[0] = a.size(0);
    Tensor wb = w.to(a.dtype()).reshape(shape);
    return a.add(b.sub(a).mul(wb));
  }

  /** Mixes the targets when they are not class indices. */
  protected void mixTargets(Learner learn) {
    if (!stackY) {
      Tensor y = learn.y();
      Tensor yf = y.dtype().isFloatingPoint() ? y : y.to(org.boarfish.tensor.DType.FLOAT32);
      Tensor y1 = yb1.dtype().isFloatingPoint() ? yb1 : yb1.to(org.boarfish.tensor.DType.FLOAT32);
      learn.setYb(List.of(lerp(y1, yf, lam)));
    }
  }

  /** A sample of Beta(α, α) via two Gamma samples (Marsaglia–Tsang). */
  protected double beta(double alpha) {
    double x = gamma(alpha);
    double y = gamma(alpha);
    return x + y == 0 ? 0.5 : x / (x + y);
  }

  private double gamma(double a) {
    if (a < 1) {
      double u = gen.nextDouble();
      return gamma(a + 1) * Math.pow(u, 1 / a);
    }
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gen.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = gen.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * The loss used while training: the per-item losses of both targets, mixed by λ, then reduced.
   */
  private final class MixedLoss implements Loss {
    private final Learner learn;
    private final Loss base;

    MixedLoss(Learner learn, Loss base) {
      this.learn = learn;
      this.base = base;
    }

    @Override
    public Tensor apply(Tensor pred, Tensor target) {
      if (!learn.isTraining() || yb1 == null) {
        return base.apply(pred, target);
      }
      Loss none = base.withReduction(Reduction.NONE);
      Tensor mixed = lerp(none.apply(pred, yb1), none.apply(pred, target), lam);
      return base.reduction() == Reduction.SUM
          ? mixed.sum()
          : base.reduction() == Reduction.NONE ? mixed : mixed.mean();
    }

    @Override
    public Tensor activation(Tensor pred) {
      return base.activation(pred);
    }

    @Override
    public Tensor decode(Tensor activated) {
      return base.decode(activated);
    }

    @Override
    public Reduction reduction() {
      return base.reduction();
    }

    @Override
    public Loss withReduction(Reduction reduction) {
      return base.withReduction(reduction);
    }

    @Override
    public String toString() {
      return "Mixed(" + base + ")";
    }
  }
}
