package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * {@code y = x·Wᵀ + b} over the last dim, as {@code nn.Linear}: weight {@code [out, in]}, bias
 * {@code [out]}, both U(−1/√in, 1/√in) (PyTorch's default, kaiming-uniform with a = √5).
 */
public class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;

  /** A linear layer with a bias. */
  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true);
  }

  /** A linear layer, with a bias or not. */
  public Linear(int inFeatures, int outFeatures, boolean bias) {
    this(inFeatures, outFeatures, bias, Generator.global());
  }

  /** A linear layer initialised from {@code gen}. */
  public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
    Layers.positive("Linear", "inFeatures", inFeatures);
    Layers.positive("Linear", "outFeatures", outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    Init.kaimingUniform(
        newParam("weight", outFeatures, inFeatures), Math.sqrt(5), Init.Fan.IN, gen);
    if (bias) {
      double bound = 1 / Math.sqrt(inFeatures);
      Init.uniform(newParam("bias", outFeatures), -bound, bound, gen);
    }
  }

  /** The weight {@code [out, in]}. */
  public Tensor weight() {
    return param("weight");
  }

  /** The bias {@code [out]}, or null. */
  public Tensor bias() {
    return paramOrNull("bias");
  }

  /** Whether this layer has a bias. */
  public boolean hasBias() {
    return paramOrNull("bias") != null;
  }

  @Override
  public Tensor forward(Tensor x) {
    checkInput(x);
    return F.linear(x, weight(), bias());
  }

  /** {@code relu(forward(x))} as one fused op (used by {@link Sequential}). */
  Tensor forwardRelu(Tensor x) {
    checkInput(x);
    return F.linearRelu(x, weight(), bias());
  }

  private void checkInput(Tensor x) {
    if (x.dim() == 0 || x.size(-1) != inFeatures) {
      throw new IllegalArgumentException(
          "Linear("
              + inFeatures
              + " -> "
              + outFeatures
              + "): input must end in "
              + inFeatures
              + " features, got shape "
              + Repr.dims(x.shape()));
    }
  }

  @Override
  protected String extraRepr() {
    return "in_features="
        + inFeatures
        + ", out_features="
        + outFeatures
        + ", bias="
        + Repr.b(hasBias());
  }
}
