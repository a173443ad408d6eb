package org.boarfish.vision;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Init;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.nn.SigmoidRange;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code DynamicUnet} over an encoder (a Sequential body such as a cut ResNet): hooks
 * store the outputs of the encoder children after which the spatial size changes; the middle is BN
 * → ReLU → two 3×3 ConvLayers (×2 then ÷2 channels); one {@link UnetBlock} per stored size, deepest
 * first; a last {@link PixelShuffleIcnr} when the decoder stops short of the input size; a nearest
 * resize back to the input size; the input concatenated ("last cross"); a residual block; a 1×1
 * conv to {@code nOut}. Optionally a {@link SelfAttention} in the third-from-last block and blurred
 * upsampling ({@link PixelShuffleIcnr}). Output {@code [B, nOut, H, W]} for any input size, odd
 * ones included. Children live under {@code layers} with fastai's indices ({@code layers.0} is the
 * encoder).
 */
public class DynamicUnet extends Module {
  private final Sequential layers;
  private final int nIn;

  /**
   * A U-Net over {@code encoder} taking {@code nIn}-channel images of about {@code imgH × imgW}
   * (the size used to find where the encoder downsamples), with {@code nOut} output channels and
   * fastai's defaults.
   */
  public DynamicUnet(Sequential encoder, int nIn, int nOut, int imgH, int imgW) {
    this(encoder, nIn, nOut, imgH, imgW, VisionOptions.defaults());
  }

  /**
   * As above, with the U-Net settings of {@code o}: {@link VisionOptions#yRange()}, {@link
   * VisionOptions#selfAttention()} (a {@link SelfAttention} layer ending the third-from-last {@link
   * UnetBlock}, where fastai puts it: the second of a ResNet's four), {@link VisionOptions#blur()}
   * and {@link VisionOptions#blurFinal()} (blurred upsampling in every block, or every block but
   * the last).
   */
  public DynamicUnet(Sequential encoder, int nIn, int nOut, int imgH, int imgW, VisionOptions o) {
    this(encoder, nIn, nOut, imgH, imgW, o.yRange(), o.selfAttention(), o.blur(), o.blurFinal());
  }

  private DynamicUnet(
      Sequential encoder,
      int nIn,
      int nOut,
      int imgH,
      int imgW,
      double[] yRange,
      boolean selfAttention,
      boolean blur,
      boolean blurFinal) {
    this.nIn = nIn;
    List<long[]> sizes = new ArrayList<>();
    Tensor x;
    boolean wasTraining = encoder.isTraining();
    encoder.eval();
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      x = Tensor.zeros(1, nIn, imgH, imgW);
      for (Module m : encoder.children()) {
        x = m.call(x);
        sizes.add(x.shape());
      }
    }
    encoder.train(wasTraining);
    List<Integer> idxs = new ArrayList<>();
    for (int i = 0; i < sizes.size() - 1; i++) {
      if (sizes.get(i)[3] != sizes.get(i + 1)[3]) {
        idxs.add(0, i);
      }
    }
    Tensor[] stored = new Tensor[encoder.size()];
    for (int i : idxs) {
      encoder.get(i).registerForwardHook((mod, in, out) -> stored[i] = out);
    }
    layers = register("layers", new Sequential());
    layers.add(encoder);
    int ni = (int) sizes.get(sizes.size() - 1)[1];
    BatchNorm2d bn = new BatchNorm2d(ni);
    Init.constant(bn.bias(), 1e-3);
    layers.add(bn);
    layers.add(new ReLU());
    ConvLayer.Options plain = ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE);
    Sequential middle =
        new Sequential(
            new ConvLayer(ni, ni * 2, 3, 1, plain), new ConvLayer(ni * 2, ni, 3, 1, plain));
    layers.add(middle);
    int c = ni;
    for (int k = 0; k < idxs.size(); k++) {
      int idx = idxs.get(k);
      boolean notFinal = k != idxs.size() - 1;
      int xInC = (int) sizes.get(idx)[1];
      boolean sa = selfAttention && k == idxs.size() - 3;
      boolean doBlur = blur && (notFinal || blurFinal);
      layers.add(new UnetBlock(c, xInC, () -> stored[idx], notFinal, sa, doBlur));
      int cat = c / 2 + xInC;
      c = notFinal ? cat : cat / 2;
    }
    if (sizes.get(0)[2] != imgH || sizes.get(0)[3] != imgW) {
      layers.add(new PixelShuffleIcnr(c, c));
    }
    layers.add(new Marker("ResizeToOrig"));
    layers.add(new Marker("MergeLayer"));
    c += nIn;
    layers.add(new PlainResBlock(c));
    layers.add(
        new ConvLayer(
            c, nOut, 1, 1, ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE).noAct()));
    Heads.applyInit(middle);
    Heads.applyInit(layers.get(-2));
    if (yRange != null) {
      layers.add(new SigmoidRange(yRange[0], yRange[1]));
    }
  }

  /** The encoder (the body the U-Net was built over). */
  public Sequential encoder() {
    return (Sequential) layers.get(0);
  }

  /** The layers after the encoder, in order. */
  public List<Module> decoder() {
    List<Module> all = layers.children();
    return all.subList(1, all.size());
  }

  @Override
  public Tensor forward(Tensor input) {
    if (input.dim() != 4 || input.size(1) != nIn) {
      throw new IllegalArgumentException(
          "DynamicUnet expects [B, "
              + nIn
              + ", H, W] images, got shape "
              + java.util.Arrays.toString(input.shape()));
    }
    Tensor x = input;
    for (Module m : layers.children()) {
      if (m instanceof Marker mk) {
        x =
            mk.label.equals("ResizeToOrig")
                ? resizeNearest(x, input.size(2), input.size(3))
                : Tensor.cat(List.of(x, input), 1);
      } else {
        x = m.call(x);
      }
    }
    return x;
  }

  /** {@code F.interpolate(x, (h, w), mode='nearest')}; returns {@code x} when the size matches. */
  static Tensor resizeNearest(Tensor x, long h, long w) {
    if (x.size(2) == h && x.size(3) == w) {
      return x;
    }
    return x.indexSelect(2, nearestIndex(x.size(2), h)).indexSelect(3, nearestIndex(x.size(3), w));
  }

  private static Tensor nearestIndex(long in, long out) {
    long[] idx = new long[(int) out];
    double scale = (double) in / out;
    for (int i = 0; i < out; i++) {
      idx[i] = Math.min((long) Math.floor(i * scale), in - 1);
    }
    return Tensor.of(idx, out);
  }

  /**
   * fastai's {@code ResizeToOrig} and {@code MergeLayer(dense=True)}: steps that need the input.
   */
  static final class Marker extends Module {
    private final String label;

    Marker(String label) {
      this.label = label;
    }

    @Override
    public String name() {
      return label;
    }
  }

  /**
   * fastai's {@code ResBlock(1, ni, ni, norm_type=None)}: two 3×3 convs with bias, identity path.
   */
  static final class PlainResBlock extends Module {
    private final Sequential convpath;
    private final ReLU act;

    PlainResBlock(int ni) {
      ConvLayer.Options o = ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE);
      convpath =
          register(
              "convpath",
              new Sequential(
                  new ConvLayer(ni, ni, 3, 1, o), new ConvLayer(ni, ni, 3, 1, o.noAct())));
      register("idpath", new Sequential());
      act = register("act", new ReLU());
    }

    @Override
    public Tensor forward(Tensor x) {
      return act.call(convpath.call(x).add(x));
    }
  }
}
