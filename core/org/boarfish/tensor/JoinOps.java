package org.boarfish.tensor;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation and stacking; the gradient is cut back into the pieces. */
final class JoinOps {
  private JoinOps() {}

  static Tensor cat(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("cat: no tensors given");
    }
    Tensor first = tensors.get(0);
    int d = Shapes.dim("cat", dim, first.dim());
    long[] ref = first.shape();
    INDArray[] arrays = new INDArray[tensors.size()];
    long[] sizes = new long[tensors.size()];
    for (int i = 0; i < arrays.length; i++) {
      Tensor t = tensors.get(i);
      long[] s = t.shape();
      boolean ok = s.length == ref.length && t.dtype() == first.dtype();
      for (int k = 0; ok && k < s.length; k++) {
        ok = k == d || s[k] == ref[k];
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "cat: tensor "
                + i
                + " has shape "
                + Shapes.str(s)
                + " ("
                + t.dtype()
                + ") but tensor 0 has "
                + Shapes.str(ref)
                + " ("
                + first.dtype()
                + "); all dims except "
                + d
                + " and the dtype must match");
      }
      arrays[i] = Kernels.contiguous(t.data());
      sizes[i] = s[d];
    }
    INDArray out = arrays.length == 1 ? arrays[0].dup('c') : Nd4j.concat(d, arrays);
    return Tensor.make(
        out,
        "cat",
        g -> {
          INDArray[] parts = new INDArray[sizes.length];
          long at = 0;
          for (int i = 0; i < sizes.length; i++) {
            INDArrayIndex[] ix = NDArrayIndex.allFor(g.out());
            ix[d] = NDArrayIndex.interval(at, at + sizes[i]);
            parts[i] = g.needs(i) ? g.out().get(ix).dup('c') : null;
            at += sizes[i];
          }
          return parts;
        },
        tensors.toArray(new Tensor[0]));
  }

  static Tensor stack(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("stack: no tensors given");
    }
    int r = tensors.get(0).dim() + 1;
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(
          "stack: dim " + dim + " is out of range for a result of rank " + r);
    }
    long[] ref = tensors.get(0).shape();
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; i < tensors.size(); i++) {
      if (!java.util.Arrays.equals(tensors.get(i).shape(), ref)) {
        throw new IllegalArgumentException(
            "stack: tensor "
                + i
                + " has shape "
                + Shapes.str(tensors.get(i).shape())
                + " but tensor 0 has "
                + Shapes.str(ref));
      }
      parts.add(tensors.get(i).unsqueeze(dim));
    }
    return cat(parts, dim < 0 ? dim + r : dim);
  }
}
