package org.boarfish.tensor;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embedding lookup: libnd4j {@code gather} along axis 0 forward; backward adds each output-gradient
 * row into the table gradient at its index (repeated indices accumulate) in a plain loop over the
 * native memory, which measured 2-3× faster than libnd4j's {@code scatter_add} (2048 rows of 128:
 * 0.6 vs 1.6 ms) and is deterministic. When the table is a leaf whose gradient is already allocated
 * (every step after the first, since {@code zeroGrad} zeroes in place) the rows go straight into
 * that gradient: a step touches only the B looked-up rows, never the whole table.
 */
final class EmbeddingOps {
  private EmbeddingOps() {}

  /** Rows of {@code weight [num, dim]} at int indices of any shape: idx.shape + [dim]. */
  static Tensor embedding(Tensor idx, Tensor weight, Long paddingIdx) {
    if (weight.dim() != 2) {
      throw new IllegalArgumentException(
          "embedding: weight must be [num_embeddings, dim], got shape "
              + Shapes.str(weight.shape()));
    }
    if (idx.dtype() != DType.INT32 && idx.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          "embedding: indices must be an int32 or int64 tensor, got " + idx.dtype());
    }
    long num = weight.size(0);
    long dim = weight.size(1);
    long pad = -1;
    if (paddingIdx != null) {
      pad = paddingIdx < 0 ? paddingIdx + num : paddingIdx;
      if (pad < 0 || pad >= num) {
        throw new IllegalArgumentException(
            "embedding: padding index "
                + paddingIdx
                + " is out of range for a table of "
                + num
                + " rows");
      }
    }
    INDArray ia = NormOps.dense(idx.data());
    int n = Math.toIntExact(ia.length());
    int[] rows = checkedRows(ia, n, num);
    long[] os = java.util.Arrays.copyOf(idx.shape(), idx.dim() + 1);
    os[idx.dim()] = dim;
    INDArray table = NormOps.dense(weight.data());
    DataType type = table.dataType();
    INDArray flat = ia.reshape('c', new long[] {n});
    INDArray out = Kernels.empty(type, n, dim);
    if (n > 0) {
      Nd4j.exec(
          DynamicCustomOp.builder("gather")
              .addInputs(table, flat)
              .addIntegerArguments(0)
              .addOutputs(out)
              .build());
    }
    int padRow = (int) pad;
    return Tensor.make(
        out.reshape('c', os),
        "embedding",
        g -> {
          if (!g.needs(1)) {
            return new INDArray[] {null, null};
          }
          // Add the rows straight into the table's stored gradient when allowed: no zeroed
          // table-sized temporary and no table-sized add afterwards, only B rows touched.
          INDArray dest = g.leafGrad(1);
          INDArray dw = dest != null ? dest : Kernels.empty(type, num, dim).assign(0);
          int d = Math.toIntExact(dim);
          NormOps.Buf up = NormOps.Buf.of(NormOps.dense(g.out()));
          NormOps.Buf acc = NormOps.Buf.of(dw);
          double[] row = new double[d];
          double[] sum = new double[d];
          for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (r == padRow) {
              continue;
            }
            up.read(i * d, row, 0, d);
            acc.read(r * d, sum, 0, d);
            for (int j = 0; j < d; j++) {
              sum[j] += row[j];
            }
            acc.write(r * d, sum, 0, d);
          }
          return new INDArray[] {null, dest != null ? Grads.ACCUMULATED : dw};
        },
        idx,
        weight);
  }

  /**
   * The indices as ints; every one must lie in [0, num), else the error names the first bad one and
   * its position.
   */
  private static int[] checkedRows(INDArray ia, int n, long num) {
    int off = Math.toIntExact(ia.offset());
    int[] rows = new int[n];
    if (ia.dataType() == DataType.INT64) {
      LongBuffer b = ia.data().asNioLong();
      for (int i = 0; i < n; i++) {
        long v = b.get(off + i);
        if (v < 0 || v >= num) {
          throw outOfRange(v, i, num);
        }
        rows[i] = (int) v;
      }
    } else {
      IntBuffer b = ia.data().asNioInt();
      for (int i = 0; i < n; i++) {
        int v = b.get(off + i);
        if (v < 0 || v >= num) {
          throw outOfRange(v, i, num);
        }
        rows[i] = v;
      }
    }
    return rows;
  }

  private static IllegalArgumentException outOfRange(long v, int pos, long num) {
    return new IllegalArgumentException(
        "embedding: index "
            + v
            + " at position "
            + pos
            + " is out of range for a table of "
            + num
            + " rows (valid: 0.."
            + (num - 1)
            + ")");
  }
}
