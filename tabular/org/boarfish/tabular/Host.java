package org.boarfish.tabular;

import java.nio.FloatBuffer;
import org.boarfish.tensor.Grads;
import org.boarfish.tensor.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between small float32 arrays and Java heap arrays, for the tabular model's fused ops:
 * one memcpy in, a plain counted loop over a {@code float[]} (which the JIT vectorises, unlike a
 * loop over a direct buffer), one memcpy out, instead of an ND4J op of 10–40 µs dispatch each.
 */
final class Host {
  private Host() {}

  /** The elements of a float32 array in row-major order, as a new heap array. */
  static float[] read(INDArray a) {
    INDArray d = Kernels.isDenseRowMajor(a) ? a : a.dup('c');
    float[] v = new float[Math.toIntExact(d.length())];
    buffer(d).get(0, v, 0, v.length);
    return v;
  }

  /** A new row-major float32 array of this shape holding {@code v}. */
  static INDArray write(float[] v, long... shape) {
    INDArray out = Kernels.empty(DataType.FLOAT, shape);
    buffer(out).put(0, v, 0, v.length);
    return out;
  }

  /**
   * The gradient {@code v} of an op's input {@code i}: added straight into the input's stored
   * gradient when {@link Grads#leafGrad} allows (returning {@link Grads#ACCUMULATED}), else as a
   * new array of this shape.
   */
  static INDArray grad(Grads g, int i, float[] v, long... shape) {
    INDArray dest = g.leafGrad(i);
    if (dest == null || dest.dataType() != DataType.FLOAT || dest.length() != v.length) {
      return write(v, shape);
    }
    FloatBuffer d = buffer(dest);
    float[] cur = new float[v.length];
    d.get(0, cur, 0, cur.length);
    for (int k = 0; k < cur.length; k++) {
      cur[k] += v[k];
    }
    d.put(0, cur, 0, cur.length);
    return Grads.ACCUMULATED;
  }

  /** Copies {@code v} into the dense float32 array {@code a} (same length). */
  static void store(float[] v, INDArray a) {
    buffer(a).put(0, v, 0, v.length);
  }

  /**
   * The native memory of a dense float32 array, index 0 at its first element (copy first with
   * {@code Kernels.contiguous} when it may be a view).
   */
  static FloatBuffer buffer(INDArray a) {
    FloatBuffer fb = a.data().asNioFloat();
    fb.position(Math.toIntExact(a.offset()));
    return fb.slice();
  }
}
