package org.boarfish.tensor;

/**
 * Fused ops: chains of {@link F} ops run as one kernel, for the hot paths of the vision models.
 * Each gives the same values and gradients as the chain it replaces, up to float rounding.
 */
public final class Fused {
  private Fused() {}

  /**
   * {@code relu(batchNorm(x, ...) + residual)} as one op: {@link F#batchNorm} with the same
   * arguments, then {@code + residual} when it is non-null (same shape and dtype as {@code x}),
   * then a ReLU when {@code relu}. In float32 it is one pass over the data forward and one mask
   * plus the batch norm's passes backward, where the chain takes three ops and their copies each
   * way (a ResNet basic block's tail: {@code relu(bn2(conv2(..)) + identity)}).
   */
  public static Tensor batchNormAct(
      Tensor x,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps,
      Tensor residual,
      boolean relu) {
    return NormOps.batchNormAct(
        x, runningMean, runningVar, weight, bias, training, momentum, eps, residual, relu);
  }
}
