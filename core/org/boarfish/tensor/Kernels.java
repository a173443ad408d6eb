package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The raw array primitives the ops are written with. Every result goes into a freshly allocated,
 * uninitialised row-major array (cheap inside a {@link Scope}), which avoids ND4J's slow
 * zero-filled allocations.
 */
public final class Kernels {
  private Kernels() {}

  /** An uninitialised row-major array. */
  public static INDArray empty(DataType type, long... shape) {
    return Nd4j.createUninitialized(type, shape, 'c');
  }

  /** A row-major array that is not a view: {@code a} itself when it already is one, else a copy. */
  public static INDArray contiguous(INDArray a) {
    return isDenseRowMajor(a) ? a : a.dup('c');
  }

  /**
   * Whether the array's elements are exactly its buffer in row-major order. ND4J's {@code
   * ordering()} and {@code isView()} are not enough: a permuted array can report 'c' and not-a-view
   * with permuted strides.
   */
  public static boolean isDenseRowMajor(INDArray a) {
    if (a.isEmpty()) {
      return true; // no elements (ND4J gives an empty array no buffer)
    }
    if (a.offset() != 0 || a.data().length() != a.length()) {
      return false;
    }
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }

  /** {@code a + b} with broadcasting. */
  public static INDArray add(INDArray a, INDArray b) {
    return pairwise(new AddOp(), a, b);
  }

  /** {@code a - b} with broadcasting. */
  public static INDArray sub(INDArray a, INDArray b) {
    return pairwise(new SubOp(), a, b);
  }

  /** {@code a * b} with broadcasting. */
  public static INDArray mul(INDArray a, INDArray b) {
    return pairwise(new MulOp(), a, b);
  }

  /** {@code a / b} with broadcasting. */
  public static INDArray div(INDArray a, INDArray b) {
    return pairwise(new DivOp(), a, b);
  }

  private static INDArray pairwise(DynamicCustomOp op, INDArray a, INDArray b) {
    if (a.dataType() != b.dataType()) {
      b = b.castTo(a.dataType());
    }
    long[] shape = Shapes.broadcast(op.opName(), a.shape(), b.shape());
    INDArray out = empty(a.dataType(), shape);
    op.addInputArgument(a, b);
    op.addOutputArgument(out);
    Nd4j.exec((CustomOp) op);
    return out;
  }

  /** {@code a + v}. */
  public static INDArray addScalar(INDArray a, double v) {
    INDArray out = empty(a.dataType(), a.shape());
    Nd4j.getExecutioner().exec(new ScalarAdd(a, null, out, v));
    return out;
  }

  /** {@code a * v}. */
  public static INDArray mulScalar(INDArray a, double v) {
    INDArray out = empty(a.dataType(), a.shape());
    Nd4j.getExecutioner().exec(new ScalarMultiplication(a, null, out, v));
    return out;
  }

  /** {@code v - a}. */
  public static INDArray rsubScalar(INDArray a, double v) {
    INDArray out = empty(a.dataType(), a.shape());
    Nd4j.getExecutioner().exec(new ScalarReverseSubtraction(a, null, out, v));
    return out;
  }

  /** {@code v / a}. */
  public static INDArray rdivScalar(INDArray a, double v) {
    INDArray out = empty(a.dataType(), a.shape());
    Nd4j.getExecutioner().exec(new ScalarReverseDivision(a, null, out, v));
    return out;
  }

  /** Broadcasts {@code a} (whose dims are 1 or equal) to a larger shape, as a new array. */
  public static INDArray expandTo(INDArray a, long[] shape) {
    if (java.util.Arrays.equals(a.shape(), shape)) {
      return a;
    }
    INDArray out = Nd4j.zeros(a.dataType(), shape);
    return add(out, a);
  }

  /**
   * Column sums of a 2-D array (the bias gradient of a linear layer), added into {@code dest} when
   * it is given (returning it), else into a new [cols] array. Dense float32/float64 arrays take one
   * Java pass, about 3× faster than ND4J's reduction at these sizes; anything else goes through
   * ND4J.
   */
  public static INDArray columnSums(INDArray a, INDArray dest) {
    boolean fast =
        isDenseRowMajor(a)
            && (dest == null || isDenseRowMajor(dest))
            && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
            && (dest == null || dest.dataType() == a.dataType());
    if (!fast) {
      INDArray s = a.sum(0);
      return dest == null ? s : dest.addi(s);
    }
    int rows = (int) a.size(0);
    int cols = (int) a.size(1);
    if (a.dataType() == DataType.FLOAT && (long) rows * cols >= 1 << 20) {
      // large (a language model's 2,048 × 10,000 logit gradient): ones·a on BLAS and every core,
      // ~4× less CPU than the Java pass
      INDArray out = dest != null ? dest : Nd4j.zeros(DataType.FLOAT, cols);
      INDArray ones = Nd4j.ones(DataType.FLOAT, 1, rows);
      Threads.parallel(() -> Nd4j.gemm(ones, a, out.reshape('c', 1, cols), false, false, 1.0, 1.0));
      return out;
    }
    if (a.dataType() == DataType.FLOAT) {
      INDArray into = dest != null ? dest : Nd4j.zeros(DataType.FLOAT, cols);
      columnSums32(a, into, rows, cols);
      return into;
    }
    double[] acc = new double[cols];
    java.nio.DoubleBuffer f =
        a.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += f.get(o + j);
      }
    }
    if (dest == null) {
      return Nd4j.createFromArray(acc);
    }
    java.nio.DoubleBuffer d =
        dest.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
    for (int j = 0; j < cols; j++) {
      d.put(j, d.get(j) + acc[j]);
    }
    return dest;
  }

  private static final ThreadLocal<float[][]> COLUMN_SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][0]);

  /**
   * Float32 column sums added into {@code dest}: each row is bulk-copied into a heap array and
   * added into a float accumulator by a loop the JIT vectorises (256×256: 8 µs against 33 µs for a
   * scalar loop over the direct buffer). Rows are summed in float32 in blocks of 64, and the
   * blocks' sums are added together, so the rounding error stays that of a 64-term float sum.
   */
  private static void columnSums32(INDArray a, INDArray dest, int rows, int cols) {
    float[][] sc = COLUMN_SCRATCH.get();
    if (sc[0].length < cols) {
      sc[0] = new float[cols];
      sc[1] = new float[cols];
      sc[2] = new float[cols];
    }
    float[] row = sc[0];
    float[] block = sc[1];
    java.nio.FloatBuffer f =
        a.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    java.nio.FloatBuffer d =
        dest.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    float[] total = sc[2];
    d.get(0, total, 0, cols);
    for (int r0 = 0; r0 < rows; r0 += 64) {
      java.util.Arrays.fill(block, 0, cols, 0f);
      for (int i = r0; i < Math.min(rows, r0 + 64); i++) {
        f.get(i * cols, row, 0, cols);
        addRow(block, row, cols);
      }
      addRow(total, block, cols);
    }
    d.put(0, total, 0, cols);
  }

  /** {@code acc[0..n) += row[0..n)}: a small method so it is compiled (vectorised) early. */
  private static void addRow(float[] acc, float[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }

  /** A bool mask cast to the given float type (1 where true). */
  public static INDArray mask(INDArray bool, DataType type) {
    return bool.castTo(type);
  }
}
