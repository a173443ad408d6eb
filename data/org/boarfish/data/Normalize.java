package org.boarfish.data;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * Batch transform (order 99) standardising image batches, like fastai's {@code Normalize}: {@code
 * (x - mean) / std} on {@link TensorImage}s only, with the statistics shaped {@code [1, C, 1, 1]}
 * to broadcast over {@code [B, C, H, W]}. The statistics are given ({@link #fromStats}) or measured
 * at setup from one training batch (mean and unbiased standard deviation over dims 0, 2, 3, plus
 * 1e-7). Decoding reverses it.
 */
public final class Normalize extends Transform<TensorImage, TensorImage> {
  private volatile Tensor mean;
  private volatile Tensor std;

  /** Statistics measured at setup from the first training batch. */
  public Normalize() {
    super(TensorImage.class, TensorImage.class);
  }

  private Normalize(NormStats stats) {
    this();
    int c = stats.channels();
    this.mean = Tensor.of(toFloat(stats.mean()), 1, c, 1, 1).keep();
    this.std = Tensor.of(toFloat(stats.std()), 1, c, 1, 1).keep();
  }

  /** Given per-channel statistics, e.g. {@code Normalize.fromStats(NormStats.IMAGENET)}. */
  public static Normalize fromStats(NormStats stats) {
    return new Normalize(stats);
  }

  /** Given per-channel statistics. */
  public static Normalize fromStats(double[] mean, double[] std) {
    return new Normalize(new NormStats(mean, std));
  }

  /** The statistics in use; {@link IllegalStateException} before setup when none were given. */
  public NormStats stats() {
    if (mean == null) {
      throw new IllegalStateException(
          "Normalize has no statistics yet: set it up on a training batch or use fromStats");
    }
    return new NormStats(mean.toDoubleArray(), std.toDoubleArray());
  }

  @Override
  public void setup(List<?> batches) {
    if (mean != null || batches.isEmpty()) {
      return;
    }
    Object first = firstHandled(batches.subList(0, 1));
    if (first == null) {
      return;
    }
    Tensor x = floats(((TensorImage) first).tensor());
    if (x.dim() != 4) {
      throw new IllegalStateException(
          "Normalize measures statistics over a batch [B, C, H, W] but got shape "
              + java.util.Arrays.toString(x.shape())
              + "; use it as a batch transform");
    }
    int[] axes = {0, 2, 3};
    mean = x.mean(axes, true).keep();
    std = x.std(axes, true, true).add(1e-7).keep();
  }

  @Override
  public TensorImage encode(TensorImage x) {
    if (mean == null) {
      throw new IllegalStateException(
          "Normalize has no statistics yet: set it up (DataLoader does) or use fromStats");
    }
    return x.withTensor(floats(x.tensor()).sub(mean).div(std));
  }

  @Override
  public TensorImage decode(TensorImage y) {
    if (mean == null) {
      return y;
    }
    return y.withTensor(y.tensor().mul(std).add(mean));
  }

  private static Tensor floats(Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "Normalize got an image tensor of "
              + t.dtype()
              + "; convert pixels to floats "
              + "first with IntToFloatTensor (order 10, before Normalize's 99), which DataBlock adds for image blocks");
    }
    return t;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Override
  public int order() {
    return 99;
  }

  @Override
  public String name() {
    return mean == null ? "Normalize" : "Normalize(mean=" + fmt(mean) + ", std=" + fmt(std) + ")";
  }

  private static String fmt(Tensor t) {
    StringBuilder sb = new StringBuilder("[");
    double[] v = t.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", v[i]));
    }
    return sb.append(']').toString();
  }
}
