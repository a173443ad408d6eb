package org.boarfish.vision;

import java.util.List;
import org.boarfish.nn.AdaptiveAvgPool2d;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Init;
import org.boarfish.nn.Linear;
import org.boarfish.nn.MaxPool2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Blocked;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * torchvision's {@code ResNet}, with its module names, so that its state dict has torchvision's
 * keys ({@code conv1.weight}, {@code layer1.0.bn1.running_mean}, {@code fc.bias}, ...) and
 * torchvision's {@code .pth} files load into it. Children in order: {@code conv1} (7×7 stride 2),
 * {@code bn1}, {@code relu}, {@code maxpool} (3×3 stride 2), {@code layer1..layer4}, {@code
 * avgpool}, {@code fc}. Initialised as torchvision: convolutions kaiming-normal (fan out, ReLU
 * gain), batch norms 1/0, the final Linear PyTorch's default.
 *
 * <p>Build one with {@link Models#resnet18(int)} and its siblings.
 */
public class ResNet extends Module {
  private final int numFeatures;

  /**
   * A ResNet of {@code bottleneck} or basic blocks, {@code layers[i]} blocks per stage, {@code
   * inChannels} input channels and {@code numClasses} outputs.
   */
  public ResNet(boolean bottleneck, int[] layers, int numClasses, int inChannels) {
    if (layers.length != 4) {
      throw new IllegalArgumentException(
          "ResNet needs 4 stage depths, got " + java.util.Arrays.toString(layers));
    }
    int expansion = bottleneck ? Bottleneck.EXPANSION : BasicBlock.EXPANSION;
    register("conv1", new Conv2d(inChannels, 64, 7, 2, 3, false));
    register("bn1", new BatchNorm2d(64));
    register("relu", new ReLU());
    register("maxpool", new MaxPool2d(3, 2, 1));
    int inplanes = 64;
    int[] widths = {64, 128, 256, 512};
    for (int s = 0; s < 4; s++) {
      Sequential stage = new Sequential();
      for (int b = 0; b < layers[s]; b++) {
        int stride = s > 0 && b == 0 ? 2 : 1;
        stage.add(
            bottleneck
                ? new Bottleneck(inplanes, widths[s], stride)
                : new BasicBlock(inplanes, widths[s], stride));
        inplanes = widths[s] * expansion;
      }
      register("layer" + (s + 1), stage);
    }
    register("avgpool", new AdaptiveAvgPool2d(1));
    numFeatures = 512 * expansion;
    register("fc", new Linear(numFeatures, numClasses));
    Generator gen = Generator.global();
    for (Module m : modules()) {
      if (m instanceof Conv2d c) {
        Init.kaimingNormal(c.weight(), 0, Init.Fan.OUT, gen);
      }
    }
  }

  /** The channels entering {@code fc}: 512 for basic blocks, 2048 for bottlenecks. */
  public int numFeatures() {
    return numFeatures;
  }

  /** The children up to and including {@code layer4}: the body fastai's learner keeps. */
  public List<Module> features() {
    List<Module> c = children();
    return c.subList(0, c.size() - 2);
  }

  /**
   * torchvision's {@code zero_init_residual}: zeroes the last BN weight of every residual branch.
   */
  public ResNet zeroInitResidual() {
    for (Module m : modules()) {
      if (m instanceof BasicBlock b) {
        Init.zeros(b.lastBn().weight());
      } else if (m instanceof Bottleneck b) {
        Init.zeros(b.lastBn().weight());
      }
    }
    return this;
  }

  static Sequential downsample(int in, int out, int stride) {
    return new Sequential(new Conv2d(in, out, 1, stride, 0, false), new BatchNorm2d(out));
  }

  /**
   * The children in order; the stem's batch norm and ReLU run fused when neither has hooks. In
   * inference (eval, float32, no gradient wanted, no hooks) the stem and the four stages run as one
   * chain on oneDNN's blocked layout ({@link Blocked}): every convolution carries its batch norm,
   * residual sum and ReLU, and the activations are reordered once, after {@code layer4}.
   */
  @Override
  public Tensor forward(Tensor x) {
    List<Module> c = children();
    if (chainable(c, x)) {
      Blocked b = ((Conv2d) c.get(0)).forwardBlocked(x, (BatchNorm2d) c.get(1), true);
      b = ((MaxPool2d) c.get(3)).forwardBlocked(b);
      for (int s = 4; s < 8; s++) {
        for (Module block : ((Sequential) c.get(s)).children()) {
          b =
              block instanceof BasicBlock bb
                  ? bb.forwardBlocked(b)
                  : ((Bottleneck) block).forwardBlocked(b);
        }
      }
      x = b.toTensor();
      for (int i = 8; i < c.size(); i++) {
        x = c.get(i) instanceof Linear ? c.get(i).call(x.flatten(1, -1)) : c.get(i).call(x);
      }
      return x;
    }
    for (int i = 0; i < c.size(); i++) {
      Module m = c.get(i);
      if (m instanceof Linear) {
        x = x.flatten(1, -1);
      }
      if (m instanceof BatchNorm2d bn
          && i + 1 < c.size()
          && c.get(i + 1) instanceof ReLU r
          && !bn.hasHooks()
          && !r.hasHooks()) {
        x = bn.forwardAct(x, null, true);
        i++;
      } else {
        x = m.call(x);
      }
    }
    return x;
  }

  /** Whether {@link #forward} can run the stem and stages as one blocked chain on {@code x}. */
  boolean chainable(List<Module> c, Tensor x) {
    if (isTraining()
        || c.size() != 10
        || !(c.get(0) instanceof Conv2d conv)
        || !(c.get(1) instanceof BatchNorm2d bn)
        || !(c.get(2) instanceof ReLU relu)
        || relu.hasHooks()
        || !(c.get(3) instanceof MaxPool2d pool)
        || !pool.blockable()
        || !conv.blockable(x, bn)
        || x.dim() != 4) {
      return false;
    }
    for (int s = 4; s < 8; s++) {
      if (!(c.get(s) instanceof Sequential stage) || stage.hasHooks()) {
        return false;
      }
      for (Module block : stage.children()) {
        boolean ok =
            block instanceof BasicBlock bb
                ? bb.blockable(x)
                : block instanceof Bottleneck bt && bt.blockable(x);
        if (!ok || block.hasHooks() || block.isTraining()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a block's shortcut ({@code null}, or conv + batch norm) can run blocked. */
  static boolean blockable(Sequential downsample, Tensor x) {
    return downsample == null
        || downsample.size() == 2
            && !downsample.hasHooks()
            && downsample.get(0) instanceof Conv2d conv
            && downsample.get(1) instanceof BatchNorm2d bn
            && conv.blockable(x, bn);
  }

  /** A checked shortcut ({@link #blockable}) on a blocked map. */
  static Blocked downsampleBlocked(Sequential downsample, Blocked x) {
    return ((Conv2d) downsample.get(0))
        .forwardBlocked(x, (BatchNorm2d) downsample.get(1), null, false);
  }
}
