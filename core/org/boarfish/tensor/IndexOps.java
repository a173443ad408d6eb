package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Gathering and scattering by integer indices, and selection by bool masks. */
final class IndexOps {
  private IndexOps() {}

  static Tensor gather(Tensor x, int dim, Tensor index) {
    int d = Shapes.dim("gather", dim, x.dim());
    long[] xs = x.shape();
    long[] flat = flatIndices("gather", xs, d, index);
    INDArray fi = Nd4j.createFromArray(flat);
    INDArray out =
        gather1d(Kernels.contiguous(x.data()).reshape('c', new long[] {Shapes.numel(xs)}), fi)
            .reshape('c', index.shape());
    return Tensor.make(
        out,
        "gather",
        g ->
            new INDArray[] {
              scatterAdd1d(Nd4j.zeros(g.out().dataType(), Shapes.numel(xs)), fi, g.out())
                  .reshape('c', xs),
              null
            },
        x,
        index);
  }

  static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
    int d = Shapes.dim("scatterAdd", dim, x.dim());
    long[] xs = x.shape();
    if (!Arrays.equals(src.shape(), index.shape())) {
      throw new IllegalArgumentException(
          "scatterAdd: src shape "
              + Shapes.str(src.shape())
              + " must equal index shape "
              + Shapes.str(index.shape()));
    }
    long[] flat = flatIndices("scatterAdd", xs, d, index);
    INDArray fi = Nd4j.createFromArray(flat);
    INDArray out =
        scatterAdd1d(
                x.data().dup('c').reshape('c', new long[] {Shapes.numel(xs)}),
                fi,
                src.data().castTo(x.data().dataType()))
            .reshape('c', xs);
    return Tensor.make(
        out,
        "scatterAdd",
        g ->
            new INDArray[] {
              g.out(),
              null,
              g.needs(2)
                  ? gather1d(
                          Kernels.contiguous(g.out()).reshape('c', new long[] {Shapes.numel(xs)}),
                          fi)
                      .reshape('c', index.shape())
                  : null
            },
        x,
        index,
        src);
  }

  static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int d = Shapes.dim("indexSelect", dim, x.dim());
    if (index.dim() > 1) {
      throw new IllegalArgumentException(
          "indexSelect: index must be 1-D, got shape " + Shapes.str(index.shape()));
    }
    long[] xs = x.shape();
    long[] idx = checkedIndices("indexSelect", index, xs[d]);
    INDArray ia = Nd4j.createFromArray(idx);
    INDArray a = Kernels.contiguous(x.data());
    long[] os = xs.clone();
    os[d] = idx.length;
    INDArray out = Kernels.empty(a.dataType(), os);
    Nd4j.exec(
        DynamicCustomOp.builder("gather")
            .addInputs(a, ia)
            .addIntegerArguments(d)
            .addOutputs(out)
            .build());
    return Tensor.make(
        out,
        "indexSelect",
        g -> {
          // move dim d to the front, scatter-add rows, move back
          int[] p = moveToFront(xs.length, d);
          INDArray gt = g.out().permute(p).dup('c');
          long[] zs = new long[xs.length];
          for (int i = 0; i < p.length; i++) {
            zs[i] = xs[p[i]];
          }
          INDArray z = Nd4j.zeros(gt.dataType(), zs);
          Nd4j.exec(
              DynamicCustomOp.builder("scatter_add").addInputs(z, ia, gt).addOutputs(z).build());
          return new INDArray[] {z.permute(inverse(p)).dup('c'), null};
        },
        x,
        index);
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    if (cond.dtype() != DType.BOOL) {
      throw new IllegalArgumentException(
          "where: condition must be a bool tensor, got " + cond.dtype());
    }
    Tensor[] ab = ArithmeticOps.promote("where", a, b);
    long[] s =
        Shapes.broadcast(
            "where", Shapes.broadcast("where", cond.shape(), ab[0].shape()), ab[1].shape());
    INDArray c = Kernels.expandTo(cond.data().castTo(DataType.BOOL), s);
    INDArray x = Kernels.expandTo(ab[0].data(), s);
    INDArray y = Kernels.expandTo(ab[1].data(), s);
    INDArray out = Kernels.empty(x.dataType(), s);
    Nd4j.exec(DynamicCustomOp.builder("select").addInputs(c, x, y).addOutputs(out).build());
    long[] as = ab[0].shape();
    long[] bs = ab[1].shape();
    return Tensor.make(
        out,
        "where",
        g -> {
          INDArray m = Kernels.mask(c, g.out().dataType());
          return new INDArray[] {
            null,
            g.needs(1) ? Shapes.sumTo(Kernels.mul(g.out(), m), as) : null,
            g.needs(2) ? Shapes.sumTo(Kernels.mul(g.out(), Kernels.rsubScalar(m, 1)), bs) : null
          };
        },
        cond,
        ab[0],
        ab[1]);
  }

  static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    long[] s = Shapes.broadcast("maskedFill", x.shape(), mask.shape());
    if (!Arrays.equals(s, x.shape())) {
      throw new IllegalArgumentException(
          "maskedFill: mask shape "
              + Shapes.str(mask.shape())
              + " does not broadcast to the tensor's shape "
              + Shapes.str(x.shape()));
    }
    return where(mask, Tensor.scalar(value, x.dtype()), x);
  }

  /**
   * Flat row-major positions in x for torch.gather-style indexing along dim d; checks shapes and
   * bounds.
   */
  private static long[] flatIndices(String op, long[] xs, int d, Tensor index) {
    long[] is = index.shape();
    if (is.length != xs.length) {
      throw new IllegalArgumentException(
          op + ": index has rank " + is.length + " but the tensor has rank " + xs.length);
    }
    for (int k = 0; k < xs.length; k++) {
      if (k != d && is[k] > xs[k]) {
        throw new IllegalArgumentException(
            op
                + ": index shape "
                + Shapes.str(is)
                + " exceeds tensor shape "
                + Shapes.str(xs)
                + " in dim "
                + k);
      }
    }
    long[] idx = checkedIndices(op, index, xs[d]);
    long[] strides = new long[xs.length];
    long acc = 1;
    for (int k = xs.length - 1; k >= 0; k--) {
      strides[k] = acc;
      acc *= xs[k];
    }
    long[] pos = new long[is.length];
    long[] flat = new long[idx.length];
    for (int n = 0; n < idx.length; n++) {
      long f = 0;
      for (int k = 0; k < is.length; k++) {
        f += (k == d ? idx[n] : pos[k]) * strides[k];
      }
      flat[n] = f;
      for (int k = is.length - 1; k >= 0; k--) {
        if (++pos[k] < is[k]) {
          break;
        }
        pos[k] = 0;
      }
    }
    return flat;
  }

  /**
   * The index values as longs, with negatives wrapped and every value checked against {@code size}.
   */
  static long[] checkedIndices(String op, Tensor index, long size) {
    if (index.dtype().isFloatingPoint() || index.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(
          op + ": index must be an int32 or int64 tensor, got " + index.dtype());
    }
    long[] v = index.toLongArray();
    for (int i = 0; i < v.length; i++) {
      long p = v[i] < 0 ? v[i] + size : v[i];
      if (p < 0 || p >= size) {
        throw new IllegalArgumentException(
            op + ": index " + v[i] + " at position " + i + " is out of range for size " + size);
      }
      v[i] = p;
    }
    return v;
  }

  static INDArray gather1d(INDArray flat, INDArray idx) {
    INDArray out = Kernels.empty(flat.dataType(), idx.length());
    Nd4j.exec(
        DynamicCustomOp.builder("gather")
            .addInputs(flat, idx)
            .addIntegerArguments(0)
            .addOutputs(out)
            .build());
    return out;
  }

  static INDArray scatterAdd1d(INDArray flat, INDArray idx, INDArray updates) {
    INDArray u = Kernels.contiguous(updates).reshape('c', new long[] {idx.length()});
    Nd4j.exec(
        DynamicCustomOp.builder("scatter_add").addInputs(flat, idx, u).addOutputs(flat).build());
    return flat;
  }

  private static int[] moveToFront(int rank, int d) {
    int[] p = new int[rank];
    p[0] = d;
    for (int i = 0, j = 1; i < rank; i++) {
      if (i != d) {
        p[j++] = i;
      }
    }
    return p;
  }

  private static int[] inverse(int[] p) {
    int[] inv = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      inv[p[i]] = i;
    }
    return inv;
  }
}
