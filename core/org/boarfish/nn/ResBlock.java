package org.boarfish.nn;

import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's xresnet {@code ResBlock}: {@code act(convpath(x) + idpath(x))}.
 *
 * <p>With {@code ni' = ni·expansion} and {@code nf' = nf·expansion}: for expansion 1 the conv path
 * is two 3×3 ConvLayers (ni' → nf with the stride, then nf → nf'); for expansion 4 it is 1×1 (ni' →
 * nf), 3×3 with the stride (nf → nf), 1×1 (nf → nf'). The last ConvLayer has no activation and a
 * zero-initialised batch norm, so the block starts as the identity path. The identity path is an
 * AvgPool2d(stride, ceil mode) when the stride is not 1 (ResNet-D), then a 1×1 ConvLayer without
 * activation when ni' ≠ nf'. Children {@code convpath}, {@code idpath}, {@code act}, as in fastai.
 */
public class ResBlock extends Module {
  private final Sequential convpath;
  private final Sequential idpath;
  private final Module act;

  /** Stride 1. */
  public ResBlock(int expansion, int ni, int nf) {
    this(expansion, ni, nf, 1);
  }

  /** fastai's defaults: batch norm, ReLU. */
  public ResBlock(int expansion, int ni, int nf, int stride) {
    this(expansion, ni, nf, stride, Generator.global());
  }

  /** As above, initialised from {@code gen}. */
  public ResBlock(int expansion, int ni, int nf, int stride, Generator gen) {
    Layers.positive("ResBlock", "expansion", expansion);
    Layers.positive("ResBlock", "stride", stride);
    int nhIn = ni * expansion;
    int nhOut = nf * expansion;
    ConvLayer.Options k0 = ConvLayer.Options.defaults();
    ConvLayer.Options k1 = ConvLayer.Options.defaults().zeroBn().noAct();
    convpath =
        register(
            "convpath",
            expansion == 1
                ? new Sequential(
                    new ConvLayer(nhIn, nf, 3, stride, k0, gen),
                    new ConvLayer(nf, nhOut, 3, 1, k1, gen))
                : new Sequential(
                    new ConvLayer(nhIn, nf, 1, 1, k0, gen),
                    new ConvLayer(nf, nf, 3, stride, k0, gen),
                    new ConvLayer(nf, nhOut, 1, 1, k1, gen)));
    idpath = register("idpath", new Sequential());
    if (stride != 1) {
      idpath.add(new AvgPool2d(stride, stride, 0, true, true));
    }
    if (nhIn != nhOut) {
      idpath.add(new ConvLayer(nhIn, nhOut, 1, 1, ConvLayer.Options.defaults().noAct(), gen));
    }
    act = register("act", new ReLU());
  }

  @Override
  public Tensor forward(Tensor x) {
    return act.call(convpath.call(x).add(idpath.call(x)));
  }
}
