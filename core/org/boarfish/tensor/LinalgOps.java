package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products on BLAS GEMM into preallocated outputs (ND4J's allocating {@code mmul} is several
 * times slower). {@code matmul} reduces every case of PyTorch's rules to a 2-D or a batched 3-D
 * product plus differentiable reshapes, so only those two primitives carry a hand-written backward.
 *
 * <p>Small float32 products (at most {@value #SMALL_GEMM} multiply-adds, e.g. every GEMM of the
 * tabular model and the MLP's 256→10 layer) call OpenBLAS's {@code cblas_sgemm} directly on one
 * thread: ND4J's {@code gemm} spends about 15 µs of dispatch per call before any arithmetic, and a
 * second BLAS thread costs more to wake than it saves at these sizes. Mid-sized ones (up to {@value
 * TwoThreadGemm#MAX} multiply-adds, e.g. W1's 784→256 GEMMs) are two single-threaded OpenBLAS calls
 * on two threads ({@link TwoThreadGemm}); larger products go through ND4J with every OpenMP thread
 * (ops run on one by default, see {@link Threads}). Linear layers write their bias rows before a
 * beta-1 GEMM, or with a ReLU ({@link F#linearRelu}) add bias and ReLU in one pass after it ({@link
 * LinearRows32}).
 */
final class LinalgOps {
  private LinalgOps() {}

  static Tensor matmul(Tensor a, Tensor b) {
    Tensor[] ab = ArithmeticOps.promote("matmul", a, b);
    a = ab[0];
    b = ab[1];
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException(
          "matmul: both operands need at least one dim, got "
              + Shapes.str(a.shape())
              + " and "
              + Shapes.str(b.shape()));
    }
    if (a.dim() == 1 && b.dim() == 1) {
      return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }
    if (a.dim() == 1) {
      return matmul(a.unsqueeze(0), b).squeeze(-2);
    }
    if (b.dim() == 1) {
      return matmul(a, b.unsqueeze(1)).squeeze(-1);
    }
    long[] as = a.shape();
    long[] bs = b.shape();
    long m = as[as.length - 2];
    long k = as[as.length - 1];
    long n = bs[bs.length - 1];
    if (bs[bs.length - 2] != k) {
      throw new IllegalArgumentException(
          "matmul: shapes "
              + Shapes.str(as)
              + " and "
              + Shapes.str(bs)
              + " do not align ("
              + k
              + " vs "
              + bs[bs.length - 2]
              + ")");
    }
    if (a.dim() == 2 && b.dim() == 2) {
      return mm(a, b);
    }
    if (b.dim() == 2) {
      // [..., m, k] @ [k, n]: fold the batch into the rows
      long[] out = as.clone();
      out[out.length - 1] = n;
      return mm(a.reshape(-1, k), b).reshape(out);
    }
    long[] batch =
        Shapes.broadcast(
            "matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
    long bn = Shapes.numel(batch);
    Tensor a3 = a.expand(concat(batch, m, k)).reshape(bn, m, k);
    Tensor b3 = b.expand(concat(batch, k, n)).reshape(bn, k, n);
    return bmm(a3, b3).reshape(concat(batch, m, n));
  }

  private static long[] concat(long[] batch, long r, long c) {
    long[] s = Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = r;
    s[batch.length + 1] = c;
    return s;
  }

  /** [m, k] @ [k, n]. */
  static Tensor mm(Tensor a, Tensor b) {
    INDArray x = Kernels.contiguous(a.data());
    INDArray y = Kernels.contiguous(b.data());
    INDArray out = gemm(x, y, false, false);
    return Tensor.make(
        out,
        "matmul",
        g ->
            new INDArray[] {
              g.needs(0) ? gemmInto(g, 0, g.out(), y, false, true) : null,
              g.needs(1) ? gemmInto(g, 1, x, g.out(), true, false) : null
            },
        a,
        b);
  }

  /** [B, m, k] @ [B, k, n]. */
  static Tensor bmm(Tensor a, Tensor b) {
    INDArray x = Kernels.contiguous(a.data());
    INDArray y = Kernels.contiguous(b.data());
    INDArray out = batched(x, y, false, false);
    return Tensor.make(
        out,
        "bmm",
        g ->
            new INDArray[] {
              g.needs(0) ? batched(Kernels.contiguous(g.out()), y, false, true) : null,
              g.needs(1) ? batched(x, Kernels.contiguous(g.out()), true, false) : null
            },
        a,
        b);
  }

  /** {@code x·Wᵀ + b} over the last dim, as {@code F.linear}. */
  static Tensor linear(Tensor x, Tensor w, Tensor bias) {
    return linear(x, w, bias, false);
  }

  /**
   * {@code x·Wᵀ + b}, followed by a ReLU when {@code relu}: for float32 the bias and the ReLU are
   * one in-place pass over the GEMM's output, and backward masks the output gradient and sums the
   * bias gradient in one pass (no separate ReLU node, output or mask array).
   */
  static Tensor linear(Tensor x, Tensor w, Tensor bias, boolean relu) {
    String op = relu ? "linearRelu" : "linear";
    if (w.dim() != 2) {
      throw new IllegalArgumentException(
          op + ": weight must be [out, in], got " + Shapes.str(w.shape()));
    }
    long in = w.size(1);
    if (x.dim() == 0 || x.size(-1) != in) {
      throw new IllegalArgumentException(
          op
              + ": input shape "
              + Shapes.str(x.shape())
              + " does not end in the weight's in-features "
              + in
              + " (weight "
              + Shapes.str(w.shape())
              + ")");
    }
    if (bias != null && (bias.dim() != 1 || bias.size(0) != w.size(0))) {
      throw new IllegalArgumentException(
          op + ": bias shape " + Shapes.str(bias.shape()) + " should be [" + w.size(0) + "]");
    }
    if (x.dim() == 2) {
      return linear2d(x, w, bias, relu);
    }
    long[] out = x.shape();
    out[out.length - 1] = w.size(0);
    return linear2d(x.reshape(-1, in), w, bias, relu).reshape(out);
  }

  private static Tensor linear2d(Tensor x, Tensor w, Tensor bias, boolean relu) {
    INDArray a = Kernels.contiguous(x.data());
    INDArray wt = Kernels.contiguous(w.data());
    INDArray b = bias == null ? null : Kernels.contiguous(bias.data());
    boolean fused = LinearRows32.fits(a, wt) && (b == null || LinearRows32.fits(b));
    if (relu && !fused) {
      // other dtypes: the unfused composition
      return linear2d(x, w, bias, false).relu();
    }
    INDArray out;
    if (fused && relu) {
      out = gemm(a, wt, false, true);
      LinearRows32.biasRelu(out, b);
    } else if (fused && b != null) {
      // the bias rows first, then the product added onto them (beta 1): no separate add
      out = Kernels.empty(DataType.FLOAT, a.size(0), wt.size(0));
      LinearRows32.fillRows(out, b);
      gemm(a, wt, out, false, true, 1.0);
    } else {
      out = gemm(a, wt, false, true);
      if (b != null && !out.isEmpty()) {
        out.addiRowVector(b);
      }
    }
    BackwardFn fn = relu ? reluBackward(a, wt, out, b != null) : backward(a, wt, b != null);
    String op = relu ? "linearRelu" : "linear";
    return bias == null ? Tensor.make(out, op, fn, x, w) : Tensor.make(out, op, fn, x, w, bias);
  }

  private static BackwardFn backward(INDArray a, INDArray wt, boolean hasBias) {
    return g ->
        new INDArray[] {
          g.needs(0) ? gemm(g.out(), wt, false, false) : null,
          g.needs(1) ? gemmInto(g, 1, g.out(), a, true, false) : null,
          hasBias && g.needs(2) ? biasGrad(g, g.out()) : null
        };
  }

  /** Backward of the fused linear + ReLU whose output (after the ReLU) is {@code act}. */
  private static BackwardFn reluBackward(INDArray a, INDArray wt, INDArray act, boolean hasBias) {
    return g -> {
      boolean wantBias = hasBias && g.needs(2);
      INDArray dest = wantBias ? g.leafGrad(2) : null;
      float[] sums = wantBias ? LinearRows32.startSums(dest, (int) act.size(1)) : null;
      INDArray gm = LinearRows32.reluGrad(act, Kernels.contiguous(g.out()), sums);
      return new INDArray[] {
        g.needs(0) ? gemm(gm, wt, false, false) : null,
        g.needs(1) ? gemmInto(g, 1, gm, a, true, false) : null,
        wantBias ? LinearRows32.biasResult(dest, sums) : null
      };
    };
  }

  /**
   * Column sums of the output gradient, added straight into the bias's stored gradient when
   * allowed.
   */
  private static INDArray biasGrad(Grads g, INDArray go) {
    INDArray dest = g.leafGrad(2);
    if (go.isEmpty()) {
      // an empty batch: nothing to add
      INDArray zeros = Nd4j.zeros(go.dataType(), go.size(1));
      return dest == null ? zeros : Grads.ACCUMULATED;
    }
    if (go.length() < LinearRows32.PARALLEL_MIN
        && LinearRows32.fits(go)
        && (dest == null || LinearRows32.fits(dest))) {
      // small: one Java pass (large ones are a BLAS product on every core in Kernels)
      float[] sums = LinearRows32.startSums(dest, (int) go.size(1));
      LinearRows32.columnSums(go, sums);
      return LinearRows32.biasResult(dest, sums);
    }
    if (dest == null) {
      return Kernels.columnSums(go, null);
    }
    Kernels.columnSums(go, dest);
    return Grads.ACCUMULATED;
  }

  /**
   * op(a) @ op(b) added straight into input i's stored leaf gradient when allowed, else into a new
   * array.
   */
  static INDArray gemmInto(Grads g, int i, INDArray a, INDArray b, boolean ta, boolean tb) {
    INDArray dest = g.leafGrad(i);
    if (dest == null) {
      return gemm(a, b, ta, tb);
    }
    gemm(Kernels.contiguous(a), Kernels.contiguous(b), dest, ta, tb, 1.0);
    return Grads.ACCUMULATED;
  }

  /** op(a) @ op(b) into a new row-major array. */
  static INDArray gemm(INDArray a, INDArray b, boolean ta, boolean tb) {
    long m = ta ? a.size(1) : a.size(0);
    long n = tb ? b.size(0) : b.size(1);
    INDArray out = Kernels.empty(a.dataType(), m, n);
    gemm(Kernels.contiguous(a), Kernels.contiguous(b), out, ta, tb, 0.0);
    return out;
  }

  /** Products of at most this many multiply-adds call OpenBLAS directly on one thread. */
  static final long SMALL_GEMM = 1L << 22;

  /**
   * {@code out = op(a) @ op(b) + beta·out} for dense row-major 2-D arrays: small float32 products
   * straight through {@code cblas_sgemm}, the rest through ND4J.
   */
  static void gemm(INDArray a, INDArray b, INDArray out, boolean ta, boolean tb, double beta) {
    if (out.isEmpty()) {
      return; // an empty batch: ND4J refuses empty arrays
    }
    if (a.isEmpty() || b.isEmpty()) { // k == 0: the product is all zeros
      if (beta == 0) {
        out.assign(0);
      } else if (beta != 1) {
        out.muli(beta);
      }
      return;
    }
    if (isSmall(a, b, ta, tb)
        && out.dataType() == DataType.FLOAT
        && Kernels.isDenseRowMajor(a)
        && Kernels.isDenseRowMajor(b)
        && Kernels.isDenseRowMajor(out)) {
      int m = (int) out.size(0);
      int n = (int) out.size(1);
      int k = (int) (ta ? a.size(0) : a.size(1));
      if (m == 0 || n == 0) {
        return;
      }
      if (k == 0) {
        if (beta == 0) {
          out.assign(0);
        } else if (beta != 1) {
          out.muli(beta);
        }
        return;
      }
      BlasGemm.sgemm(
          ta, tb, m, n, k, a, 0, (int) a.size(1), b, 0, (int) b.size(1), (float) beta, out, 0, n);
      return;
    }
    if (out.dataType() == DataType.FLOAT
        && a.dataType() == DataType.FLOAT
        && b.dataType() == DataType.FLOAT
        && TwoThreadGemm.takes(out.size(0), out.size(1), ta ? a.size(0) : a.size(1))
        && Kernels.isDenseRowMajor(a)
        && Kernels.isDenseRowMajor(b)
        && Kernels.isDenseRowMajor(out)) {
      int k = (int) (ta ? a.size(0) : a.size(1));
      TwoThreadGemm.sgemm(ta, tb, (int) out.size(0), (int) out.size(1), k, a, b, out, (float) beta);
      return;
    }
    // ND4J's GEMM threads with OpenMP, which runs on one thread by default (see Threads)
    Threads.parallel(() -> Nd4j.gemm(a, b, out, ta, tb, 1.0, beta));
  }

  private static boolean isSmall(INDArray a, INDArray b, boolean ta, boolean tb) {
    if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || !BlasGemm.OK) {
      return false;
    }
    long m = ta ? a.size(1) : a.size(0);
    long k = ta ? a.size(0) : a.size(1);
    long n = tb ? b.size(0) : b.size(1);
    return m * n * k <= SMALL_GEMM && m <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE;
  }

  private static INDArray batched(INDArray a, INDArray b, boolean ta, boolean tb) {
    long bn = a.size(0);
    long m = ta ? a.size(2) : a.size(1);
    long n = tb ? b.size(1) : b.size(2);
    INDArray out = Kernels.empty(a.dataType(), bn, m, n);
    Nd4j.matmul(a, b, out, ta, tb, false);
    return out;
  }
}
