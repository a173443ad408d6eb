package org.boarfish.vision;

import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Blocked;
import org.boarfish.tensor.Tensor;

/**
 * torchvision's {@code Bottleneck} (ResNet v1.5, expansion 4): 1×1 → 3×3 (with the stride) → 1×1
 * convolutions without bias, each followed by BN, ReLU after the first two and after the sum with
 * the shortcut. Children {@code conv1, bn1, conv2, bn2, conv3, bn3, relu} and, when the shape
 * changes, {@code downsample}.
 */
public class Bottleneck extends Module {
  /** The channel multiplier of the block's output: 4. */
  public static final int EXPANSION = 4;

  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final Conv2d conv2;
  private final BatchNorm2d bn2;
  private final Conv2d conv3;
  private final BatchNorm2d bn3;
  private final ReLU relu;
  private final Sequential downsample;

  /** A block from {@code inplanes} to {@code planes × 4} channels with {@code stride}. */
  public Bottleneck(int inplanes, int planes, int stride) {
    conv1 = register("conv1", new Conv2d(inplanes, planes, 1, 1, 0, false));
    bn1 = register("bn1", new BatchNorm2d(planes));
    conv2 = register("conv2", new Conv2d(planes, planes, 3, stride, 1, false));
    bn2 = register("bn2", new BatchNorm2d(planes));
    conv3 = register("conv3", new Conv2d(planes, planes * EXPANSION, 1, 1, 0, false));
    bn3 = register("bn3", new BatchNorm2d(planes * EXPANSION));
    relu = register("relu", new ReLU());
    downsample =
        stride != 1 || inplanes != planes * EXPANSION
            ? register("downsample", ResNet.downsample(inplanes, planes * EXPANSION, stride))
            : null;
  }

  /** The last batch norm of the residual branch (zeroed by {@code zeroInitResidual}). */
  public BatchNorm2d lastBn() {
    return bn3;
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
    if (!bn1.hasHooks() && !bn2.hasHooks() && !bn3.hasHooks() && !relu.hasHooks()) {
      Tensor out = bn1.forwardAct(conv1.call(x), null, true);
      out = bn2.forwardAct(conv2.call(out), null, true);
      Tensor identity = downsample == null ? x : downsample.call(x);
      return bn3.forwardAct(conv3.call(out), identity, true);
    }
    Tensor out = relu.call(bn1.call(conv1.call(x)));
    out = relu.call(bn2.call(conv2.call(out)));
    out = bn3.call(conv3.call(out));
    Tensor identity = downsample == null ? x : downsample.call(x);
    return relu.call(out.add(identity));
  }

  /**
   * Whether the eval forward can run fused on oneDNN's blocked layout ({@link #forwardBlocked}):
   * inference, float32, no hooks (the caller checks the channels, {@link Blocked#fits}).
   */
  boolean blockable(Tensor x) {
    return !relu.hasHooks()
        && conv1.blockable(x, bn1)
        && conv2.blockable(x, bn2)
        && conv3.blockable(x, bn3)
        && ResNet.blockable(downsample, x);
  }

  /**
   * The block on a blocked map: each convolution carries its batch norm, the residual sum and the
   * ReLU.
   */
  Blocked forwardBlocked(Blocked x) {
    Blocked out = conv1.forwardBlocked(x, bn1, null, true);
    out = conv2.forwardBlocked(out, bn2, null, true);
    Blocked identity = downsample == null ? x : ResNet.downsampleBlocked(downsample, x);
    return conv3.forwardBlocked(out, bn3, identity, true);
  }
}
