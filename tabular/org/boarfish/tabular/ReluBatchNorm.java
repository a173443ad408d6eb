package org.boarfish.tabular;

import java.nio.FloatBuffer;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Grads;
import org.boarfish.tensor.Kernels;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNorm1d} over {@code [B, C]}, optionally after a ReLU, as one op with one Java pass
 * forward and one backward: the hidden block of {@link TabularModel} (Linear → ReLU → BatchNorm)
 * and its {@code bn_cont}. Same semantics as the modules: training normalises with the batch's mean
 * and biased variance and updates the running statistics (momentum 0.1, unbiased variance, batches
 * counted); evaluation uses the running statistics. The norm must have PyTorch's defaults (eps
 * 1e-5, momentum 0.1, affine, tracking statistics), as the ones {@link TabularModel} builds have.
 *
 * <p>Every loop runs over one row at a time, copied into a heap array indexed from 0 like the
 * per-channel arrays: the JIT (C2 of Java 17) vectorises a loop only when all its arrays share one
 * index, so {@code out[o + k] = h[o + k]·scale[k]} ran 4× slower than the same loop over row
 * copies. Per-channel sums are kept in float over blocks of at most {@value #BLOCK} rows and in
 * double across blocks; the weight and bias gradients go straight into the parameters' stored
 * gradients.
 */
final class ReluBatchNorm {
  static final double EPS = 1e-5;
  static final double MOMENTUM = 0.1;
  private static final int BLOCK = 64;

  private ReluBatchNorm() {}

  static boolean applies(Tensor x, BatchNorm1d bn) {
    return x.dim() == 2
        && x.dtype() == DType.FLOAT32
        && bn.weight() != null
        && bn.runningMean() != null
        && bn.weight().dtype() == DType.FLOAT32
        && bn.runningMean().dtype() == DType.FLOAT32
        && (bn.isTraining() ? x.size(0) > 1 : x.size(0) > 0);
  }

  /** {@code bn(relu(x))}. */
  static Tensor apply(Tensor x, BatchNorm1d bn) {
    return apply(x, bn, true);
  }

  /** {@code bn(relu(x))} when {@code relu}, else {@code bn(x)}. */
  static Tensor apply(Tensor x, BatchNorm1d bn, boolean relu) {
    int b = (int) x.size(0);
    int c = (int) x.size(1);
    FloatBuffer in = Host.buffer(Kernels.contiguous(x.data()));
    float[] h = new float[b * c]; // the (clamped) input, kept for the backward
    float[] row = new float[c];
    float[] blk = new float[c];
    double[] sum = new double[c];
    for (int i = 0; i < b; i++) {
      in.get(i * c, row, 0, c);
      if (relu) {
        relu(row, c);
      }
      System.arraycopy(row, 0, h, i * c, c);
      addInto(blk, row, c);
      if ((i + 1) % BLOCK == 0 || i == b - 1) {
        drain(blk, sum);
      }
    }
    float[] w = Host.read(bn.weight().data());
    float[] bias = Host.read(bn.bias().data());
    boolean training = bn.isTraining();
    float[] mean = new float[c];
    float[] inv = new float[c];
    if (training) {
      double[] sq = new double[c];
      for (int k = 0; k < c; k++) {
        mean[k] = (float) (sum[k] / b);
      }
      for (int i = 0; i < b; i++) {
        System.arraycopy(h, i * c, row, 0, c);
        addSquaredDeviations(blk, row, mean, c);
        if ((i + 1) % BLOCK == 0 || i == b - 1) {
          drain(blk, sq);
        }
      }
      INDArray rmA = bn.runningMean().data();
      INDArray rvA = bn.runningVar().data();
      float[] rm = Host.read(rmA);
      float[] rv = Host.read(rvA);
      for (int k = 0; k < c; k++) {
        double m = sum[k] / b;
        double var = sq[k] / b;
        inv[k] = (float) (1 / Math.sqrt(var + EPS));
        rm[k] = (float) ((1 - MOMENTUM) * rm[k] + MOMENTUM * m);
        rv[k] = (float) ((1 - MOMENTUM) * rv[k] + MOMENTUM * var * b / (b - 1));
      }
      storeInto(rm, rmA);
      storeInto(rv, rvA);
      INDArray n = bn.buffer("num_batches_tracked").data();
      n.putScalar(0, n.getLong(0) + 1);
    } else {
      float[] rm = Host.read(bn.runningMean().data());
      float[] rv = Host.read(bn.runningVar().data());
      for (int k = 0; k < c; k++) {
        mean[k] = rm[k];
        inv[k] = (float) (1 / Math.sqrt(rv[k] + EPS));
      }
    }
    // y = xhat·w + bias with xhat = (h − mean)·inv: one multiply-add per element
    float[] scale = new float[c];
    float[] shift = new float[c];
    for (int k = 0; k < c; k++) {
      scale[k] = w[k] * inv[k];
      shift[k] = bias[k] - mean[k] * scale[k];
    }
    INDArray outA = Kernels.empty(DataType.FLOAT, b, c);
    FloatBuffer out = Host.buffer(outA);
    for (int i = 0; i < b; i++) {
      System.arraycopy(h, i * c, row, 0, c);
      affine(row, scale, shift, c);
      out.put(i * c, row, 0, c);
    }
    return Tensor.make(
        outA,
        relu ? "reluBatchNorm" : "batchNorm1d",
        g -> backward(g, h, mean, inv, w, b, c, training, relu),
        x,
        bn.weight(),
        bn.bias());
  }

  private static INDArray[] backward(
      Grads g,
      float[] h,
      float[] mean,
      float[] inv,
      float[] w,
      int b,
      int c,
      boolean training,
      boolean relu) {
    FloatBuffer dyb = Host.buffer(Kernels.contiguous(g.out()));
    float[] dy = new float[c];
    float[] hr = new float[c];
    // xhat = (h − mean)·inv, so Σ dy·xhat = inv·Σ dy·(h − mean)
    double[] sdy = new double[c];
    double[] sdyh = new double[c];
    float[] bdy = new float[c];
    float[] bdyh = new float[c];
    for (int i = 0; i < b; i++) {
      dyb.get(i * c, dy, 0, c);
      System.arraycopy(h, i * c, hr, 0, c);
      addGradSums(bdy, bdyh, dy, hr, mean, c);
      if ((i + 1) % BLOCK == 0 || i == b - 1) {
        drain(bdy, sdy);
        drain(bdyh, sdyh);
      }
    }
    float[] db = new float[c];
    float[] dw = new float[c];
    for (int k = 0; k < c; k++) {
      db[k] = (float) sdy[k];
      dw[k] = (float) (sdyh[k] * inv[k]);
    }
    INDArray[] grads = new INDArray[3];
    if (g.needs(0)) {
      // training: dx = w·inv/B · (B·dy − Σdy − xhat·Σ(dy·xhat)); eval: dx = w·inv·dy
      float[] a = new float[c];
      float[] sub = new float[c];
      float[] coef = new float[c];
      for (int k = 0; k < c; k++) {
        a[k] = w[k] * inv[k];
        if (training) {
          coef[k] = (float) ((double) w[k] * inv[k] * inv[k] * dw[k] / b);
          sub[k] = (float) ((double) w[k] * inv[k] * db[k] / b);
        }
      }
      INDArray dxA = Kernels.empty(DataType.FLOAT, b, c);
      FloatBuffer dx = Host.buffer(dxA);
      for (int i = 0; i < b; i++) {
        dyb.get(i * c, dy, 0, c);
        System.arraycopy(h, i * c, hr, 0, c);
        if (relu) {
          inputGradRelu(dy, hr, a, sub, coef, mean, c);
        } else {
          inputGrad(dy, hr, a, sub, coef, mean, c);
        }
        dx.put(i * c, dy, 0, c);
      }
      grads[0] = dxA;
    }
    if (g.needs(1)) {
      grads[1] = Host.grad(g, 1, dw, c);
    }
    if (g.needs(2)) {
      grads[2] = Host.grad(g, 2, db, c);
    }
    return grads;
  }

  // Row kernels: small methods called once per row, so the JIT compiles them fully (C2,
  // vectorised) within the first few training steps; the same loops inlined in a method called
  // a few times per step stayed in slower tiers for the first ~1,000 steps.

  private static void relu(float[] row, int c) {
    for (int k = 0; k < c; k++) {
      row[k] = Math.max(row[k], 0f);
    }
  }

  private static void addInto(float[] acc, float[] row, int c) {
    for (int k = 0; k < c; k++) {
      acc[k] += row[k];
    }
  }

  private static void addSquaredDeviations(float[] acc, float[] row, float[] mean, int c) {
    for (int k = 0; k < c; k++) {
      float d = row[k] - mean[k];
      acc[k] += d * d;
    }
  }

  private static void affine(float[] row, float[] scale, float[] shift, int c) {
    for (int k = 0; k < c; k++) {
      row[k] = row[k] * scale[k] + shift[k];
    }
  }

  private static void addGradSums(
      float[] sdy, float[] sdyh, float[] dy, float[] h, float[] mean, int c) {
    for (int k = 0; k < c; k++) {
      sdy[k] += dy[k];
      sdyh[k] += dy[k] * (h[k] - mean[k]);
    }
  }

  /** {@code dy ← a·dy − sub − (h − mean)·coef}, in place. */
  private static void inputGrad(
      float[] dy, float[] h, float[] a, float[] sub, float[] coef, float[] mean, int c) {
    for (int k = 0; k < c; k++) {
      dy[k] = a[k] * dy[k] - sub[k] - (h[k] - mean[k]) * coef[k];
    }
  }

  /**
   * As {@link #inputGrad}, then zero where the ReLU's input was not positive. {@code h} is the
   * clamped input (>= 0), and min(h·2^149, 1) is exactly 1 for every positive float (the smallest
   * subnormal included) and 0 for 0: a mask without a branch, which the JIT vectorises (a
   * data-dependent branch here mispredicts half the time).
   */
  private static void inputGradRelu(
      float[] dy, float[] h, float[] a, float[] sub, float[] coef, float[] mean, int c) {
    for (int k = 0; k < c; k++) {
      float m = Math.min(h[k] * 0x1p100f * 0x1p49f, 1f);
      dy[k] = (a[k] * dy[k] - sub[k] - (h[k] - mean[k]) * coef[k]) * m;
    }
  }

  /** Adds the float block sums into the double totals and clears the block. */
  private static void drain(float[] blk, double[] total) {
    for (int k = 0; k < blk.length; k++) {
      total[k] += blk[k];
      blk[k] = 0f;
    }
  }

  private static void storeInto(float[] v, INDArray a) {
    if (Kernels.isDenseRowMajor(a) && a.dataType() == DataType.FLOAT) {
      Host.store(v, a);
    } else {
      a.assign(Host.write(v, a.shape()).castTo(a.dataType()));
    }
  }
}
