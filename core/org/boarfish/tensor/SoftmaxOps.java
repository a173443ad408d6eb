package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Softmax and log-softmax over one dim, computed stably. */
final class SoftmaxOps {
  private SoftmaxOps() {}

  static Tensor softmax(Tensor x, int dim) {
    int d = Shapes.dim("softmax", dim, x.dim());
    INDArray y;
    if (d == x.dim() - 1) {
      INDArray a = Kernels.contiguous(x.data());
      y = Kernels.empty(a.dataType(), a.shape());
      Nd4j.exec(new SoftMax(a, y, d));
    } else {
      // libnd4j's softmax is wrong over dim 1 of a rank-4 array (the class axis of segmentation
      // output [B, C, H, W]: sums of 0.9..1.2), so other dims take exp(x − max) / Σ
      INDArray e = Transforms.exp(Kernels.sub(x.data(), x.data().max(true, d)), false);
      y = Kernels.div(e, e.sum(true, d));
    }
    // dx = y·(g − Σ g·y)
    return Tensor.make(
        y,
        "softmax",
        g ->
            new INDArray[] {
              Kernels.mul(y, Kernels.sub(g.out(), Kernels.mul(g.out(), y).sum(true, d)))
            },
        x);
  }

  static Tensor logSoftmax(Tensor x, int dim) {
    int d = Shapes.dim("logSoftmax", dim, x.dim());
    INDArray y = logSoftmaxArray(x.data(), d);
    // dx = g − softmax·Σ g
    return Tensor.make(
        y,
        "logSoftmax",
        g ->
            new INDArray[] {
              Kernels.sub(g.out(), Kernels.mul(Transforms.exp(y, true), g.out().sum(true, d)))
            },
        x);
  }

  static INDArray logSoftmaxArray(INDArray x, int dim) {
    // x − max − log Σ exp(x − max): libnd4j's log_softmax overflows to −inf for large logits in
    // float32
    INDArray shifted = Kernels.sub(x, x.max(true, dim));
    INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, dim), false);
    return Kernels.sub(shifted, lse);
  }
}
