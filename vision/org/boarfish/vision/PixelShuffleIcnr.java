package org.boarfish.vision;

import org.boarfish.nn.AvgPool2d;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Init;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReplicationPad2d;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code PixelShuffle_ICNR} (without norm): a 1×1 {@link ConvLayer} (conv with a zero
 * bias, ReLU) from {@code ni} to {@code nf·4} channels, then a ×2 pixel shuffle, optionally a blur
 * (replication pad of one pixel left and top, then a 2×2 average pool with stride 1, which keeps
 * the size and smooths the checkerboard a pixel shuffle can leave). The conv weight has ICNR init:
 * the 4 output channels that one pixel-shuffle output channel is made of share one kaiming-normal
 * kernel, so the layer starts as nearest-neighbour upsampling.
 */
public class PixelShuffleIcnr extends Sequential {
  /** Upsampling ×2 from {@code ni} to {@code nf} channels, without blur. */
  public PixelShuffleIcnr(int ni, int nf) {
    this(ni, nf, false);
  }

  /** Upsampling ×2 from {@code ni} to {@code nf} channels, blurred if {@code blur}. */
  public PixelShuffleIcnr(int ni, int nf, boolean blur) {
    ConvLayer conv =
        new ConvLayer(
            ni,
            nf * 4,
            1,
            1,
            ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE).withBiasStd(0));
    icnr(conv.conv().weight(), 2);
    add(conv);
    add(new PixelShuffle(2));
    if (blur) {
      add(new ReplicationPad2d(1, 0, 1, 0));
      add(new AvgPool2d(2, 1, 0));
    }
  }

  /** ICNR init of a conv weight {@code [out, in, kh, kw]} for a pixel shuffle of {@code scale}. */
  static void icnr(Tensor w, int scale) {
    long[] s = w.shape();
    int group = scale * scale;
    Tensor k = Tensor.zeros(s[0] / group, s[1], s[2], s[3]);
    Init.kaimingNormal(k, 0, Init.Fan.IN, Generator.global());
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor rep = k.unsqueeze(1).expand(s[0] / group, group, s[1], s[2], s[3]).reshape(s);
      w.data().assign(rep.data());
    }
  }

  /** {@code nn.PixelShuffle(r)}: {@code [B, C·r², H, W] → [B, C, H·r, W·r]}. */
  public static final class PixelShuffle extends Module {
    private final int r;

    /** Shuffle by {@code r}. */
    public PixelShuffle(int r) {
      this.r = r;
    }

    @Override
    public Tensor forward(Tensor x) {
      long[] s = x.shape();
      long c = s[1] / (r * r);
      return x.reshape(s[0], c, r, r, s[2], s[3])
          .permute(0, 1, 4, 2, 5, 3)
          .reshape(s[0], c, s[2] * r, s[3] * r);
    }

    @Override
    protected String extraRepr() {
      return "upscale_factor=" + r;
    }
  }
}
