package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * Transposed 2-D convolution, as {@code nn.ConvTranspose2d}: weight {@code [in, out/groups, kH,
 * kW]}, bias {@code [out]}, both U(−1/√fan, 1/√fan) with fan = out/groups·kH·kW (PyTorch computes
 * the fan from dim 1).
 */
public class ConvTranspose2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernel;
  private final int[] stride;
  private final int[] padding;
  private final int[] outputPadding;
  private final int[] dilation;
  private final int groups;

  /** Square kernel, stride 1, no padding, with a bias. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernel) {
    this(inChannels, outChannels, kernel, 1, 0);
  }

  /** Square kernel with stride and padding, with a bias. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
    this(inChannels, outChannels, kernel, stride, padding, 0, 1, true, 1);
  }

  /** Every option, square, in PyTorch's argument order. */
  public ConvTranspose2d(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int outputPadding,
      int groups,
      boolean bias,
      int dilation) {
    this(
        inChannels,
        outChannels,
        Layers.pair(kernel),
        Layers.pair(stride),
        Layers.pair(padding),
        Layers.pair(outputPadding),
        groups,
        bias,
        Layers.pair(dilation),
        Generator.global());
  }

  /** Every option as {@code {h, w}} pairs, initialised from {@code gen}. */
  public ConvTranspose2d(
      int inChannels,
      int outChannels,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] outputPadding,
      int groups,
      boolean bias,
      int[] dilation,
      Generator gen) {
    String me = "ConvTranspose2d";
    Layers.positive(me, "inChannels", inChannels);
    Layers.positive(me, "outChannels", outChannels);
    Layers.positive(me, "groups", groups);
    if (inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException(
          me
              + ": inChannels ("
              + inChannels
              + ") and outChannels ("
              + outChannels
              + ") must both be divisible by groups ("
              + groups
              + ")");
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = Layers.pair(me, "kernel", kernel);
    this.stride = Layers.pair(me, "stride", stride);
    this.padding = Layers.pair(me, "padding", padding);
    this.outputPadding = Layers.pair(me, "outputPadding", outputPadding);
    this.dilation = Layers.pair(me, "dilation", dilation);
    this.groups = groups;
    Tensor w = newParam("weight", inChannels, outChannels / groups, this.kernel[0], this.kernel[1]);
    Init.kaimingUniform(w, Math.sqrt(5), Init.Fan.IN, gen);
    if (bias) {
      double bound = 1 / Math.sqrt(Init.fan(w, Init.Fan.IN));
      Init.uniform(newParam("bias", outChannels), -bound, bound, gen);
    }
  }

  /** The weight {@code [in, out/groups, kH, kW]}. */
  public Tensor weight() {
    return param("weight");
  }

  /** The bias {@code [out]}, or null. */
  public Tensor bias() {
    return paramOrNull("bias");
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.convTranspose2d(x, weight(), bias(), stride, padding, outputPadding, groups, dilation);
  }

  @Override
  protected String extraRepr() {
    return Repr.conv(
        inChannels,
        outChannels,
        kernel,
        stride,
        padding,
        dilation,
        outputPadding,
        groups,
        bias() != null);
  }
}
