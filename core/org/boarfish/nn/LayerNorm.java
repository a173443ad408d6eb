package org.boarfish.nn;

import java.util.Arrays;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/**
 * Layer normalisation over the trailing dims, as {@code nn.LayerNorm}: weight (ones) and bias
 * (zeros) of the normalised shape when elementwise-affine; eps 1e-5.
 */
public class LayerNorm extends Module {
  private final long[] normalizedShape;
  private final double eps;
  private final boolean elementwiseAffine;

  /** Normalises over the trailing dims {@code normalizedShape}, eps 1e-5, with weight and bias. */
  public LayerNorm(long... normalizedShape) {
    this(normalizedShape, 1e-5, true);
  }

  /** Every option. */
  public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
    if (normalizedShape.length == 0) {
      throw new IllegalArgumentException(
          "LayerNorm: give the normalised shape, e.g. new LayerNorm(512)");
    }
    for (long d : normalizedShape) {
      Layers.positive("LayerNorm", "normalizedShape", d);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
    }
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    if (elementwiseAffine) {
      Init.ones(newParam("weight", normalizedShape));
      newParam("bias", normalizedShape);
    }
  }

  /** The scale, or null. */
  public Tensor weight() {
    return paramOrNull("weight");
  }

  /** The shift, or null. */
  public Tensor bias() {
    return paramOrNull("bias");
  }

  @Override
  public Tensor forward(Tensor x) {
    long[] s = x.shape();
    int k = normalizedShape.length;
    if (s.length < k
        || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape)) {
      throw new IllegalArgumentException(
          "LayerNorm"
              + Repr.dims(normalizedShape)
              + ": input shape "
              + Repr.dims(s)
              + " must end in "
              + Repr.dims(normalizedShape));
    }
    return F.layerNorm(x, normalizedShape, weight(), bias(), eps);
  }

  @Override
  protected String extraRepr() {
    return Repr.tuple(normalizedShape)
        + ", eps="
        + Repr.f(eps)
        + ", elementwise_affine="
        + Repr.b(elementwiseAffine);
  }
}
