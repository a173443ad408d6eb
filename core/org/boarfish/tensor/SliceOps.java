package org.boarfish.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Basic indexing and splitting; the gradient writes the upstream gradient into the selected region
 * of zeros.
 */
final class SliceOps {
  private SliceOps() {}

  static Tensor index(Tensor x, Idx[] idx) {
    long[] xs = x.shape();
    List<Idx> full = expandEllipsis(idx, xs.length);
    INDArrayIndex[] nd = new INDArrayIndex[xs.length];
    List<Long> outShape = new ArrayList<>();
    for (int d = 0; d < xs.length; d++) {
      Idx i = full.get(d);
      long n = xs[d];
      if (i.kind == Idx.Kind.AT) {
        long p = i.start < 0 ? i.start + n : i.start;
        if (p < 0 || p >= n) {
          throw new IllegalArgumentException(
              "index " + i.start + " is out of range for dim " + d + " of size " + n);
        }
        nd[d] = NDArrayIndex.point(p);
      } else {
        long s = clampStart(i.start, n);
        long e = clampStart(i.end == null ? n : i.end, n);
        if (i.start == null) {
          s = 0;
        }
        long len = e > s ? (e - s + i.step - 1) / i.step : 0;
        nd[d] =
            len == 0
                ? NDArrayIndex.interval(0, 0)
                : NDArrayIndex.interval(s, i.step, s + (len - 1) * i.step + 1);
        outShape.add(len);
      }
    }
    long[] os = outShape.stream().mapToLong(Long::longValue).toArray();
    INDArray out =
        Shapes.numel(os) == 0
            ? Nd4j.create(x.data().dataType(), os)
            : x.data().get(nd).dup('c').reshape('c', os);
    return Tensor.make(
        out,
        "index",
        g -> {
          INDArray gx = Nd4j.zeros(g.out().dataType(), xs);
          if (Shapes.numel(os) > 0) {
            INDArray view = gx.get(nd);
            view.assign(g.out().reshape('c', view.shape()));
          }
          return new INDArray[] {gx};
        },
        x);
  }

  private static long clampStart(Long v, long n) {
    long p = v == null ? 0 : v;
    if (p < 0) {
      p += n;
    }
    return Math.max(0, Math.min(p, n));
  }

  private static List<Idx> expandEllipsis(Idx[] idx, int rank) {
    List<Idx> out = new ArrayList<>();
    int ell = -1;
    for (int i = 0; i < idx.length; i++) {
      if (idx[i].kind == Idx.Kind.ELLIPSIS) {
        if (ell >= 0) {
          throw new IllegalArgumentException("an index may hold only one ellipsis");
        }
        ell = i;
      }
    }
    int given = idx.length - (ell >= 0 ? 1 : 0);
    if (given > rank) {
      throw new IllegalArgumentException(
          "too many indices (" + given + ") for a tensor of rank " + rank);
    }
    for (int i = 0; i < idx.length; i++) {
      if (i == ell) {
        out.addAll(Collections.nCopies(rank - given, Idx.all()));
      } else {
        out.add(idx[i]);
      }
    }
    while (out.size() < rank) {
      out.add(Idx.all());
    }
    return out;
  }

  static Tensor slice(Tensor x, int dim, long start, long end, long step) {
    int d = Shapes.dim("slice", dim, x.dim());
    Idx[] idx = new Idx[d + 1];
    for (int i = 0; i < d; i++) {
      idx[i] = Idx.all();
    }
    idx[d] = Idx.range(start, end, step);
    return index(x, idx);
  }

  static List<Tensor> split(Tensor x, long size, int dim) {
    if (size <= 0) {
      throw new IllegalArgumentException("split: size must be positive, got " + size);
    }
    int d = Shapes.dim("split", dim, x.dim());
    long n = x.size(d);
    List<Tensor> out = new ArrayList<>();
    for (long s = 0; s < n; s += size) {
      out.add(slice(x, d, s, Math.min(n, s + size), 1));
    }
    return out;
  }

  static List<Tensor> split(Tensor x, long[] sizes, int dim) {
    int d = Shapes.dim("split", dim, x.dim());
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    if (total != x.size(d)) {
      throw new IllegalArgumentException(
          "split: sizes sum to " + total + " but dim " + d + " has size " + x.size(d));
    }
    List<Tensor> out = new ArrayList<>();
    long s = 0;
    for (long len : sizes) {
      out.add(slice(x, d, s, s + len, 1));
      s += len;
    }
    return out;
  }

  static List<Tensor> chunk(Tensor x, int n, int dim) {
    if (n <= 0) {
      throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + n);
    }
    long size = (x.size(dim) + n - 1) / n;
    return split(x, Math.max(1, size), dim);
  }
}
