package org.boarfish.vision;

import java.util.Arrays;
import java.util.Objects;
import org.boarfish.nn.Loss;

/**
 * The settings of {@link Vision#learner} and {@link Vision#unetLearner} besides the data, the
 * architecture and the metrics, with fastai's defaults. Immutable: each setter returns a checked
 * copy, each getter of the same name reads a value.
 *
 * <pre>{@code
 * var opts = VisionOptions.defaults().pretrained(Pretrained.NONE).ps(0.25).linFtrs(256);
 * }</pre>
 *
 * <p>The settings: {@code pretrained} starts the body from ImageNet weights (default {@link
 * Pretrained#IMAGENET}, as fastai; the body is then frozen); {@code nOut} the number of outputs, or
 * 0 for {@code dls.c()}; {@code nIn} the input channels (3); {@code linFtrs} the hidden sizes of
 * the head ({512}); {@code ps} the head's dropout (one value p expands to p/2 for the hidden layers
 * and p for the last); {@code concatPool} max and average pooling concatenated (true); {@code
 * firstBn} batch norm before the first Linear of the head (true); {@code bnFinal} batch norm after
 * the last Linear (false); {@code linFirst} Linear before batch norm and dropout in each head block
 * (false); {@code yRange} a sigmoid range for the output (none); {@code normalize} ImageNet
 * normalisation of the data when pretrained (true); {@code lossFunc} the loss (the data's default).
 * U-Net only ({@link Vision#unetLearner}), as fastai's {@code DynamicUnet}: {@code selfAttention} a
 * {@link SelfAttention} layer in the third-from-last block (false); {@code blur} a blur after each
 * upsampling pixel shuffle, against checkerboard artefacts (false); {@code blurFinal} whether the
 * last block blurs too when {@code blur} is on (true).
 */
public final class VisionOptions implements Cloneable {
  private Pretrained pretrained = Pretrained.IMAGENET;
  private int nOut = 0;
  private int nIn = 3;
  private int[] linFtrs = {512};
  private double[] ps = {0.5};
  private boolean concatPool = true;
  private boolean firstBn = true;
  private boolean bnFinal = false;
  private boolean linFirst = false;
  private double[] yRange = null;
  private boolean normalize = true;
  private Loss lossFunc = null;
  private boolean selfAttention = false;
  private boolean blur = false;
  private boolean blurFinal = true;

  private VisionOptions() {}

  /** fastai's defaults: pretrained, head [512] with ps 0.5, concat pooling, first BN. */
  public static VisionOptions defaults() {
    return new VisionOptions();
  }

  private VisionOptions copy() {
    try {
      return (VisionOptions) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  /** A copy with {@code pretrained} ({@link Pretrained#NONE} for a body from scratch). */
  public VisionOptions pretrained(Pretrained v) {
    VisionOptions c = copy();
    c.pretrained = Objects.requireNonNull(v, "pretrained (use Pretrained.NONE for none)");
    return c;
  }

  /** A copy with {@code nOut} outputs (0: {@code dls.c()}). */
  public VisionOptions nOut(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("nOut must be positive (or 0 for dls.c()), got " + v);
    }
    VisionOptions c = copy();
    c.nOut = v;
    return c;
  }

  /** A copy with {@code nIn} input channels. */
  public VisionOptions nIn(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("nIn must be positive, got " + v);
    }
    VisionOptions c = copy();
    c.nIn = v;
    return c;
  }

  /** A copy with these hidden head sizes. */
  public VisionOptions linFtrs(int... v) {
    for (int f : v) {
      if (f < 1) {
        throw new IllegalArgumentException(
            "linFtrs must be positive sizes, got " + Arrays.toString(v));
      }
    }
    VisionOptions c = copy();
    c.linFtrs = v.clone();
    return c.checkPs();
  }

