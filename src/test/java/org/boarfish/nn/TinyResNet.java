package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** A torchvision-shaped miniature ResNet (one BasicBlock with a downsample) for naming tests. */
final class TinyResNet extends Module {
  static final class BasicBlock extends Module {
    final Conv2d conv1;
    final BatchNorm2d bn1;
    final ReLU relu;
    final Conv2d conv2;
    final BatchNorm2d bn2;
    final Sequential downsample;

    BasicBlock(int ni, int nf, int stride) {
      conv1 = register("conv1", new Conv2d(ni, nf, 3, stride, 1, false));
      bn1 = register("bn1", new BatchNorm2d(nf));
      relu = register("relu", new ReLU());
      conv2 = register("conv2", new Conv2d(nf, nf, 3, 1, 1, false));
      bn2 = register("bn2", new BatchNorm2d(nf));
      downsample =
          stride != 1 || ni != nf
              ? register(
                  "downsample",
                  new Sequential(new Conv2d(ni, nf, 1, stride, 0, false), new BatchNorm2d(nf)))
              : null;
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor idt = downsample == null ? x : downsample.call(x);
      Tensor out = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(x)))));
      return relu.call(out.add(idt));
    }
  }

  final Conv2d conv1 = register("conv1", new Conv2d(1, 4, 3, 1, 1, false));
  final BatchNorm2d bn1 = register("bn1", new BatchNorm2d(4));
  final ReLU relu = register("relu", new ReLU());
  final Sequential layer1 = register("layer1", new Sequential(new BasicBlock(4, 8, 2)));
  final AdaptiveAvgPool2d avgpool = register("avgpool", new AdaptiveAvgPool2d(1));
  final Linear fc = register("fc", new Linear(8, 3));

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = layer1.call(relu.call(bn1.call(conv1.call(x))));
    return fc.call(avgpool.call(h).flatten(1, -1));
  }
}
