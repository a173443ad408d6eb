package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/** Softmax and log-softmax over one dim, computed stably by libnd4j. */
final class SoftmaxOps {
  private SoftmaxOps() {}

  static Tensor softmax(Tensor x, int dim) {
    int d = Shapes.dim("softmax", dim, x.dim());
    INDArray a = Kernels.contiguous(x.data());
    INDArray y = Kernels.empty(a.dataType(), a.shape());
    Nd4j.exec(new SoftMax(a, y, d));
    // dx = y·(g − Σ g·y)
    return Tensor.make(y, "softmax",
        g -> new INDArray[] {Kernels.mul(y, Kernels.sub(g.out(), Kernels.mul(g.out(), y).sum(true, d)))}, x);
  }

  static Tensor logSoftmax(Tensor x, int dim) {
    int d = Shapes.dim("logSoftmax", dim, x.dim());
    INDArray y = logSoftmaxArray(x.data(), d);
    // dx = g − softmax·Σ g
    return Tensor.make(y, "logSoftmax",
        g -> new INDArray[] {Kernels.sub(g.out(), Kernels.mul(org.nd4j.linalg.ops.transforms.Transforms.exp(y, true), g.out().sum(true, d)))},
        x);
  }

  static INDArray logSoftmaxArray(INDArray x, int dim) {
    INDArray a = Kernels.contiguous(x);
    INDArray y = Kernels.empty(a.dataType(), a.shape());
    Nd4j.exec(DynamicCustomOp.builder("log_softmax").addInputs(a).addOutputs(y).addIntegerArguments(dim).build());
    return y;
  }
}
