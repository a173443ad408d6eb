package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/** Batch norm over {@code [N, C, H, W]}, as {@code nn.BatchNorm2d} (see {@link BatchNorm}). */
public class BatchNorm2d extends BatchNorm {
  /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
  public BatchNorm2d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  /** Every option. */
  public BatchNorm2d(
      int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super(numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  protected Tensor toKernelShape(Tensor x) {
    Layers.rank(name(), x, 4);
    return x;
  }
}
