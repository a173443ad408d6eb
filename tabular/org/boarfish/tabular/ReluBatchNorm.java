package org.boarfish.tabular;

import org.boarfish.nn.BatchNorm1d;
import org.boarfish.tensor.DType;
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
 * <p>The loops run over heap copies of the small arrays (see {@link Host}), accumulate per-channel
 * sums in float over blocks of at most {@value #BLOCK} rows and in double across blocks, and add
 * the weight and bias gradients straight into the parameters' stored gradients.
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
    float[] h = Host.read(x.data());
    if (relu) {
      for (int i = 0; i < h.length; i++) {
        h[i] = Math.max(h[i], 0f);
      }
    }
    float[] w = Host.read(bn.weight().data());
    float[] bias = Host.read(bn.bias().data());
    boolean training = bn.isTraining();
    float[] mean = new float[c];
    float[] inv = new float[c];
    if (training) {
      double[] m = columnMeans(h, b, c, null);
      double[] var = columnMeans(h, b, c, m);
      INDArray rmA = bn.runningMean().data();
      INDArray rvA = bn.runningVar().data();
      float[] rm = Host.read(rmA);
      float[] rv = Host.read(rvA);
      for (int k = 0; k < c; k++) {
        mean[k] = (float) m[k];
        inv[k] = (float) (1 / Math.sqrt(var[k] + EPS));
        rm[k] = (float) ((1 - MOMENTUM) * rm[k] + MOMENTUM * m[k]);
        rv[k] = (float) ((1 - MOMENTUM) * rv[k] + MOMENTUM * var[k] * b / (b - 1));
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
    float[] out = new float[b * c];
    for (int i = 0; i < b; i++) {
      int o = i * c;
      for (int k = 0; k < c; k++) {
        out[o + k] = h[o + k] * scale[k] + shift[k];
      }
    }
    return Tensor.make(
        Host.write(out, b, c),
        relu ? "reluBatchNorm" : "batchNorm1d",
        g -> backward(g, h, mean, inv, w, b, c, training, relu),
        x,
        bn.weight(),
        bn.bias());
  }

  private static INDArray[] backward(
      org.boarfish.tensor.Grads g,
      float[] h,
      float[] mean,
      float[] inv,
      float[] w,
      int b,
      int c,
      boolean training,
      boolean relu) {
    float[] dy = Host.read(g.out());
    // xhat = (h − mean)·inv, so Σ dy·xhat = inv·(Σ dy·h − mean·Σ dy)
    double[] sdy = new double[c];
    double[] sdyh = new double[c];
    float[] bdy = new float[c];
    float[] bdyh = new float[c];
    for (int r0 = 0; r0 < b; r0 += BLOCK) {
      int r1 = Math.min(b, r0 + BLOCK);
      java.util.Arrays.fill(bdy, 0f);
      java.util.Arrays.fill(bdyh, 0f);
      for (int i = r0; i < r1; i++) {
        int o = i * c;
        for (int k = 0; k < c; k++) {
          float d = dy[o + k];
          bdy[k] += d;
          bdyh[k] += d * (h[o + k] - mean[k]);
        }
      }
      for (int k = 0; k < c; k++) {
        sdy[k] += bdy[k];
        sdyh[k] += bdyh[k];
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
        if (training) {
          a[k] = w[k] * inv[k];
          coef[k] = (float) ((double) w[k] * inv[k] * inv[k] * dw[k] / b);
          sub[k] = (float) ((double) w[k] * inv[k] * db[k] / b);
        } else {
          a[k] = w[k] * inv[k];
        }
      }
      float[] dx = new float[b * c];
      for (int i = 0; i < b; i++) {
        int o = i * c;
        for (int k = 0; k < c; k++) {
          float v = a[k] * dy[o + k] - sub[k] - (h[o + k] - mean[k]) * coef[k];
          // ReLU: no gradient where the input was not positive (h was clamped to 0 there)
          dx[o + k] = relu && h[o + k] <= 0f ? 0f : v;
        }
      }
      grads[0] = Host.write(dx, b, c);
    }
    if (g.needs(1)) {
      grads[1] = Host.grad(g, 1, dw, c);
    }
    if (g.needs(2)) {
      grads[2] = Host.grad(g, 2, db, c);
    }
    return grads;
  }

  /**
   * Per-column means of {@code h} [b, c] (when {@code centre} is null), or per-column means of
   * {@code (h − centre)²} (the biased variance): float sums over blocks of rows, double across.
   */
  private static double[] columnMeans(float[] h, int b, int c, double[] centre) {
    double[] acc = new double[c];
    float[] blk = new float[c];
    float[] ctr = new float[c];
    if (centre != null) {
      for (int k = 0; k < c; k++) {
        ctr[k] = (float) centre[k];
      }
    }
    for (int r0 = 0; r0 < b; r0 += BLOCK) {
      int r1 = Math.min(b, r0 + BLOCK);
      java.util.Arrays.fill(blk, 0f);
      for (int i = r0; i < r1; i++) {
        int o = i * c;
        if (centre == null) {
          for (int k = 0; k < c; k++) {
            blk[k] += h[o + k];
          }
        } else {
          for (int k = 0; k < c; k++) {
            float d = h[o + k] - ctr[k];
            blk[k] += d * d;
          }
        }
      }
      for (int k = 0; k < c; k++) {
        acc[k] += blk[k];
      }
    }
    for (int k = 0; k < c; k++) {
      acc[k] /= b;
    }
    return acc;
  }

  private static void storeInto(float[] v, INDArray a) {
    if (Kernels.isDenseRowMajor(a) && a.dataType() == DataType.FLOAT) {
      Host.store(v, a);
    } else {
      a.assign(Host.write(v, a.shape()).castTo(a.dataType()));
    }
  }
}
