package org.boarfish.vision;

import java.util.Arrays;
import org.boarfish.nn.Loss;

/**
 * The settings of {@link Vision#learner} and {@link Vision#unetLearner} besides the data, the
 * architecture and the metrics, with fastai's defaults. Immutable; each {@code with} returns a copy
 * and checks its value.
 *
 * <pre>{@code
 * var opts = VisionOptions.defaults().pretrained(Pretrained.NONE).ps(0.25).linFtrs(256);
 * }</pre>
 *
 * @param pretrained start the body from ImageNet weights (default {@link Pretrained#IMAGENET}, as
 *     fastai); the body is then frozen
 * @param nOut the number of outputs, or 0 for {@code dls.c()}
 * @param nIn the input channels (default 3)
 * @param linFtrs the hidden sizes of the head (default {512})
 * @param ps the head's dropout: one value p expands to p/2 for the hidden layers and p for the last
 * @param concatPool concatenate max and average pooling (default true)
 * @param firstBn batch norm before the first Linear of the head (default true)
 * @param bnFinal batch norm after the last Linear (default false)
 * @param linFirst Linear before batch norm and dropout in each head block (default false)
 * @param yRange a {@code {low, high}} sigmoid range for the output, or null
 * @param normalize add ImageNet normalisation to the data when pretrained (default true)
 * @param lossFunc the loss, or null for the data's default
 * @param selfAttention ({@link Vision#unetLearner} only) a {@link SelfAttention} layer in the
 *     third-from-last U-Net block, as fastai's {@code self_attention} (default false)
 */
public record VisionOptions(
    Pretrained pretrained,
    int nOut,
    int nIn,
    int[] linFtrs,
    double[] ps,
    boolean concatPool,
    boolean firstBn,
    boolean bnFinal,
    boolean linFirst,
    double[] yRange,
    boolean normalize,
    Loss lossFunc,
    boolean selfAttention) {

  /** Checks the values. */
  public VisionOptions {
    java.util.Objects.requireNonNull(pretrained, "pretrained (use Pretrained.NONE for none)");
    if (nOut < 0) {
      throw new IllegalArgumentException("nOut must be positive (or 0 for dls.c()), got " + nOut);
    }
    if (nIn < 1) {
      throw new IllegalArgumentException("nIn must be positive, got " + nIn);
    }
    for (int f : linFtrs) {
      if (f < 1) {
        throw new IllegalArgumentException(
            "linFtrs must be positive sizes, got " + Arrays.toString(linFtrs));
      }
    }
    if (ps.length != 1 && ps.length != linFtrs.length + 1) {
      throw new IllegalArgumentException(
          "ps needs 1 value or one per head layer ("
              + (linFtrs.length + 1)
              + "), got "
              + Arrays.toString(ps));
    }
    for (double p : ps) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("ps must be in [0, 1), got " + Arrays.toString(ps));
      }
    }
    if (yRange != null && (yRange.length != 2 || !(yRange[0] < yRange[1]))) {
      throw new IllegalArgumentException(
          "yRange must be {low, high} with low < high, got " + Arrays.toString(yRange));
    }
    linFtrs = linFtrs.clone();
    ps = ps.clone();
    yRange = yRange == null ? null : yRange.clone();
  }

  /** fastai's defaults: pretrained, head [512] with ps 0.5, concat pooling, first BN. */
  public static VisionOptions defaults() {
    return new VisionOptions(
        Pretrained.IMAGENET,
        0,
        3,
        new int[] {512},
        new double[] {0.5},
        true,
        true,
        false,
        false,
        null,
        true,
        null,
        false);
  }

  /** A copy with {@code pretrained}. */
  public VisionOptions pretrained(Pretrained v) {
    return new VisionOptions(
        v,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with {@code nOut} outputs. */
  public VisionOptions nOut(int v) {
    return new VisionOptions(
        pretrained,
        v,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with {@code nIn} input channels. */
  public VisionOptions nIn(int v) {
    return new VisionOptions(
        pretrained,
        nOut,
        v,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with these hidden head sizes. */
  public VisionOptions linFtrs(int... v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        v,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with these dropout probabilities. */
  public VisionOptions ps(double... v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        v,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with concat pooling on or off. */
  public VisionOptions concatPool(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        v,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with the first head BN on or off. */
  public VisionOptions firstBn(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        v,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with the final BN on or off. */
  public VisionOptions bnFinal(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        v,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with Linear-first head blocks on or off. */
  public VisionOptions linFirst(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        v,
        yRange,
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with a sigmoid output range. */
  public VisionOptions yRange(double low, double high) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        new double[] {low, high},
        normalize,
        lossFunc,
        selfAttention);
  }

  /** A copy with ImageNet normalisation of pretrained models on or off. */
  public VisionOptions normalize(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        v,
        lossFunc,
        selfAttention);
  }

  /** A copy with this loss. */
  public VisionOptions lossFunc(Loss v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        v,
        selfAttention);
  }

  /** A copy with a U-Net self-attention layer on or off. */
  public VisionOptions selfAttention(boolean v) {
    return new VisionOptions(
        pretrained,
        nOut,
        nIn,
        linFtrs,
        ps,
        concatPool,
        firstBn,
        bnFinal,
        linFirst,
        yRange,
        normalize,
        lossFunc,
        v);
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
}
