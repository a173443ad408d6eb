package org.boarfish.tensor;

import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The row passes of a float32 linear layer around its GEMM: the bias rows written before a beta-1
 * GEMM, or the bias and ReLU applied to the product in place, and backward the ReLU-masked output
 * gradient together with the bias gradient, in one pass each. Every loop sits in a small method
 * over heap arrays that touches no ND4J object, so the JIT compiles it early and cheaply (a loop in
 * a method that also calls into ND4J gets on-stack-replaced and compiled together with ND4J's
 * inlined allocation code: 3–7 KB of bytecode and ~100 ms of C2 time each, during the first few
 * hundred steps of a training run).
 */
final class LinearRows32 {
  private LinearRows32() {}

  /** From this many elements the forward pass gives half of the rows to a helper thread. */
  static final long PARALLEL_MIN = 1 << 20;

  /** Rows per block of the bias gradient's float32 partial sums (as {@link Kernels#columnSums}). */
  private static final int BLOCK = 64;

  /** Whether the fused passes can take these arrays (dense row-major float32, not empty). */
  static boolean fits(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a.dataType() != DataType.FLOAT || a.isEmpty() || !Kernels.isDenseRowMajor(a)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code out[i, :] = max(out[i, :] + bias, 0)} in place on the dense [m, n] float32 {@code out};
   * a null bias adds nothing. Large outputs are split over two threads.
   */
  static void biasRelu(INDArray out, INDArray bias) {
    int m = (int) out.size(0);
    int n = (int) out.size(1);
    float[] b = new float[n];
    if (bias != null) {
      buffer(bias).get(0, b, 0, n);
    }
    FloatBuffer o = buffer(out);
    if ((long) m * n < PARALLEL_MIN || Runtime.getRuntime().availableProcessors() < 2) {
      rows(o, b, 0, m, n);
      return;
    }
    inBlocks(m, (from, to) -> rows(o.duplicate(), b, from, to, n));
  }

  /** Work on rows [from, to). */
  private interface RowRange {
    void run(int from, int to);
  }

  /** Blocks of rows per large pass, taken in turn by this thread and a helper. */
  private static final int BLOCKS = 16;

