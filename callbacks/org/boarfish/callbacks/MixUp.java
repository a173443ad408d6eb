package org.boarfish.callbacks;

import java.util.List;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code MixUp} (α 0.4): per item {@code λ ~ Beta(α, α)}, kept as {@code max(λ, 1 − λ)} so
 * the original dominates; the batch is mixed with a shuffled copy of itself, {@code x ← λ·x + (1 −
 * λ)·x[perm]}, and the loss (or the targets) likewise. Training only.
 */
public final class MixUp extends MixHandler {
  private final double alpha;
  private float[] lastLam = new float[0];

  /** α 0.4, seeded from {@code Generator.global()}. */
  public MixUp() {
    this(0.4);
  }

  /** A given α, seeded from {@code Generator.global()}. */
  public MixUp(double alpha) {
    this(alpha, Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** A given α and seed. */
  public MixUp(double alpha, long seed) {
    super(new Generator(seed));
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("MixUp: alpha must be positive, got " + alpha);
    }
    this.alpha = alpha;
  }

  @Override
  public void beforeBatch(Learner learn) {
    Tensor x = learn.x();
    int bs = (int) x.size(0);
    float[] l = new float[bs];
    for (int i = 0; i < bs; i++) {
      double v = beta(alpha);
      l[i] = (float) Math.max(v, 1 - v);
    }
    lam = Tensor.of(l, bs);
    lastLam = l;
    Tensor perm = permutation(bs);
    Tensor x1 = x.indexSelect(0, perm);
    yb1 = learn.y() == null ? null : learn.y().indexSelect(0, perm);
    learn.setXb(List.of(lerp(x1, x, lam)));
    if (yb1 != null) {
      mixTargets(learn);
    }
  }

  /** λ per item of the last batch. */
  public float[] lambdas() {
    return lastLam.clone();
  }

  @Override
  public String toString() {
    return "MixUp[alpha " + alpha + "]";
  }
}
