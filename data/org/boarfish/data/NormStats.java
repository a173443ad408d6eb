package org.boarfish.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation for {@link Normalize}. The constants are fastai's {@code
 * imagenet_stats}, {@code cifar_stats} and {@code mnist_stats}.
 */
public record NormStats(double[] mean, double[] std) {
  /** fastai's {@code imagenet_stats}: the statistics pretrained ImageNet models expect. */
  public static final NormStats IMAGENET =
      new NormStats(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

  /** fastai's {@code cifar_stats}. */
  public static final NormStats CIFAR =
      new NormStats(new double[] {0.491, 0.482, 0.447}, new double[] {0.247, 0.243, 0.261});

  /** fastai's {@code mnist_stats} (one channel). */
  public static final NormStats MNIST = new NormStats(new double[] {0.131}, new double[] {0.308});

  /** Checks the vectors: same non-zero length, finite, std positive. */
  public NormStats {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean and std must have the same, non-zero length (one value per channel), got "
              + mean.length
              + " and "
              + std.length);
    }
    for (int i = 0; i < std.length; i++) {
      if (!(std[i] > 0) || !Double.isFinite(std[i]) || !Double.isFinite(mean[i])) {
        throw new IllegalArgumentException(
            "std must be positive and finite and mean finite; channel "
                + i
                + " has mean "
                + mean[i]
                + ", std "
                + std[i]);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** The number of channels. */
  public int channels() {
    return mean.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "NormStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
