package org.boarfish.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heap copies of dense float32 arrays, for elementwise and per-channel kernels written as plain
 * Java loops.
 *
 * <p>Why: an ND4J op costs 10–40 µs of dispatch before it touches data, and loops over a direct
 * {@link FloatBuffer} element by element are not vectorised by the JIT. One bulk copy into a {@code
 * float[]} (memcpy speed), a simple counted loop over the array (which C2 turns into AVX code), and
 * one bulk copy back is several times faster for the activation-sized tensors of a small CNN (e.g.
 * ReLU of 200k floats: ~80 µs against ~170–200 µs through ND4J).
 *
 * <p>The arrays come from two per-thread scratch slots, reused from call to call; a kernel may hold
 * at most slot 0 and slot 1 at a time and must not call another kernel that uses them.
 */
final class Floats {
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[2][0]);

  private Floats() {}

  /**
   * Whether {@code a} is float32 with its elements laid out row-major without gaps (a row-block
   * view included).
   */
  static boolean dense32(INDArray a) {
    return a.dataType() == DataType.FLOAT && NormOps.Buf.rowMajor(a);
  }

  /** A per-thread scratch array (slot 0 or 1) of at least {@code n} floats, holding garbage. */
  static float[] scratch(int slot, int n) {
    float[][] s = SCRATCH.get();
    if (s[slot].length < n) {
      s[slot] = new float[n];
    }
    return s[slot];
  }

  /** The elements of the dense float32 array {@code a} copied into scratch slot {@code slot}. */
  static float[] read(INDArray a, int slot) {
    int n = Math.toIntExact(a.length());
    float[] v = scratch(slot, n);
    buffer(a).get(0, v, 0, n);
    return v;
  }

  /**
   * Copies the first {@code a.length()} elements of {@code v} into the dense float32 array {@code
   * a}.
   */
  static void write(float[] v, INDArray a) {
    buffer(a).put(0, v, 0, Math.toIntExact(a.length()));
  }

  /** The native memory of a dense float32 array, index 0 at its first element. */
  static FloatBuffer buffer(INDArray a) {
    FloatBuffer fb = a.data().asNioFloat();
    fb.position(Math.toIntExact(a.offset()));
    return fb.slice();
  }

  /**
   * Up to this many elements an in-place update runs as a Java loop; above it ND4J's (threaded) op
   * is used.
   */
  static final long SMALL = 1 << 16;

  /**
   * {@code dst += src} for same-shaped arrays: a Java loop for small dense float32 arrays (e.g.
   * gradient accumulation into the 20 parameters of a small CNN, where ND4J's {@code addi} costs
   * 15–40 µs of dispatch each), else ND4J's {@code addi}.
   */
  static void addInPlace(INDArray dst, INDArray src) {
    if (dst.isEmpty()) {
      return; // nothing to add to (an empty batch); ND4J refuses ops on empty arrays
    }
    if (dst.length() <= SMALL && dst.length() == src.length() && dense32(dst) && dense32(src)) {
      int n = (int) dst.length();
      float[] d = read(dst, 0);
      float[] s = read(src, 1);
      for (int i = 0; i < n; i++) {
        d[i] += s[i];
      }
      write(d, dst);
    } else {
      dst.addi(src);
    }
  }

  /**
   * Sets every element of {@code a} to 0: one {@code memset} of its memory when it is dense (all
   * zero bits are 0 in every numeric type; 203k floats: 13 µs against 20–28 µs through ND4J's
   * assign), else ND4J's assign.
   */
  static void zero(INDArray a) {
    if (a.isEmpty()) {
      return;
    }
    if (Kernels.isDenseRowMajor(a)) {
      org.bytedeco.javacpp.Pointer.memset(
          a.data().addressPointer(), 0, a.length() * a.dataType().width());
    } else {
      a.assign(0);
    }
  }
}
