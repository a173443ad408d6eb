package org.boarfish.callbacks;

import java.util.List;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code CutMix} (α 1): one {@code λ ~ Beta(α, α)} per batch; a box of {@code
 * round(W·√(1−λ))} by {@code round(H·√(1−λ))} pixels centred uniformly (clamped to the image) is
 * pasted from a shuffled copy of the batch; then {@code λ = 1 − box area / image area} mixes the
 * loss (or the targets). Inputs {@code [B, C, H, W]}; training only.
 */
public final class CutMix extends MixHandler {
  private final double alpha;
  private int[] lastBox;

  /** α 1, seeded from {@code Generator.global()}. */
  public CutMix() {
    this(1.0);
  }

  /** A given α, seeded from {@code Generator.global()}. */
  public CutMix(double alpha) {
    this(alpha, Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** A given α and seed. */
  public CutMix(double alpha, long seed) {
    super(new Generator(seed));
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("CutMix: alpha must be positive, got " + alpha);
    }
    this.alpha = alpha;
  }

  @Override
  public void beforeBatch(Learner learn) {
    Tensor x = learn.x();
    if (x.dim() != 4) {
      throw new IllegalArgumentException(
          "CutMix needs image batches [B, C, H, W], got shape "
              + java.util.Arrays.toString(x.shape())
              + "; use MixUp for other inputs");
    }
    int bs = (int) x.size(0);
    int h = (int) x.size(2);
    int w = (int) x.size(3);
    double l = beta(alpha);
    double cut = Math.sqrt(1 - l);
    long cw = Math.round(w * cut);
    long ch = Math.round(h * cut);
    long cx = gen.nextLong(0, w);
    long cy = gen.nextLong(0, h);
    int x1 = (int) clamp(cx - cw / 2, w);
    int y1 = (int) clamp(cy - ch / 2, h);
    int x2 = (int) clamp(cx + cw / 2, w);
    int y2 = (int) clamp(cy + ch / 2, h);
    lastBox = new int[] {x1, y1, x2, y2};
    float[] mask = new float[h * w];
    for (int r = y1; r < y2; r++) {
      for (int c = x1; c < x2; c++) {
        mask[r * w + c] = 1;
      }
    }
    Tensor perm = permutation(bs);
    Tensor xs = x.indexSelect(0, perm);
    Tensor m = Tensor.of(mask, 1, 1, h, w).to(x.dtype());
    learn.setXb(List.of(x.add(xs.sub(x).mul(m))));
    double mixed = 1 - (double) (x2 - x1) * (y2 - y1) / ((double) w * h);
    float[] lams = new float[bs];
    java.util.Arrays.fill(lams, (float) mixed);
    lam = Tensor.of(lams, bs);
    yb1 = learn.y() == null ? null : learn.y().indexSelect(0, perm);
    if (yb1 != null) {
      mixTargets(learn);
    }
  }

  private static long clamp(long v, long max) {
    return Math.max(0, Math.min(max, v));
  }

  /** The box {x1, y1, x2, y2} pasted in the last batch. */
  public int[] lastBox() {
    return lastBox.clone();
  }

  @Override
  public String toString() {
    return "CutMix[alpha " + alpha + "]";
  }
}
