package org.boarfish.nn;

import java.util.Objects;
import java.util.function.Supplier;
import org.boarfish.tensor.Generator;

/**
 * fastai's {@code ConvLayer}: a sequence conv → batch norm → activation (children {@code 0}, {@code
 * 1}, {@code 2}; act before norm when {@code bnFirst} is false).
 *
 * <p>Defaults as fastai: kernel 3, stride 1, padding {@code (ks−1)/2}, a bias only when there is no
 * norm, ReLU. The conv weight is initialised from the activation: kaiming-uniform (a = 0, fan-in)
 * for ReLU and LeakyReLU, xavier-uniform for Sigmoid and Tanh, PyTorch's default otherwise (and
 * with no activation); a bias is drawn from N(0, 0.01). The norm is fastai's BatchNorm: weight 1 (0
 * with {@link Options#zeroBn()}), bias 1e-3.
 *
 * <pre>{@code
 * new ConvLayer(3, 32, 3, 2)                                          // conv s2 → BN → ReLU
 * new ConvLayer(64, 64, 3, 1, ConvLayer.Options.defaults().zeroBn().noAct())  // last conv of a ResBlock
 * }</pre>
 */
public class ConvLayer extends Sequential {

  /** The normalisation after the conv. */
  public enum Norm {
    /** BatchNorm2d with weight 1, bias 1e-3. */
    BATCH,
    /**
     * BatchNorm2d with weight 0, bias 1e-3: the branch starts as zero (last layer of a residual
     * path).
     */
    BATCH_ZERO,
    /** No norm (the conv then gets a bias by default). */
    NONE
  }

  /**
   * The less common settings of a ConvLayer.
   *
   * @param padding null for {@code (ks−1)/2}
   * @param bias null for "only without a norm"
   * @param act makes the activation, null for none
   * @param biasStd std of the normal bias init (0 for zeros)
   */
  public record Options(
      Integer padding,
      Boolean bias,
      Norm norm,
      Supplier<? extends Module> act,
      boolean bnFirst,
      int groups,
      int dilation,
      double biasStd) {

    public Options {
      Objects.requireNonNull(norm, "norm (use Norm.NONE for none)");
      if (padding != null) {
        Layers.nonNegative("ConvLayer", "padding", padding);
      }
      Layers.positive("ConvLayer", "groups", groups);
      Layers.positive("ConvLayer", "dilation", dilation);
      if (biasStd < 0) {
        throw new IllegalArgumentException(
            "ConvLayer: biasStd must not be negative, got " + biasStd);
      }
    }

    /**
     * fastai's defaults: auto padding and bias, batch norm first, ReLU, groups 1, dilation 1, bias
     * std 0.01.
     */
    public static Options defaults() {
      return new Options(null, null, Norm.BATCH, ReLU::new, true, 1, 1, 0.01);
    }

    public Options withPadding(int padding) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    public Options withBias(boolean bias) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    public Options withNorm(Norm norm) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    /** The norm's weight starts at 0 ({@link Norm#BATCH_ZERO}). */
    public Options zeroBn() {
      return withNorm(Norm.BATCH_ZERO);
    }

    /** The activation made by {@code act} (e.g. {@code LeakyReLU::new}); null for none. */
    public Options withAct(Supplier<? extends Module> act) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    /** No activation. */
    public Options noAct() {
      return withAct(null);
    }

    /** Norm before the activation (true, the default) or after it. */
    public Options withBnFirst(boolean bnFirst) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    public Options withGroups(int groups) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    public Options withDilation(int dilation) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }

    public Options withBiasStd(double biasStd) {
      return new Options(padding, bias, norm, act, bnFirst, groups, dilation, biasStd);
    }
  }

  /** 3×3, stride 1. */
  public ConvLayer(int ni, int nf) {
    this(ni, nf, 3, 1);
  }

  /** A square kernel, stride 1. */
  public ConvLayer(int ni, int nf, int ks) {
    this(ni, nf, ks, 1);
  }

  /** A square kernel and stride, default options. */
  public ConvLayer(int ni, int nf, int ks, int stride) {
    this(ni, nf, ks, stride, Options.defaults());
  }

  /** A square kernel, stride and options. */
  public ConvLayer(int ni, int nf, int ks, int stride, Options o) {
    this(ni, nf, ks, stride, o, Generator.global());
  }

  /** As above, initialised from {@code gen}. */
  public ConvLayer(int ni, int nf, int ks, int stride, Options o, Generator gen) {
    boolean bn = o.norm() != Norm.NONE;
    boolean bias = o.bias() != null ? o.bias() : !bn;
    int padding = o.padding() != null ? o.padding() : (ks - 1) / 2;
    Conv2d conv =
        new Conv2d(
            ni,
            nf,
            Layers.pair(ks),
            Layers.pair(stride),
            Layers.pair(padding),
            Layers.pair(o.dilation()),
            o.groups(),
            bias,
            gen);
    Module act = o.act() == null ? null : o.act().get();
    if (conv.bias() != null) {
      if (o.biasStd() != 0) {
        Init.normal(conv.bias(), 0, o.biasStd(), gen);
      } else {
        Init.zeros(conv.bias());
      }
    }
    if (act instanceof ReLU || act instanceof LeakyReLU) {
      Init.kaimingUniform(conv.weight(), 0, Init.Fan.IN, gen);
    } else if (act instanceof Sigmoid || act instanceof Tanh) {
      Init.xavierUniform(conv.weight(), 1, gen);
    }
    add(conv);
    BatchNorm2d norm =
        bn ? BatchNorm.fastai(new BatchNorm2d(nf), o.norm() == Norm.BATCH_ZERO) : null;
    Module first = o.bnFirst() ? norm : act;
    Module second = o.bnFirst() ? act : norm;
    if (first != null) {
      add(first);
    }
    if (second != null) {
      add(second);
    }
  }

  /** The convolution. */
  public Conv2d conv() {
    return (Conv2d) get(0);
  }

  /** The batch norm, or null. */
  public BatchNorm2d bn() {
    for (Module m : children()) {
      if (m instanceof BatchNorm2d b) {
        return b;
      }
    }
    return null;
  }
}
