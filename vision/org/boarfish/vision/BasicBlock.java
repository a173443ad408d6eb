package org.boarfish.vision;

import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Blocked;
import org.boarfish.tensor.Tensor;

/**
 * torchvision's {@code BasicBlock} (expansion 1): {@code relu(bn2(conv2(relu(bn1(conv1(x))))) +
 * downsample(x))}, two 3×3 convolutions without bias, the stride on the first. Children {@code
 * conv1, bn1, relu, conv2, bn2} and, when the shape changes, {@code downsample} (1×1 conv + BN).
 */
public class BasicBlock extends Module {
  /** The channel multiplier of the block's output: 1. */
  public static final int EXPANSION = 1;

  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final ReLU relu;
  private final Conv2d conv2;
  private final BatchNorm2d bn2;
  private final Sequential downsample;

  /** A block from {@code inplanes} to {@code planes} channels with {@code stride}. */
  public BasicBlock(int inplanes, int planes, int stride) {
    conv1 = register("conv1", new Conv2d(inplanes, planes, 3, stride, 1, false));
    bn1 = register("bn1", new BatchNorm2d(planes));
    relu = register("relu", new ReLU());
    conv2 = register("conv2", new Conv2d(planes, planes, 3, 1, 1, false));
    bn2 = register("bn2", new BatchNorm2d(planes));
    downsample =
        stride != 1 || inplanes != planes
            ? register("downsample", ResNet.downsample(inplanes, planes, stride))
            : null;
  }

  /** The last batch norm of the residual branch (zeroed by {@code zeroInitResidual}). */
  public BatchNorm2d lastBn() {
    return bn2;
  }

  /**
   * The block, with each batch norm, residual add and ReLU fused into one op ({@link
   * BatchNorm2d#forwardAct}) unless hooks are registered on the norms or the ReLU.
   */
  @Override
  public Tensor forward(Tensor x) {
    if (Blocked.fits(x.shape()) && blockable(x)) {
      return forwardBlocked(Blocked.of(x)).toTensor();
    }
    if (bn1.hasHooks() || bn2.hasHooks() || relu.hasHooks()) {
      Tensor out = relu.call(bn1.call(conv1.call(x)));
      out = bn2.call(conv2.call(out));
      Tensor identity = downsample == null ? x : downsample.call(x);
      return relu.call(out.add(identity));
    }
    Tensor out = bn1.forwardAct(conv1.call(x), null, true);
    Tensor identity = downsample == null ? x : downsample.call(x);
    return bn2.forwardAct(conv2.call(out), identity, true);
  }

  /**
   * Whether the eval forward can run fused on oneDNN's blocked layout ({@link #forwardBlocked}):
   * inference, float32, no hooks (the caller checks the channels, {@link Blocked#fits}).
   */
  boolean blockable(Tensor x) {
    return !relu.hasHooks()
        && conv1.blockable(x, bn1)
        && conv2.blockable(x, bn2)
        && ResNet.blockable(downsample, x);
  }

  /**
   * The block on a blocked map: each convolution carries its batch norm, the residual sum and the
   * ReLU.
   */
  Blocked forwardBlocked(Blocked x) {
    Blocked out = conv1.forwardBlocked(x, bn1, null, true);
    Blocked identity = downsample == null ? x : ResNet.downsampleBlocked(downsample, x);
    return conv2.forwardBlocked(out, bn2, identity, true);
  }
}
