package org.boarfish.vision;

import org.boarfish.nn.AdaptiveAvgPool2d;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Sequential;

/**
 * Vision model factories: torchvision's ResNets (exact module structure and state-dict keys, so
 * torchvision checkpoints load), fastai's XResNets and {@code simple_cnn}.
 *
 * <pre>{@code
 * var net = Models.resnet18(10);                       // random init, 10 classes
 * var imagenet = Models.resnet34(Pretrained.IMAGENET); // torchvision's weights, 1000 classes
 * var x = Models.xresnet50(37);                         // fastai's ResNet-D variant
 * }</pre>
 */
public final class Models {
  private Models() {}

  /** torchvision {@code resnet18(num_classes=numClasses)}: 11,181,642 parameters for 10 classes. */
  public static ResNet resnet18(int numClasses) {
    return (ResNet) Arch.RESNET18.create(numClasses, 3, Pretrained.NONE);
  }

  /** {@code resnet18} with 1000 classes, from {@code weights}. */
  public static ResNet resnet18(Pretrained weights) {
    return (ResNet) Arch.RESNET18.create(1000, 3, weights);
  }

  /** torchvision {@code resnet34(num_classes=numClasses)}. */
  public static ResNet resnet34(int numClasses) {
    return (ResNet) Arch.RESNET34.create(numClasses, 3, Pretrained.NONE);
  }

  /** {@code resnet34} with 1000 classes, from {@code weights}. */
  public static ResNet resnet34(Pretrained weights) {
    return (ResNet) Arch.RESNET34.create(1000, 3, weights);
  }

  /** torchvision {@code resnet50(num_classes=numClasses)} (bottleneck blocks, v1.5). */
  public static ResNet resnet50(int numClasses) {
    return (ResNet) Arch.RESNET50.create(numClasses, 3, Pretrained.NONE);
  }

  /** {@code resnet50} with 1000 classes, from {@code weights}. */
  public static ResNet resnet50(Pretrained weights) {
    return (ResNet) Arch.RESNET50.create(1000, 3, weights);
  }

  /** torchvision {@code resnet101(num_classes=numClasses)}. */
  public static ResNet resnet101(int numClasses) {
    return (ResNet) Arch.RESNET101.create(numClasses, 3, Pretrained.NONE);
  }

  /** {@code resnet101} with 1000 classes, from {@code weights}. */
  public static ResNet resnet101(Pretrained weights) {
    return (ResNet) Arch.RESNET101.create(1000, 3, weights);
  }

  /** torchvision {@code resnet152(num_classes=numClasses)}. */
  public static ResNet resnet152(int numClasses) {
    return (ResNet) Arch.RESNET152.create(numClasses, 3, Pretrained.NONE);
  }

  /** {@code resnet152} with 1000 classes, from {@code weights}. */
  public static ResNet resnet152(Pretrained weights) {
    return (ResNet) Arch.RESNET152.create(1000, 3, weights);
  }

  /** fastai {@code xresnet18(n_out=nOut)} on 3 channels. */
  public static XResNet xresnet18(int nOut) {
    return xresnet18(nOut, 3);
  }

  /** fastai {@code xresnet18(c_in=cIn, n_out=nOut)}. */
  public static XResNet xresnet18(int nOut, int cIn) {
    return (XResNet) Arch.XRESNET18.create(nOut, cIn, Pretrained.NONE);
  }

  /** fastai {@code xresnet34(n_out=nOut)} on 3 channels. */
  public static XResNet xresnet34(int nOut) {
    return (XResNet) Arch.XRESNET34.create(nOut, 3, Pretrained.NONE);
  }

  /** fastai {@code xresnet50(n_out=nOut)} on 3 channels. */
  public static XResNet xresnet50(int nOut) {
    return (XResNet) Arch.XRESNET50.create(nOut, 3, Pretrained.NONE);
  }

  /**
   * fastai's {@code simple_cnn(actns)}: a 3×3 stride-2 {@link ConvLayer} (with ReLU, batch norm on
   * all but the last when {@code bn}) between each pair of channel counts, then average pooling to
   * 1×1 and a flatten.
   */
  public static Sequential simpleCnn(int[] actns, boolean bn) {
    int n = actns.length - 1;
    int[] ks = new int[n];
    int[] strides = new int[n];
    java.util.Arrays.fill(ks, 3);
    java.util.Arrays.fill(strides, 2);
    return simpleCnn(actns, ks, strides, bn);
  }

  /** {@code simple_cnn(actns, kernel_szs, strides, bn)}. */
  public static Sequential simpleCnn(int[] actns, int[] kernels, int[] strides, boolean bn) {
    if (actns.length < 2
        || kernels.length != actns.length - 1
        || strides.length != kernels.length) {
      throw new IllegalArgumentException(
          "simpleCnn needs at least 2 channel counts and one kernel size and stride per layer; got "
              + actns.length
              + " channel counts, "
              + kernels.length
              + " kernels, "
              + strides.length
              + " strides");
    }
    Sequential s = new Sequential();
    for (int i = 0; i < kernels.length; i++) {
      ConvLayer.Options o = ConvLayer.Options.defaults();
      if (!(bn && i < kernels.length - 1)) {
        o = o.withNorm(ConvLayer.Norm.NONE);
      }
      s.add(new ConvLayer(actns[i], actns[i + 1], kernels[i], strides[i], o));
    }
    s.add(new Sequential(new AdaptiveAvgPool2d(1), new Flatten()));
    return s;
  }
}
