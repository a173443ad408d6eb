package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reductions over dims (sum, mean, variance, max/min with and without indices) and their backward.
 */
final class ReductionOps {
  private ReductionOps() {}

  static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    int[] d = Shapes.dims("sum", dims, x.dim());
    long[] xs = x.shape();
    long[] keep = Shapes.reduced(xs, d, true);
    INDArray out = reduce(x.data(), d, keepDim, Op.SUM);
    return Tensor.make(
        out, "sum", g -> new INDArray[] {Kernels.expandTo(g.out().reshape('c', keep), xs)}, x);
  }

  static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    int[] d = Shapes.dims("mean", dims, x.dim());
    long[] xs = x.shape();
    long[] keep = Shapes.reduced(xs, d, true);
    double n = (double) Shapes.numel(xs) / Math.max(1, Shapes.numel(keep));
    INDArray out = reduce(x.data(), d, keepDim, Op.MEAN);
    return Tensor.make(
        out,
        "mean",
        g ->
            new INDArray[] {
              Kernels.expandTo(Kernels.mulScalar(g.out().reshape('c', keep), 1 / n), xs)
            },
        x);
  }

  static Tensor var(Tensor x, int[] dims, boolean unbiased, boolean keepDim) {
    int[] d = Shapes.dims("var", dims, x.dim());
    long[] keep = Shapes.reduced(x.shape(), d, true);
    double n = (double) Shapes.numel(x.shape()) / Math.max(1, Shapes.numel(keep));
    Tensor centered = x.sub(x.mean(d, true));
    Tensor ss = centered.mul(centered).sum(d, keepDim);
    return ss.div(unbiased ? n - 1 : n);
  }

  static Tensor amax(Tensor x, int[] dims, boolean keepDim) {
    return extreme(x, dims, keepDim, true);
  }

  static Tensor amin(Tensor x, int[] dims, boolean keepDim) {
    return extreme(x, dims, keepDim, false);
  }

  /**
   * Values at the extreme; the gradient is shared evenly among tied extremes, as PyTorch's amax
   * does.
   */
  private static Tensor extreme(Tensor x, int[] dims, boolean keepDim, boolean max) {
    String op = max ? "amax" : "amin";
    if (x.numel() == 0) {
      throw new IllegalArgumentException(op + ": the tensor is empty");
    }
    int[] d = Shapes.dims(op, dims, x.dim());
    INDArray a = x.data();
    long[] xs = a.shape();
    long[] keep = Shapes.reduced(xs, d, true);
    INDArray kept = reduce(a, d, true, max ? Op.MAX : Op.MIN);
    INDArray out = keepDim ? kept : kept.reshape('c', Shapes.reduced(xs, d, false));
    return Tensor.make(
        out,
        op,
        g -> {
          INDArray hit = Kernels.mask(a.eq(Kernels.expandTo(kept, xs)), a.dataType());
          INDArray count = hit.sum(true, d);
          INDArray share = Kernels.div(g.out().reshape('c', keep), count);
          return new INDArray[] {Kernels.mul(hit, share)};
        },
        x);
  }

  static ValuesIndices maxWithIndices(Tensor x, int dim, boolean keepDim, boolean max) {
    String op = max ? "max" : "min";
    int d = Shapes.dim(op, dim, x.dim());
    INDArray a = x.data();
    long[] xs = a.shape();
    int[] dd = {d};
    long[] outShape = Shapes.reduced(xs, dd, keepDim);
    INDArray values = reduce(a, dd, keepDim, max ? Op.MAX : Op.MIN);
    INDArray idx =
        (max ? Nd4j.argMax(a, d) : Nd4j.argMin(a, d)).castTo(DataType.LONG).reshape('c', outShape);
    Tensor[] r =
        Tensor.makeAll(
            new INDArray[] {values, idx},
            op,
            g -> {
              INDArray at = idx.reshape('c', Shapes.reduced(xs, dd, true));
              INDArray pos =
                  Kernels.expandTo(
                      Tensor.arange(xs[d]).data().reshape('c', positional(xs.length, d, xs[d])),
                      xs);
              INDArray hit = Kernels.mask(pos.eq(Kernels.expandTo(at, xs)), a.dataType());
              return new INDArray[] {
                Kernels.mul(hit, g.out(0).reshape('c', Shapes.reduced(xs, dd, true)))
              };
            },
            x);
    return new ValuesIndices(r[0], r[1]);
  }

  private static long[] positional(int rank, int dim, long size) {
    long[] s = new long[rank];
    java.util.Arrays.fill(s, 1);
    s[dim] = size;
    return s;
  }

  enum Op {
    SUM,
    MEAN,
    MAX,
    MIN
  }

  static INDArray reduce(INDArray a, int[] dims, boolean keepDim, Op op) {
    INDArray r;
    switch (op) {
      case SUM:
        r = a.sum(keepDim, dims);
        break;
      case MEAN:
        r = a.mean(keepDim, dims);
        break;
      case MAX:
        r = a.max(keepDim, dims);
        break;
      default:
        r = a.min(keepDim, dims);
        break;
    }
    long[] want = Shapes.reduced(a.shape(), dims, keepDim);
    return java.util.Arrays.equals(r.shape(), want) ? r : r.reshape('c', want);
  }
}
