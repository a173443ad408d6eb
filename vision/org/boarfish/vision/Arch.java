package org.boarfish.vision;

import java.util.List;
import java.util.Locale;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * The architectures {@link Vision#learner} and {@link Vision#unetLearner} know, with fastai's
 * {@code model_meta}: where the body is cut (torchvision ResNets before {@code avgpool}, XResNets
 * before their pooling head) and where the body is split into two parameter groups (ResNets after
 * {@code layer2}, XResNets after the stem).
 */
public enum Arch {
  RESNET18(false, false, new int[] {2, 2, 2, 2}),
  RESNET34(false, false, new int[] {3, 4, 6, 3}),
  RESNET50(false, true, new int[] {3, 4, 6, 3}),
  RESNET101(false, true, new int[] {3, 4, 23, 3}),
  RESNET152(false, true, new int[] {3, 8, 36, 3}),
  XRESNET18(true, false, new int[] {2, 2, 2, 2}),
  XRESNET34(true, false, new int[] {3, 4, 6, 3}),
  XRESNET50(true, true, new int[] {3, 4, 6, 3});

  private final boolean xresnet;
  private final boolean bottleneck;
  private final int[] layers;

  Arch(boolean xresnet, boolean bottleneck, int[] layers) {
    this.xresnet = xresnet;
    this.bottleneck = bottleneck;
    this.layers = layers;
  }

  /** The lower-case name, as fastai and torchvision call it ("resnet34"). */
  public String archName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The architecture called {@code name} ("resnet34", case-insensitive). */
  public static Arch of(String name) {
    for (Arch a : values()) {
      if (a.archName().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + name + "'; known: " + List.of(values()));
  }

  /** The whole classifier with {@code nOut} outputs and {@code nIn} input channels. */
  public Module create(int nOut, int nIn, Pretrained pretrained) {
    if (xresnet) {
      if (pretrained == Pretrained.IMAGENET) {
        throw new IllegalArgumentException(
            archName() + " has no published ImageNet weights; use Pretrained.NONE");
      }
      return new XResNet(bottleneck ? 4 : 1, layers, nIn, nOut, 0.0);
    }
    if (pretrained == Pretrained.IMAGENET) {
      ResNet m = new ResNet(bottleneck, layers, 1000, 3);
      PretrainedWeights.load(archName(), m);
      if (nIn != 3) {
        adaptFirstConv(m, nIn, true);
      }
      return m;
    }
    return new ResNet(bottleneck, layers, nOut, nIn);
  }

  /**
   * fastai's body: the model cut before its pooling head, as a Sequential of the kept children
   * (named "0", "1", ...).
   */
  public Sequential body(int nIn, Pretrained pretrained) {
    Module m = create(1000, nIn, pretrained);
    List<Module> kids = m.children();
    return new Sequential(kids.subList(0, kids.size() - (xresnet ? 4 : 2)));
  }

  /** The index of the first body child in the second parameter group (fastai's splitter). */
  public int splitAt() {
    return xresnet ? 3 : 6;
  }

  /** Whether this is one of fastai's XResNets (rather than a torchvision ResNet). */
  public boolean isXResNet() {
    return xresnet;
  }

  /**
   * The number of channels {@code body} puts out, found with a dummy forward of a 64×64 input as
   * fastai's {@code num_features_model}.
   */
  public static int numFeatures(Module body, int nIn) {
    boolean wasTraining = body.isTraining();
    body.eval();
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      return (int) body.call(Tensor.zeros(1, nIn, 64, 64)).size(1);
    } finally {
      body.train(wasTraining);
    }
  }

  /**
   * fastai's {@code _update_first_layer} for a pretrained ResNet: replaces {@code conv1} by one
   * taking {@code nIn} channels; 1 channel sums the RGB filters, 2 take the first two × 1.5, more
   * copy RGB and zero the rest.
   */
  static void adaptFirstConv(ResNet model, int nIn, boolean pretrained) {
    Conv2d old = (Conv2d) model.namedChildren().get("conv1");
    long[] s = old.weight().shape();
    Conv2d conv = new Conv2d(nIn, (int) s[0], (int) s[2], 2, (int) (s[2] - 1) / 2, false);
    if (pretrained) {
      Tensor w = old.weight();
      try (Autograd.NoGrad ng = Autograd.noGrad()) {
        Tensor nw;
        if (nIn == 1) {
          nw = w.sum(1, true);
        } else if (nIn == 2) {
          nw = w.slice(1, 0, 2).mul(1.5);
        } else {
          nw = Tensor.cat(List.of(w, Tensor.zeros(s[0], nIn - 3, s[2], s[3])), 1);
        }
        conv.weight().data().assign(nw.data());
      }
    }
    model.register("conv1", conv);
  }
}