  /**
   * Runs {@code work} over rows [0, m) in {@value #BLOCKS} blocks that this thread and a
   * common-pool helper take from a shared counter. This thread never waits for the helper to start
   * (on a busy machine it may start late, then finds no block left); it waits only for a block the
   * helper is in the middle of.
   */
  private static void inBlocks(int m, RowRange work) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Runnable drain =
        () -> {
          for (int k = next.getAndIncrement(); k < BLOCKS; k = next.getAndIncrement()) {
            try {
              work.run((int) ((long) m * k / BLOCKS), (int) ((long) m * (k + 1) / BLOCKS));
            } catch (Throwable t) {
              failed.compareAndSet(null, t);
            }
            done.incrementAndGet();
          }
        };
    ForkJoinPool.commonPool().execute(drain);
    drain.run();
    for (int spins = 0; done.get() < BLOCKS; spins++) {
      if (spins < 1000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    if (failed.get() != null) {
      throw new IllegalStateException("linear: a row pass failed", failed.get());
    }
  }

  /**
   * Copies the [n] vector {@code bias} into every row of the dense [m, n] float32 {@code out} (a
   * GEMM with beta 1 then adds the product onto it: no read-modify-write pass of its own); large
   * outputs are split over two threads.
   */
  static void fillRows(INDArray out, INDArray bias) {
    int m = (int) out.size(0);
    int n = (int) out.size(1);
    float[] b = new float[n];
    buffer(bias).get(0, b, 0, n);
    FloatBuffer o = buffer(out);
    if ((long) m * n < PARALLEL_MIN || Runtime.getRuntime().availableProcessors() < 2) {
      fill(o, b, 0, m, n);
      return;
    }
    inBlocks(m, (from, to) -> fill(o.duplicate(), b, from, to, n));
  }

  private static void fill(FloatBuffer o, float[] b, int from, int to, int n) {
    for (int i = from; i < to; i++) {
      o.put(i * n, b, 0, n);
    }
  }

  private static void rows(FloatBuffer o, float[] b, int from, int to, int n) {
    float[] row = new float[n];
    for (int i = from; i < to; i++) {
      o.get(i * n, row, 0, n);
      addBiasRelu(row, b, n);
      o.put(i * n, row, 0, n);
    }
  }

  private static void addBiasRelu(float[] row, float[] b, int n) {
    for (int j = 0; j < n; j++) {
      row[j] = Math.max(row[j] + b[j], 0f);
    }
  }

  /**
   * The gradient at the input of the ReLU, {@code g} where {@code act > 0} and 0 elsewhere, into a
   * new [m, n] array; when {@code biasSums} is not null, that gradient's column sums are added into
   * it (the bias gradient, summed in float32 blocks of {@value #BLOCK} rows exactly as {@link
   * Kernels#columnSums} does). {@code act} is the ReLU's output (every element ≥ 0 or NaN).
   */
  static INDArray reluGrad(INDArray act, INDArray g, float[] biasSums) {
    int m = (int) act.size(0);
    int n = (int) act.size(1);
    INDArray out = Kernels.empty(DataType.FLOAT, m, n);
    maskRows(buffer(act), buffer(g), buffer(out), m, n, biasSums);
    return out;
  }

  private static void maskRows(
      FloatBuffer a, FloatBuffer g, FloatBuffer out, int m, int n, float[] sums) {
    float[] ar = new float[n];
    float[] gr = new float[n];
    float[] block = sums == null ? null : new float[n];
    for (int r0 = 0; r0 < m; r0 += BLOCK) {
      if (block != null) {
        java.util.Arrays.fill(block, 0f);
      }
      for (int i = r0, end = Math.min(m, r0 + BLOCK); i < end; i++) {
        a.get(i * n, ar, 0, n);
        g.get(i * n, gr, 0, n);
        mask(gr, ar, n);
        out.put(i * n, gr, 0, n);
        if (block != null) {
          add(block, gr, n);
        }
      }
      if (block != null) {
        add(sums, block, n);
      }
    }
  }

  /**
   * {@code g[j] = a[j] > 0 ? g[j] : 0} without a branch (see {@code UnaryOps.reluGrad32}): {@code
   * min(a·2¹⁴⁹, 1)} is 1 for every positive float and 0 for 0.
   */
  private static void mask(float[] g, float[] a, int n) {
    for (int j = 0; j < n; j++) {
      g[j] *= Math.min(a[j] * 0x1p126f * 0x1p23f, 1f);
    }
  }

  private static void add(float[] acc, float[] row, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += row[j];
    }
  }

  /** The column sums of a dense [m, n] float32 array added into {@code sums}. */
  static void columnSums(INDArray a, float[] sums) {
    int m = (int) a.size(0);
    int n = (int) a.size(1);
    sumRows(buffer(a), m, n, sums);
  }

  private static void sumRows(FloatBuffer a, int m, int n, float[] sums) {
    float[] row = new float[n];
    float[] block = new float[n];
    for (int r0 = 0; r0 < m; r0 += BLOCK) {
      java.util.Arrays.fill(block, 0f);
      for (int i = r0, end = Math.min(m, r0 + BLOCK); i < end; i++) {
        a.get(i * n, row, 0, n);
        add(block, row, n);
      }
      add(sums, block, n);
    }
  }

  /**
   * The bias gradient {@code sums} added into input {@code i}'s stored gradient when allowed
   * ({@link Grads#ACCUMULATED}), else as a new [n] array; {@code sums} must start from that stored
   * gradient's values for the first case (see {@link #startSums}).
   */
  static INDArray biasResult(INDArray dest, float[] sums) {
    if (dest != null) {
      buffer(dest).put(0, sums, 0, sums.length);
      return Grads.ACCUMULATED;
    }
    INDArray out = Kernels.empty(DataType.FLOAT, sums.length);
    buffer(out).put(0, sums, 0, sums.length);
    return out;
  }

  /** The starting column sums: the stored bias gradient's values, or zeros. */
  static float[] startSums(INDArray dest, int n) {
    float[] s = new float[n];
    if (dest != null) {
      buffer(dest).get(0, s, 0, n);
    }
    return s;
  }

  /** The native memory of a dense float32 array, index 0 at its first element. */
  private static FloatBuffer buffer(INDArray a) {
    FloatBuffer fb = a.data().asNioFloat();
    fb.position(Math.toIntExact(a.offset()));
    return fb.slice();
  }
}
