package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * Batch norm over {@code [N, C]} or {@code [N, C, L]}, as {@code nn.BatchNorm1d} (see {@link
 * BatchNorm}).
 */
public class BatchNorm1d extends BatchNorm {
  /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
  public BatchNorm1d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  /** Every option. */
  public BatchNorm1d(
      int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super(numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  protected Tensor toKernelShape(Tensor x) {
    Layers.rank(name(), x, 2, 3);
    return x.dim() == 2 ? x : x.unsqueeze(3);
  }
}
