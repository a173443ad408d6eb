package org.boarfish.tensor;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints tensors the way PyTorch does, eliding the middle of long dims so big tensors stay
 * readable.
 */
final class TensorFormat {
  private static final int EDGE = 3;
  private static final int FULL = 1000;

  private TensorFormat() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("tensor(");
    INDArray a;
    try {
      a = t.data();
    } catch (IllegalStateException e) {
      return "tensor(<freed: made in a closed Scope>, shape=" + Shapes.str(t.shape()) + ")";
    }
    boolean elide = t.numel() > FULL;
    boolean floating = t.dtype().isFloatingPoint();
    appendDim(sb, a, new long[a.rank()], 0, elide, floating, 7);
    sb.append(", shape=").append(Shapes.str(t.shape()));
    if (t.dtype() != DType.FLOAT32) {
      sb.append(", dtype=").append(t.dtype());
    }
    if (t.gradFn() != null) {
      sb.append(", gradFn=").append(t.gradFn().op);
    } else if (t.requiresGrad()) {
      sb.append(", requiresGrad=true");
    }
    return sb.append(')').toString();
  }

  private static void appendDim(
      StringBuilder sb,
      INDArray a,
      long[] pos,
      int d,
      boolean elide,
      boolean floating,
      int indent) {
    if (a.rank() == 0) {
      sb.append(value(a.getDouble(0), a, floating));
      return;
    }
    long n = a.size(d);
    sb.append('[');
    for (long i = 0; i < n; i++) {
      if (elide && n > 2 * EDGE && i == EDGE) {
        sb.append("...");
        i = n - EDGE - 1;
        sb.append(d == a.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
        continue;
      }
      pos[d] = i;
      if (d == a.rank() - 1) {
        sb.append(value(a.getDouble(pos), a, floating));
      } else {
        appendDim(sb, a, pos, d + 1, elide, floating, indent);
      }
      if (i < n - 1) {
        sb.append(d == a.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
      }
    }
    sb.append(']');
  }

  private static String value(double v, INDArray a, boolean floating) {
    if (!floating) {
      return a.dataType() == org.nd4j.linalg.api.buffer.DataType.BOOL
          ? (v != 0 ? "true" : "false")
          : Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
