package org.boarfish.optim;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct access to the memory of dense arrays, for the fused update loops: one pass over a
 * parameter and its state instead of a dozen ND4J calls of 10–40 µs dispatch each (measured in
 * docs/optimizers.md).
 */
final class Buffers {
  private Buffers() {}

  /**
   * True when {@code a}'s elements are {@code buffer[0..length)} in row-major order: a fresh array
   * or a reshaped view of one. Other views (offset slices, transposes) are updated through a copy.
   */
  static boolean isDense(INDArray a) {
    if (a.offset() != 0 || a.ordering() != 'c') {
      return false;
    }
    long expected = 1;
    long[] shape = a.shape();
    long[] stride = a.stride();
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** The elements of a dense float array, synchronised to host memory first (a no-op on CPU). */
  static FloatBuffer floats(INDArray a) {
    Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** The elements of a dense double array, synchronised to host memory first (a no-op on CPU). */
  static DoubleBuffer doubles(INDArray a) {
    Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
    return a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }

  /**
   * {@code x}, or 0 when it is subnormal. Running averages of gradients that stay zero decay
   * geometrically into subnormal numbers, whose arithmetic is 100× slower on x86; flushing them
   * keeps a step's cost flat and changes no value above 1.2e-38.
   */
  static float flush(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
  }

  /** {@code x}, or 0 when it is subnormal (see {@link #flush(float)}). */
  static double flush(double x) {
    return Math.abs(x) < Double.MIN_NORMAL ? 0d : x;
  }

  /** Sets the subnormal elements among the first {@code n} of {@code a} to zero. */
  static void flush(float[] a, int n) {
    for (int k = 0; k < n; k++) {
      if (Math.abs(a[k]) < Float.MIN_NORMAL) {
        a[k] = 0f;
      }
    }
  }

  /**
   * Elements per chunk of the chunked update loops: four chunks of floats fit in L1, and a chunk
   * kernel runs often enough to be compiled early.
   */
  static final int CHUNK = 1024;

  /**
   * Marks an array written through its host memory, so other devices see the change (a no-op on
   * CPU).
   */
  static void written(INDArray a) {
    Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
  }
}
