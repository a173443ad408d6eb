package org.boarfish.vision;

import java.util.List;
import java.util.function.Supplier;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Init;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code UnetBlock}: upsamples the incoming features ×2 with {@link PixelShuffleIcnr} (to
 * half their channels), resizes them (nearest) to the stored skip connection if the sizes differ,
 * concatenates them with the batch-normed skip, ReLU, then two 3×3 {@link ConvLayer}s (conv with
 * bias + ReLU, no norm), kaiming-normal initialised. With self-attention, a {@link SelfAttention}
 * follows the second conv's ReLU (fastai's {@code xtra}, child {@code conv2.2}).
 */
public class UnetBlock extends Module {
  private final Supplier<Tensor> skip;
  private final PixelShuffleIcnr shuf;
  private final BatchNorm2d bn;
  private final ConvLayer conv1;
  private final ConvLayer conv2;
  private final ReLU relu;

  /**
   * From {@code upInC} channels, joined with a skip of {@code xInC} channels read from {@code
   * skip}; the output has {@code upInC/2 + xInC} channels, halved unless {@code finalDiv} is false.
   */
  public UnetBlock(int upInC, int xInC, Supplier<Tensor> skip, boolean finalDiv) {
    this(upInC, xInC, skip, finalDiv, false, false);
  }

  /**
   * As above, with a {@link SelfAttention} after the second conv when {@code selfAttention}, and a
   * blurred upsampling when {@code blur}.
   */
  public UnetBlock(
      int upInC,
      int xInC,
      Supplier<Tensor> skip,
      boolean finalDiv,
      boolean selfAttention,
      boolean blur) {
    this.skip = skip;
    shuf = register("shuf", new PixelShuffleIcnr(upInC, upInC / 2, blur));
    bn = register("bn", new BatchNorm2d(xInC));
    Init.constant(bn.bias(), 1e-3);
    int ni = upInC / 2 + xInC;
    int nf = finalDiv ? ni : ni / 2;
    ConvLayer.Options o = ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE);
    conv1 = register("conv1", new ConvLayer(ni, nf, 3, 1, o));
    conv2 = register("conv2", new ConvLayer(nf, nf, 3, 1, o));
    if (selfAttention) {
      conv2.add(new SelfAttention(nf));
    }
    relu = register("relu", new ReLU());
    Heads.applyInit(new Sequential(conv1, conv2));
  }

  @Override
  public Tensor forward(Tensor upIn) {
    Tensor s = skip.get();
    Tensor up = shuf.call(upIn);
    up = DynamicUnet.resizeNearest(up, s.size(2), s.size(3));
    return conv2.call(conv1.call(relu.call(Tensor.cat(List.of(up, bn.call(s)), 1))));
  }
}