  /** A copy with these dropout probabilities: one value, or one per head layer. */
  public VisionOptions ps(double... v) {
    for (double p : v) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("ps must be in [0, 1), got " + Arrays.toString(v));
      }
    }
    VisionOptions c = copy();
    c.ps = v.clone();
    return c.checkPs();
  }

  private VisionOptions checkPs() {
    if (ps.length != 1 && ps.length != linFtrs.length + 1) {
      throw new IllegalArgumentException(
          "ps needs 1 value or one per head layer ("
              + (linFtrs.length + 1)
              + "), got "
              + Arrays.toString(ps));
    }
    return this;
  }

  /** A copy with concat pooling on or off. */
  public VisionOptions concatPool(boolean v) {
    VisionOptions c = copy();
    c.concatPool = v;
    return c;
  }

  /** A copy with the first head BN on or off. */
  public VisionOptions firstBn(boolean v) {
    VisionOptions c = copy();
    c.firstBn = v;
    return c;
  }

  /** A copy with the final BN on or off. */
  public VisionOptions bnFinal(boolean v) {
    VisionOptions c = copy();
    c.bnFinal = v;
    return c;
  }

  /** A copy with Linear-first head blocks on or off. */
  public VisionOptions linFirst(boolean v) {
    VisionOptions c = copy();
    c.linFirst = v;
    return c;
  }

  /** A copy with a sigmoid output range {@code (low, high)}. */
  public VisionOptions yRange(double low, double high) {
    if (!(low < high)) {
      throw new IllegalArgumentException(
          "yRange must be {low, high} with low < high, got " + low + ", " + high);
    }
    VisionOptions c = copy();
    c.yRange = new double[] {low, high};
    return c;
  }

  /** A copy with ImageNet normalisation of pretrained models on or off. */
  public VisionOptions normalize(boolean v) {
    VisionOptions c = copy();
    c.normalize = v;
    return c;
  }

  /** A copy with this loss (null: the data's default). */
  public VisionOptions lossFunc(Loss v) {
    VisionOptions c = copy();
    c.lossFunc = v;
    return c;
  }

  /** A copy with a U-Net self-attention layer on or off. */
  public VisionOptions selfAttention(boolean v) {
    VisionOptions c = copy();
    c.selfAttention = v;
    return c;
  }

  /** A copy with the U-Net's upsampling blur on or off. */
  public VisionOptions blur(boolean v) {
    VisionOptions c = copy();
    c.blur = v;
    return c;
  }

  /** A copy where the U-Net's last block blurs too (when {@link #blur()} is on), or not. */
  public VisionOptions blurFinal(boolean v) {
    VisionOptions c = copy();
    c.blurFinal = v;
    return c;
  }

  /** Whether the body starts from pretrained weights. */
  public Pretrained pretrained() {
    return pretrained;
  }

  /** The number of outputs, or 0 for {@code dls.c()}. */
  public int nOut() {
    return nOut;
  }

  /** The input channels. */
  public int nIn() {
    return nIn;
  }

  /** The hidden sizes of the head. */
  public int[] linFtrs() {
    return linFtrs.clone();
  }

  /** The head's dropout as given. */
  public double[] ps() {
    return ps.clone();
  }

  /** Whether the head concatenates max and average pooling. */
  public boolean concatPool() {
    return concatPool;
  }

  /** Whether the head starts with a batch norm. */
  public boolean firstBn() {
    return firstBn;
  }

  /** Whether the head ends with a batch norm. */
  public boolean bnFinal() {
    return bnFinal;
  }

  /** Whether each head block puts its Linear first. */
  public boolean linFirst() {
    return linFirst;
  }

  /** The sigmoid output range {@code {low, high}}, or null. */
  public double[] yRange() {
    return yRange == null ? null : yRange.clone();
  }

  /** Whether pretrained models get ImageNet normalisation of the data. */
  public boolean normalize() {
    return normalize;
  }

  /** The loss, or null for the data's default. */
  public Loss lossFunc() {
    return lossFunc;
  }

  /** Whether the U-Net has a self-attention layer. */
  public boolean selfAttention() {
    return selfAttention;
  }

  /** Whether the U-Net blurs after each upsampling. */
  public boolean blur() {
    return blur;
  }

  /** Whether the U-Net's last block blurs too when {@link #blur()} is on. */
  public boolean blurFinal() {
    return blurFinal;
  }

  /** The dropout of each head layer: p/2 for the hidden ones and p for the last, as fastai. */
  double[] expandedPs() {
    if (ps.length > 1) {
      return ps.clone();
    }
    double[] out = new double[linFtrs.length + 1];
    Arrays.fill(out, ps[0] / 2);
    out[out.length - 1] = ps[0];
    return out;
  }

  @Override
  public String toString() {
    return "VisionOptions[pretrained="
        + pretrained
        + ", nOut="
        + nOut
        + ", nIn="
        + nIn
        + ", linFtrs="
        + Arrays.toString(linFtrs)
        + ", ps="
        + Arrays.toString(ps)
        + ", concatPool="
        + concatPool
        + ", firstBn="
        + firstBn
        + ", bnFinal="
        + bnFinal
        + ", linFirst="
        + linFirst
        + ", yRange="
        + Arrays.toString(yRange)
        + ", normalize="
        + normalize
        + ", lossFunc="
        + lossFunc
        + ", selfAttention="
        + selfAttention
        + ", blur="
        + blur
        + ", blurFinal="
        + blurFinal
        + "]";
  }
}
