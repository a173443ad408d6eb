package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shape arithmetic shared by the ops: broadcasting, dim normalisation, and reducing a gradient back
 * to a shape.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * The broadcast shape of {@code a} and {@code b} by NumPy/PyTorch rules; an error naming the op
   * otherwise.
   */
  public static long[] broadcast(String op, long[] a, long[] b) {
    int n = Math.max(a.length, b.length);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long da = i < n - a.length ? 1 : a[i - (n - a.length)];
      long db = i < n - b.length ? 1 : b[i - (n - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op
                + ": shapes "
                + Arrays.toString(a)
                + " and "
                + Arrays.toString(b)
                + " cannot be broadcast (dimension "
                + i
                + ": "
                + da
                + " vs "
                + db
                + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * Normalises a possibly negative dim for a tensor of the given rank, naming the op when out of
   * range.
   */
  public static int dim(String op, int dim, int rank) {
    int r = Math.max(rank, 1);
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(
          op
              + ": dim "
              + dim
              + " is out of range for a tensor of rank "
              + rank
              + " (expected "
              + -r
              + ".."
              + (r - 1)
              + ")");
    }
    return dim < 0 ? dim + r : dim;
  }

  /** Normalised, sorted, distinct dims; all dims when {@code dims} is empty. */
  public static int[] dims(String op, int[] dims, int rank) {
    if (dims == null || dims.length == 0) {
      int[] all = new int[rank];
      for (int i = 0; i < rank; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dim(op, dims[i], rank);
    }
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException(
            op + ": dim " + out[i] + " appears twice in " + Arrays.toString(dims));
      }
    }
    return out;
  }

  /** Number of elements of a shape. */
  public static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The shape with the given (sorted, normalised) dims set to 1 (keepdim) or removed. */
  public static long[] reduced(long[] shape, int[] dims, boolean keepDim) {
    long[] out = new long[keepDim ? shape.length : shape.length - dims.length];
    int j = 0;
    for (int i = 0; i < shape.length; i++) {
      boolean r = Arrays.binarySearch(dims, i) >= 0;
      if (keepDim) {
        out[j++] = r ? 1 : shape[i];
      } else if (!r) {
        out[j++] = shape[i];
      }
    }
    return out;
  }

  /**
   * Sums a gradient of a broadcast result back to the shape of the input that was broadcast: over
   * the leading dims it lacked and over the dims where it had size 1.
   */
  public static INDArray sumTo(INDArray g, long[] shape) {
    long[] gs = g.shape();
    if (Arrays.equals(gs, shape)) {
      return g;
    }
    int lead = gs.length - shape.length;
    int[] dims = new int[gs.length];
    int n = 0;
    for (int i = 0; i < gs.length; i++) {
      if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
        dims[n++] = i;
      }
    }
    INDArray s = n == 0 ? g : g.sum(true, Arrays.copyOf(dims, n));
    return s.reshape('c', shape);
  }

  /** Formats a shape as PyTorch prints it, e.g. {@code [2, 3]}. */
  public static String str(long[] shape) {
    return Arrays.toString(shape);
  }
}
