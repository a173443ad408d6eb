package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshaping, dim moves and broadcasting views; the gradient undoes each. */
final class ShapeOps {
  private ShapeOps() {}

  static Tensor reshape(Tensor x, long[] shape) {
    long[] xs = x.shape();
    long[] s = resolve(xs, shape);
    if (Arrays.equals(s, xs)) {
      return x;
    }
    INDArray out = x.data().reshape('c', s);
    return Tensor.make(out, "reshape", g -> new INDArray[] {g.out().reshape('c', xs)}, x);
  }

  /** Fills in one -1 and checks the element count, naming both shapes on a mismatch. */
  static long[] resolve(long[] from, long[] shape) {
    long known = 1;
    int free = -1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (free >= 0) {
          throw new IllegalArgumentException(
              "reshape: only one dim may be -1, got " + Shapes.str(shape));
        }
        free = i;
      } else if (shape[i] < 0) {
        throw new IllegalArgumentException("reshape: negative size in " + Shapes.str(shape));
      } else {
        known *= shape[i];
      }
    }
    long n = Shapes.numel(from);
    long[] s = shape.clone();
    if (free >= 0) {
      if (known == 0 || n % known != 0) {
        throw new IllegalArgumentException(
            "reshape: cannot view shape " + Shapes.str(from) + " as " + Shapes.str(shape));
      }
      s[free] = n / known;
    } else if (known != n) {
      throw new IllegalArgumentException(
          "reshape: shape "
              + Shapes.str(from)
              + " ("
              + n
              + " elements) cannot become "
              + Shapes.str(shape)
              + " ("
              + known
              + " elements)");
    }
    return s;
  }

  static Tensor flatten(Tensor x, int start, int end) {
    if (x.dim() == 0) {
      return reshape(x, new long[] {1});
    }
    int s = Shapes.dim("flatten", start, x.dim());
    int e = Shapes.dim("flatten", end, x.dim());
    if (s > e) {
      throw new IllegalArgumentException(
          "flatten: start dim " + start + " comes after end dim " + end);
    }
    long[] xs = x.shape();
    long[] out = new long[xs.length - (e - s)];
    int j = 0;
    for (int i = 0; i < xs.length; i++) {
      if (i <= s || i > e) {
        out[j++] = xs[i];
      } else {
        out[j - 1] *= xs[i];
      }
    }
    return reshape(x, out);
  }

  static Tensor squeeze(Tensor x, Integer dim) {
    long[] xs = x.shape();
    if (dim != null) {
      int d = Shapes.dim("squeeze", dim, x.dim());
      if (x.dim() == 0 || xs[d] != 1) {
        return x;
      }
      long[] out = new long[xs.length - 1];
      for (int i = 0, j = 0; i < xs.length; i++) {
        if (i != d) {
          out[j++] = xs[i];
        }
      }
      return reshape(x, out);
    }
    return reshape(x, Arrays.stream(xs).filter(v -> v != 1).toArray());
  }

  static Tensor unsqueeze(Tensor x, int dim) {
    long[] xs = x.shape();
    int r = xs.length + 1;
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(
          "unsqueeze: dim " + dim + " is out of range for a result of rank " + r);
    }
    int d = dim < 0 ? dim + r : dim;
    long[] out = new long[r];
    for (int i = 0, j = 0; i < r; i++) {
      out[i] = i == d ? 1 : xs[j++];
    }
    return reshape(x, out);
  }

  static Tensor transpose(Tensor x, int dim0, int dim1) {
    int r = x.dim();
    int a = Shapes.dim("transpose", dim0, r);
    int b = Shapes.dim("transpose", dim1, r);
    int[] p = new int[r];
    for (int i = 0; i < r; i++) {
      p[i] = i;
    }
    p[a] = b;
    p[b] = a;
    return permute(x, p);
  }

  static Tensor permute(Tensor x, int[] dims) {
    int r = x.dim();
    if (dims.length != r) {
      throw new IllegalArgumentException(
          "permute: " + dims.length + " dims given for a tensor of rank " + r);
    }
    int[] p = new int[r];
    int[] inverse = new int[r];
    boolean[] seen = new boolean[r];
    for (int i = 0; i < r; i++) {
      p[i] = Shapes.dim("permute", dims[i], r);
      if (seen[p[i]]) {
        throw new IllegalArgumentException(
            "permute: dim " + p[i] + " repeated in " + Arrays.toString(dims));
      }
      seen[p[i]] = true;
      inverse[p[i]] = i;
    }
    INDArray out = x.data().permute(p);
    return Tensor.make(out, "permute", g -> new INDArray[] {g.out().permute(inverse)}, x);
  }

  static Tensor expand(Tensor x, long[] shape) {
    long[] xs = x.shape();
    if (shape.length < xs.length) {
      throw new IllegalArgumentException(
          "expand: target " + Shapes.str(shape) + " has fewer dims than " + Shapes.str(xs));
    }
    long[] s = shape.clone();
    int lead = s.length - xs.length;
    for (int i = 0; i < s.length; i++) {
      long have = i < lead ? 1 : xs[i - lead];
      if (s[i] == -1) {
        if (i < lead) {
          throw new IllegalArgumentException(
              "expand: -1 is not allowed for a new leading dim in " + Shapes.str(shape));
        }
        s[i] = have;
      } else if (have != 1 && have != s[i]) {
        throw new IllegalArgumentException(
            "expand: shape " + Shapes.str(xs) + " cannot expand to " + Shapes.str(shape));
      }
    }
    INDArray out = Kernels.expandTo(x.data(), s);
    return Tensor.make(out, "expand", g -> new INDArray[] {Shapes.sumTo(g.out(), xs)}, x);
  }

  static Tensor contiguous(Tensor x) {
    INDArray a = x.data();
    INDArray c = Kernels.contiguous(a);
    return c == a ? x : Tensor.make(c, "contiguous", g -> new INDArray[] {g.out()}, x);
  }
}
