package org.boarfish.nn;

import org.boarfish.tensor.Blocked;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * 2-D convolution over NCHW input, as {@code nn.Conv2d}: weight {@code [out, in/groups, kH, kW]},
 * bias {@code [out]}, both U(−1/√fanIn, 1/√fanIn) with fanIn = in/groups·kH·kW (PyTorch's default).
 */
public class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernel;
  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final int groups;

  /** Square kernel, stride 1, no padding, with a bias. */
  public Conv2d(int inChannels, int outChannels, int kernel) {
    this(inChannels, outChannels, kernel, 1, 0);
  }

  /** Square kernel with stride and padding, with a bias. */
  public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
    this(inChannels, outChannels, kernel, stride, padding, 1, 1, true);
  }

  /** Square kernel with stride and padding, with a bias or not. */
  public Conv2d(
      int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
    this(inChannels, outChannels, kernel, stride, padding, 1, 1, bias);
  }

  /** Every option, square. */
  public Conv2d(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int dilation,
      int groups,
      boolean bias) {
    this(
        inChannels,
        outChannels,
        Layers.pair(kernel),
        Layers.pair(stride),
        Layers.pair(padding),
        Layers.pair(dilation),
        groups,
        bias,
        Generator.global());
  }

  /** Every option, as {@code {h, w}} pairs, initialised from {@code gen}. */
  public Conv2d(
      int inChannels,
      int outChannels,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups,
      boolean bias,
      Generator gen) {
    String me = "Conv2d";
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
    this.dilation = Layers.pair(me, "dilation", dilation);
    this.groups = groups;
    for (int i = 0; i < 2; i++) {
      Layers.positive(me, "kernel", this.kernel[i]);
      Layers.positive(me, "stride", this.stride[i]);
      Layers.nonNegative(me, "padding", this.padding[i]);
      Layers.positive(me, "dilation", this.dilation[i]);
    }
    Tensor w = newParam("weight", outChannels, inChannels / groups, this.kernel[0], this.kernel[1]);
    Init.kaimingUniform(w, Math.sqrt(5), Init.Fan.IN, gen);
    if (bias) {
      double bound = 1 / Math.sqrt(Init.fan(w, Init.Fan.IN));
      Init.uniform(newParam("bias", outChannels), -bound, bound, gen);
    }
  }

  /** The weight {@code [out, in/groups, kH, kW]}. */
  public Tensor weight() {
    return param("weight");
  }

  /** The bias {@code [out]}, or null. */
  public Tensor bias() {
    return paramOrNull("bias");
  }

  /** Input channels. */
  public int inChannels() {
    return inChannels;
  }

  /** Output channels. */
  public int outChannels() {
    return outChannels;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.conv2d(x, weight(), bias(), stride, padding, dilation, groups);
  }

  /**
   * Whether {@link #forwardBlocked} may run this conv followed by {@code bn} on {@code x}:
   * inference (eval, no gradient wanted), float32, one group, no hooks on either module, and the
   * norm has running statistics.
   */
  public boolean blockable(Tensor x, BatchNorm bn) {
    return !isTraining()
        && !bn.isTraining()
        && groups == 1
        && !hasHooks()
        && !bn.hasHooks()
        && bn.runningMean() != null
        && Blocked.usable(x, weight(), bias(), bn.weight(), bn.bias());
  }

  /**
   * Eval forward of this conv, {@code bn} and (if {@code relu}) a ReLU, fused, from a plain NCHW
   * input into a blocked map; see {@link Blocked}. Check {@link #blockable} first.
   */
  public Blocked forwardBlocked(Tensor x, BatchNorm bn, boolean relu) {
    Tensor[] ss = bn.evalScaleShift();
    return Blocked.conv(x, weight(), bias(), stride, padding, dilation, ss[0], ss[1], relu);
  }

  /**
   * Eval forward of this conv, {@code bn}, the {@code residual} sum (may be null) and (if {@code
   * relu}) a ReLU, fused, on a blocked map. Check {@link #blockable} first.
   */
  public Blocked forwardBlocked(Blocked x, BatchNorm bn, Blocked residual, boolean relu) {
    Tensor[] ss = bn.evalScaleShift();
    return x.conv(weight(), bias(), stride, padding, dilation, ss[0], ss[1], residual, relu);
  }

  @Override
  protected String extraRepr() {
    return Repr.conv(
        inChannels, outChannels, kernel, stride, padding, dilation, null, groups, bias() != null);
  }
}
