package org.boarfish.vision;

import org.boarfish.data.RandTransform;
import org.boarfish.data.TensorImage;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * The lighting half of {@link AugTransforms} (fastai's merged {@code Brightness} and {@code
 * Contrast}, order 40, training only), in logit space: {@code x <- sigmoid((logit(x) + logit(b)) *
 * c)} per image, with {@code b ~ U(0.5(1 - max), 0.5(1 + max))} and {@code log c ~ U(log(1 - max),
 * -log(1 - max))}, each applied with probability {@code p} (else 0.5 and 1, the neutral values).
 * Works on float image batches in [0, 1], before {@code Normalize}.
 */
public final class Lighting extends RandTransform<TensorImage, TensorImage, Long> {
  private final double maxLighting;
  private final double p;
  private final boolean batch;

  Lighting(double maxLighting, double p, boolean batch) {
    super(TensorImage.class, TensorImage.class, 1.0);
    if (!(maxLighting >= 0 && maxLighting < 1)) {
      throw new IllegalArgumentException("maxLighting must be in [0, 1), got " + maxLighting);
    }
    this.maxLighting = maxLighting;
    this.p = p;
    this.batch = batch;
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  protected Long draw(Generator rng, org.boarfish.data.Split split) {
    return rng.nextLong(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  protected TensorImage encode(TensorImage x, Long seed) {
    Tensor t = x.tensor();
    if (t.dim() != 4) {
      throw new IllegalArgumentException(
          "Lighting works on image batches [B, C, H, W], got shape "
              + java.util.Arrays.toString(t.shape()));
    }
    float[] v = t.to(DType.FLOAT32).toFloatArray();
    int b = (int) t.size(0);
    int per = v.length / b;
    Generator g = new Generator(seed);
    double logLo = Math.log(1 - maxLighting);
    double add = 0;
    double mul = 1;
    for (int n = 0; n < b; n++) {
      if (n == 0 || !batch) {
        double ub = g.nextDouble();
        double bright = 0.5 * (1 - maxLighting) + g.nextDouble() * maxLighting;
        double uc = g.nextDouble();
        double contrast = Math.exp(logLo + g.nextDouble() * (-2 * logLo));
        add = ub < p ? logit(bright) : 0;
        mul = uc < p ? contrast : 1;
      }
      if (add == 0 && mul == 1) {
        continue;
      }
      // sigmoid((logit(x) + add) * mul) = 1 / (1 + ((1 - x) / x)^mul * exp(-add * mul)), with x
      // clamped as logit clamps it; without contrast the power is the identity
      double k = Math.exp(-add * mul);
      for (int i = n * per; i < (n + 1) * per; i++) {
        double c = Math.min(1 - 1e-7, Math.max(1e-7, v[i]));
        double r = (1 - c) / c;
        v[i] = (float) (1 / (1 + (mul == 1 ? r : Math.pow(r, mul)) * k));
      }
    }
    return x.withTensor(Tensor.of(v, t.shape()));
  }

  private static double logit(double x) {
    double c = Math.min(1 - 1e-7, Math.max(1e-7, x));
    return Math.log(c / (1 - c));
  }

  @Override
  public String name() {
    return "Lighting(max=" + maxLighting + ", p=" + p + ")";
  }
}
