package org.boarfish.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch norm and layer norm with their backward.
 *
 * <p>Both are a few passes of per-channel (per-row) sums plus one scale-and-shift pass, so they run
 * as plain Java loops over the arrays' native memory ({@link Buf}), accumulating in double, instead
 * of a dozen ND4J op dispatches and temporaries (libnd4j's {@code batchnorm}/{@code batchnorm_bp}
 * take ~5 ms each way on [32, 64, 16, 16]; this takes ~1.5-2 ms for forward plus backward). Large
 * inputs are split over channels (rows) between two threads. Float32 batch norm of [N, C, H, W]
 * input runs in channel blocks over native memory ({@link BatchNormBlocks32}), of [N, C] input on
 * heap copies ({@link BatchNorm32}); both use loops C2 vectorises, several times faster than {@link
 * Buf}'s element-by-element access to native memory. The {@link Buf} kernels serve float64. {@link
 * Buf} and the helpers at the end are shared with the embedding, dropout and LSTM ops.
 */
final class NormOps {
  /** Below this many elements a kernel runs on the calling thread only. */
  private static final long PARALLEL_MIN = 1 << 17;

  /**
   * Channel segments (the product of the dims after C) shorter than this are processed sample by
   * sample.
   */
  private static final int SEGMENT_MIN = 32;

  private NormOps() {}

  // ---------------------------------------------------------------- batch norm

  /**
   * Batch norm over dim 1 of [N, C, ...]. Training (or no running stats given) normalises with the
   * batch mean and biased variance and, when running stats are given in training, updates them in
   * place with the unbiased variance; eval uses the running stats. Running stats never enter the
   * graph.
   */
  static Tensor batchNorm(
      Tensor x,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps) {
    return batchNorm(
        x, runningMean, runningVar, weight, bias, training, momentum, eps, null, false);
  }

  /**
   * {@link #batchNorm}, then {@code + residual} (same shape as x, or null) and a ReLU when {@code
   * relu}, as one op. Float32 runs it in one pass each way ({@link BatchNorm32}); float64 composes
   * the three ops.
   */
  static Tensor batchNormAct(
      Tensor x,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps,
      Tensor residual,
      boolean relu) {
    if (residual != null && !java.util.Arrays.equals(residual.shape(), x.shape())) {
      throw new IllegalArgumentException(
          "batchNormAct: residual "
              + Shapes.str(residual.shape())
              + " must have the input's shape "
              + Shapes.str(x.shape()));
    }
    if (residual != null && residual.dtype() != x.dtype()) {
      throw new IllegalArgumentException(
          "batchNormAct: residual is " + residual.dtype() + " but the input is " + x.dtype());
    }
    if (x.dtype() != DType.FLOAT32) {
      Tensor y = batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
      y = residual == null ? y : y.add(residual);
      return relu ? y.relu() : y;
    }
    return batchNorm(
        x, runningMean, runningVar, weight, bias, training, momentum, eps, residual, relu);
  }

  private static Tensor batchNorm(
      Tensor x,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps,
      Tensor residual,
      boolean relu) {
    if (x.dim() < 2) {
      throw new IllegalArgumentException(
          "batchNorm: input must be [N, C, ...] with at least 2 dims, got shape "
              + Shapes.str(x.shape()));
    }
    if ((runningMean == null) != (runningVar == null)) {
      throw new IllegalArgumentException(
          "batchNorm: give both running mean and running var, or neither");
    }
    checkFloat("batchNorm", x);
    long[] xs = x.shape();
    int n = Math.toIntExact(xs[0]);
    int c = Math.toIntExact(xs[1]);
    int s = Math.toIntExact(x.numel() / Math.max(1, (long) n * c));
    checkVector("batchNorm", "weight", weight, c, x);
    checkVector("batchNorm", "bias", bias, c, x);
    checkVector("batchNorm", "running mean", runningMean, c, x);
    checkVector("batchNorm", "running var", runningVar, c, x);
    long m = (long) n * s;
    boolean batchStats = training || runningMean == null;
    if (batchStats && m <= 1) {
      throw new IllegalArgumentException(
          "batchNorm: expected more than 1 value per channel when training, got input shape "
              + Shapes.str(xs));
    }
    INDArray xa = dense(x.data());
    if (xa.dataType() == DataType.FLOAT && s >= BatchNormBlocks32.MIN_SEGMENT) {
      return batchNormBlocks(
          x, xa, runningMean, runningVar, weight, bias, training, momentum, eps, residual, relu);
    }
    Buf xb = Buf.of(xa);
    double[] mean = new double[c];
    double[] invStd = new double[c];
    boolean f32 = xa.dataType() == DataType.FLOAT;
    float[] xv = f32 ? Floats.read(xa, 0) : null;
    if (batchStats) {
      double[] var = new double[c];
      if (f32) {
        BatchNorm32.moments(xv, n, c, s, mean, var);
      } else if (s < SEGMENT_MIN) {
        sampleMoments(xb, n, c, s, mean, var);
      } else {
        parallel(c, x.numel(), (lo, hi) -> channelMoments(xb, n, c, s, lo, hi, mean, var));
      }
      for (int k = 0; k < c; k++) {
        invStd[k] = 1 / Math.sqrt(var[k] + eps);
      }
      if (training && runningMean != null) {
        updateRunning(runningMean, runningVar, mean, var, m, momentum);
      }
    } else {
      double[] rm = doubles(runningMean);
      double[] rv = doubles(runningVar);
      for (int k = 0; k < c; k++) {
        mean[k] = rm[k];
        invStd[k] = 1 / Math.sqrt(rv[k] + eps);
      }
    }
    double[] w = weight == null ? null : doubles(weight);
    double[] b = bias == null ? null : doubles(bias);
    // y = (x − μ)·scale + b per channel, scale = w·σ⁻¹
    double[] scale = new double[c];
    double[] shift = new double[c];
    for (int k = 0; k < c; k++) {
      scale[k] = invStd[k] * (w == null ? 1 : w[k]);
      shift[k] = b == null ? 0 : b[k];
    }
    INDArray y = Kernels.empty(xa.dataType(), xs);
    Buf yb = Buf.of(y);
    INDArray ra = residual == null ? null : dense(residual.data());
    if (f32) {
      BatchNorm32.affine(
          xv, n, c, s, mean, scale, shift, ra == null ? null : Floats.read(ra, 1), relu);
      Floats.write(xv, y);
    } else if (s < SEGMENT_MIN) {
      sampleLinear(null, xb, yb, n, c, s, null, mean, scale, shift);
    } else {
      parallel(
          c, x.numel(), (lo, hi) -> channelAffine(xb, yb, n, c, s, lo, hi, mean, scale, shift));
    }

    int ri = 1 + (weight == null ? 0 : 1) + (bias == null ? 0 : 1);
    BackwardFn fn =
        g -> {
          INDArray ga = dense(g.out());
          Buf gb = Buf.of(ga);
          // Σ g and Σ g·x̂ per channel
          double[] sumG = new double[c];
          double[] sumGx = new double[c];
          float[] gv = f32 ? Floats.read(ga, 0) : null;
          if (relu) {
            BatchNorm32.reluMask(gv, Floats.read(y, 1), n * c * s);
          }
          INDArray gRes = ra != null && g.needs(ri) ? Kernels.empty(xa.dataType(), xs) : null;
          if (gRes != null) {
            Floats.write(gv, gRes);
          }
          float[] xv2 = f32 ? Floats.read(xa, 1) : null;
          if (f32) {
            BatchNorm32.gradSums(gv, xv2, n, c, s, mean, sumG, sumGx);
            for (int k = 0; k < c; k++) {
              sumGx[k] *= invStd[k];
            }
          } else if (s < SEGMENT_MIN) {
            sampleGradSums(xb, gb, n, c, s, mean, invStd, sumG, sumGx);
          } else {
            parallel(
                c,
                ga.length(),
                (lo, hi) -> channelGradSums(xb, gb, n, c, s, lo, hi, mean, invStd, sumG, sumGx));
          }
          INDArray dx = null;
          if (g.needs(0)) {
            dx = Kernels.empty(xa.dataType(), xs);
            Buf db = Buf.of(dx);
            // dx = a·g + b·(x − μ) + d per channel; training: a = w·σ⁻¹, b = −a·σ⁻¹·Σ(g·x̂)/M, d =
            // −a·Σg/M; eval: dx = a·g
            double[] a = scale;
            double[] bx = new double[c];
            double[] d = new double[c];
            if (batchStats) {
              for (int k = 0; k < c; k++) {
                bx[k] = -scale[k] * invStd[k] * sumGx[k] / m;
                d[k] = -scale[k] * sumG[k] / m;
              }
            }
            if (f32) {
              BatchNorm32.linear(gv, xv2, n, c, s, a, mean, bx, d);
              Floats.write(gv, dx);
            } else if (s < SEGMENT_MIN) {
              sampleLinear(gb, xb, db, n, c, s, a, mean, bx, d);
            } else {
              parallel(
                  c,
                  ga.length(),
                  (lo, hi) -> channelInputGrad(xb, gb, db, n, c, s, lo, hi, mean, a, bx, d));
            }
          }
          return batchNormGrads(g, dx, sumGx, sumG, xa.dataType(), c, weight, bias, ra, gRes);
        };
    return recordBatchNorm(y, fn, x, weight, bias, residual, relu);
  }

  /**
   * {@link #batchNorm} of float32 input with channel segments of at least {@link
   * BatchNormBlocks32#MIN_SEGMENT} floats, in channel blocks over native memory.
   */
  private static Tensor batchNormBlocks(
      Tensor x,
      INDArray xa,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps,
      Tensor residual,
      boolean relu) {
    long[] xs = x.shape();
    int n = Math.toIntExact(xs[0]);
    int c = Math.toIntExact(xs[1]);
    int s = Math.toIntExact(x.numel() / ((long) n * c));
    BatchNormBlocks32.Geometry geo = new BatchNormBlocks32.Geometry(n, c, s);
    long m = (long) n * s;
    boolean batchStats = training || runningMean == null;
    double[] mean = batchStats ? new double[c] : doubles(runningMean);
    double[] var = batchStats ? new double[c] : doubles(runningVar);
    double[] invStd = new double[c];
    double[] scale = new double[c];
    double[] shift = new double[c];
    double[] w = weight == null ? null : doubles(weight);
    double[] b = bias == null ? null : doubles(bias);
    INDArray y = Kernels.empty(xa.dataType(), xs);
    INDArray ra = residual == null ? null : dense(residual.data());
    BatchNormBlocks32.forward(
        geo, xa, ra, y, batchStats, eps, w, b, relu, mean, var, invStd, scale, shift);
    if (training && runningMean != null) {
      updateRunning(runningMean, runningVar, mean, var, m, momentum);
    }
    int ri = 1 + (weight == null ? 0 : 1) + (bias == null ? 0 : 1);
    BackwardFn fn =
        g -> {
          INDArray ga = dense(g.out());
          double[] sumG = new double[c];
          double[] sumGx = new double[c];
          INDArray gRes = ra != null && g.needs(ri) ? Kernels.empty(xa.dataType(), xs) : null;
          INDArray dx = g.needs(0) ? Kernels.empty(xa.dataType(), xs) : null;
          BatchNormBlocks32.backward(
              geo, ga, relu ? y : null, xa, gRes, dx, batchStats, mean, invStd, scale, sumG, sumGx);
          return batchNormGrads(g, dx, sumGx, sumG, xa.dataType(), c, weight, bias, ra, gRes);
        };
    return recordBatchNorm(y, fn, x, weight, bias, residual, relu);
  }

  /**
   * A batch norm's gradients in the order of its inputs: dx, dW and dB for the affine parameters it
   * has (the sums computed only where asked for), then the residual's gradient when it has one.
   */
  private static INDArray[] batchNormGrads(
      Grads g,
      INDArray dx,
      double[] sumGx,
      double[] sumG,
      DataType dt,
      int c,
      Tensor weight,
      Tensor bias,
      INDArray residual,
      INDArray gRes) {
    int wi = weight == null ? -1 : 1;
    int bi = bias == null ? -1 : (weight == null ? 1 : 2);
    INDArray[] r =
        compact(
            new INDArray[] {
              dx,
              wi > 0 && g.needs(wi) ? array(sumGx, dt, c) : null,
              bi > 0 && g.needs(bi) ? array(sumG, dt, c) : null
            },
            weight != null,
            bias != null);
    if (residual == null) {
      return r;
    }
    INDArray[] withRes = java.util.Arrays.copyOf(r, r.length + 1);
    withRes[r.length] = gRes;
    return withRes;
  }

  /** Records a batch norm's output with its inputs (x, weight, bias, then the residual if any). */
  private static Tensor recordBatchNorm(
      INDArray y,
      BackwardFn fn,
      Tensor x,
      Tensor weight,
      Tensor bias,
      Tensor residual,
      boolean relu) {
    Tensor[] in = inputs(x, weight, bias);
    if (residual != null) {
      in = java.util.Arrays.copyOf(in, in.length + 1);
      in[in.length - 1] = residual;
    }
    return Tensor.make(y, residual != null || relu ? "batchNormAct" : "batchNorm", fn, in);
  }

  /** Mean and biased variance (two-pass) of channels [lo, hi). */
  private static void channelMoments(
      Buf x, int n, int c, int s, int lo, int hi, double[] mean, double[] var) {
    double inv = 1.0 / ((long) n * s);
    for (int k = lo; k < hi; k++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x.sum((i * c + k) * s, s);
      }
      double mu = sum * inv;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        sq += x.sumSqDev((i * c + k) * s, s, mu);
      }
      mean[k] = mu;
      var[k] = sq * inv;
    }
  }

  /** y = (x − mu[k])·scale[k] + shift[k] over channels [lo, hi). */
  private static void channelAffine(
      Buf x,
      Buf y,
      int n,
      int c,
      int s,
      int lo,
      int hi,
      double[] mu,
      double[] scale,
      double[] shift) {
    for (int i = 0; i < n; i++) {
      for (int k = lo; k < hi; k++) {
        x.affineTo(y, (i * c + k) * s, s, mu[k], scale[k], shift[k]);
      }
    }
  }

  private static void channelGradSums(
      Buf x,
      Buf g,
      int n,
      int c,
      int s,
      int lo,
      int hi,
      double[] mean,
      double[] invStd,
      double[] sumG,
      double[] sumGx) {
    double[] acc = new double[2];
    for (int k = lo; k < hi; k++) {
      double sg = 0;
      double sgx = 0;
      for (int i = 0; i < n; i++) {
        g.dotCentered(x, (i * c + k) * s, s, mean[k], acc);
        sg += acc[0];
        sgx += acc[1];
      }
      sumG[k] = sg;
      sumGx[k] = sgx * invStd[k];
    }
  }

  /** dx = a[k]·g + bx[k]·(x − mean[k]) + d[k] over channels [lo, hi). */
  private static void channelInputGrad(
      Buf x,
      Buf g,
      Buf dx,
      int n,
      int c,
      int s,
      int lo,
      int hi,
      double[] mean,
      double[] a,
      double[] bx,
      double[] d) {
    for (int i = 0; i < n; i++) {
      for (int k = lo; k < hi; k++) {
        g.linearTo(x, dx, (i * c + k) * s, s, a[k], mean[k], bx[k], d[k]);
      }
    }
  }

  // Short channel segments (s < SEGMENT_MIN, e.g. [N, C] input) go sample by sample through heap
  // copies instead,
  // with s == 1 (the common [N, C] case) in simple loops the JIT vectorises.

  private static void sampleMoments(Buf x, int n, int c, int s, double[] mean, double[] var) {
    int cs = c * s;
    double[] row = new double[cs];
    double inv = 1.0 / ((long) n * s);
    for (int i = 0; i < n; i++) {
      x.read(i * cs, row, 0, cs);
      if (s == 1) {
        for (int k = 0; k < c; k++) {
          mean[k] += row[k];
        }
      } else {
        for (int k = 0, p = 0; k < c; k++) {
          for (int j = 0; j < s; j++, p++) {
            mean[k] += row[p];
          }
        }
      }
    }
    for (int k = 0; k < c; k++) {
      mean[k] *= inv;
    }
    for (int i = 0; i < n; i++) {
      x.read(i * cs, row, 0, cs);
      if (s == 1) {
        for (int k = 0; k < c; k++) {
          double v = row[k] - mean[k];
          var[k] += v * v;
        }
      } else {
        for (int k = 0, p = 0; k < c; k++) {
          for (int j = 0; j < s; j++, p++) {
            double v = row[p] - mean[k];
            var[k] += v * v;
          }
        }
      }
    }
    for (int k = 0; k < c; k++) {
      var[k] *= inv;
    }
  }

  /** out = a[k]·g + (x − mu[k])·bx[k] + d[k] per sample (g and a null: no g term). */
  private static void sampleLinear(
      Buf g,
      Buf x,
      Buf out,
      int n,
      int c,
      int s,
      double[] a,
      double[] mu,
      double[] bx,
      double[] d) {
    int cs = c * s;
    double[] xr = new double[cs];
    double[] gr = new double[cs];
    for (int i = 0; i < n; i++) {
      x.read(i * cs, xr, 0, cs);
      if (g != null) {
        g.read(i * cs, gr, 0, cs);
      }
      if (s == 1) {
        for (int k = 0; k < c; k++) {
          xr[k] = (xr[k] - mu[k]) * bx[k] + d[k];
        }
        if (g != null) {
          for (int k = 0; k < c; k++) {
            xr[k] += a[k] * gr[k];
          }
        }
      } else {
        for (int k = 0, p = 0; k < c; k++) {
          for (int j = 0; j < s; j++, p++) {
            xr[p] = (xr[p] - mu[k]) * bx[k] + d[k] + (g == null ? 0 : a[k] * gr[p]);
          }
        }
      }
      out.write(i * cs, xr, 0, cs);
    }
  }

  private static void sampleGradSums(
      Buf x,
      Buf g,
      int n,
      int c,
      int s,
      double[] mean,
      double[] invStd,
      double[] sumG,
      double[] sumGx) {
    int cs = c * s;
    double[] xr = new double[cs];
    double[] gr = new double[cs];
    for (int i = 0; i < n; i++) {
      x.read(i * cs, xr, 0, cs);
      g.read(i * cs, gr, 0, cs);
      if (s == 1) {
        for (int k = 0; k < c; k++) {
          sumG[k] += gr[k];
          sumGx[k] += gr[k] * (xr[k] - mean[k]);
        }
      } else {
        for (int k = 0, p = 0; k < c; k++) {
          for (int j = 0; j < s; j++, p++) {
            sumG[k] += gr[p];
            sumGx[k] += gr[p] * (xr[p] - mean[k]);
          }
        }
      }
    }
    for (int k = 0; k < c; k++) {
      sumGx[k] *= invStd[k];
    }
  }

  private static void updateRunning(
      Tensor runningMean, Tensor runningVar, double[] mean, double[] var, long m, double momentum) {
    double[] rm = doubles(runningMean);
    double[] rv = doubles(runningVar);
    double unbias = (double) m / (m - 1);
    for (int k = 0; k < rm.length; k++) {
      rm[k] = (1 - momentum) * rm[k] + momentum * mean[k];
      rv[k] = (1 - momentum) * rv[k] + momentum * var[k] * unbias;
    }
    store(rm, runningMean.data());
    store(rv, runningVar.data());
  }

  // ---------------------------------------------------------------- layer norm

  /**
   * Layer norm over the trailing {@code normalizedShape} dims: biased variance, eps inside the
   * square root.
   */
  static Tensor layerNorm(
      Tensor x, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    checkFloat("layerNorm", x);
    long[] xs = x.shape();
    int nd = normalizedShape.length;
    boolean ok = nd >= 1 && nd <= xs.length;
    for (int i = 0; ok && i < nd; i++) {
      ok = xs[xs.length - nd + i] == normalizedShape[i];
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "layerNorm: normalized shape "
              + Shapes.str(normalizedShape)
              + " must be the trailing dims of the input shape "
              + Shapes.str(xs));
    }
    for (Tensor p : new Tensor[] {weight, bias}) {
      String what = p == weight ? "weight" : "bias";
      if (p != null && !java.util.Arrays.equals(p.shape(), normalizedShape)) {
        throw new IllegalArgumentException(
            "layerNorm: "
                + what
                + " shape "
                + Shapes.str(p.shape())
                + " should be the normalized shape "
                + Shapes.str(normalizedShape));
      }
      if (p != null && p.dtype() != x.dtype()) {
        throw new IllegalArgumentException(
            "layerNorm: " + what + " is " + p.dtype() + " but the input is " + x.dtype());
      }
    }
    int d = Math.toIntExact(Shapes.numel(normalizedShape));
    int r = Math.toIntExact(x.numel() / Math.max(1, d));
    INDArray xa = dense(x.data());
    Buf xb = Buf.of(xa);
    double[] w = weight == null ? null : doubles(weight);
    double[] b = bias == null ? null : doubles(bias);
    double[] mean = new double[r];
    double[] invStd = new double[r];
    INDArray y = Kernels.empty(xa.dataType(), xs);
    Buf yb = Buf.of(y);
    // row by row on heap copies: y = x̂·w + b
    parallel(
        r,
        x.numel(),
        (lo, hi) -> {
          double[] row = new double[d];
          for (int i = lo; i < hi; i++) {
            xb.read(i * d, row, 0, d);
            double mu = 0;
            for (int j = 0; j < d; j++) {
              mu += row[j];
            }
            mu /= d;
            double sq = 0;
            for (int j = 0; j < d; j++) {
              double v = row[j] - mu;
              sq += v * v;
            }
            double is = 1 / Math.sqrt(sq / d + eps);
            mean[i] = mu;
            invStd[i] = is;
            for (int j = 0; j < d; j++) {
              double h = (row[j] - mu) * is;
              row[j] = (w == null ? h : h * w[j]) + (b == null ? 0 : b[j]);
            }
            yb.write(i * d, row, 0, d);
          }
        });
    int wi = weight == null ? -1 : 1;
    int bi = bias == null ? -1 : (weight == null ? 1 : 2);
    BackwardFn fn =
        g -> {
          Buf gb = Buf.of(dense(g.out()));
          boolean needX = g.needs(0);
          boolean needW = wi > 0 && g.needs(wi);
          boolean needB = bi > 0 && g.needs(bi);
          INDArray dx = needX ? Kernels.empty(xa.dataType(), xs) : null;
          Buf dxb = dx == null ? null : Buf.of(dx);
          // per-half partial sums of dw, db (parallel runs at most two halves, the first starting
          // at 0)
          double[][] dw = new double[2][];
          double[][] db = new double[2][];
          parallel(
              r,
              2 * x.numel(),
              (lo, hi) -> {
                int half = lo == 0 ? 0 : 1;
                double[] pw = needW ? new double[d] : null;
                double[] pb = needB ? new double[d] : null;
                double[] xr = new double[d];
                double[] gr = new double[d];
                for (int i = lo; i < hi; i++) {
                  xb.read(i * d, xr, 0, d);
                  gb.read(i * d, gr, 0, d);
                  double mu = mean[i];
                  double is = invStd[i];
                  double sumDh = 0;
                  double sumDhX = 0;
                  for (int j = 0; j < d; j++) {
                    double h = (xr[j] - mu) * is;
                    xr[j] = h;
                    double dh = w == null ? gr[j] : gr[j] * w[j];
                    sumDh += dh;
                    sumDhX += dh * h;
                    if (pw != null) {
                      pw[j] += gr[j] * h;
                    }
                    if (pb != null) {
                      pb[j] += gr[j];
                    }
                  }
                  if (dxb != null) {
                    // dx = σ⁻¹·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), dx̂ = g·w
                    double mDh = sumDh / d;
                    double mDhX = sumDhX / d;
                    for (int j = 0; j < d; j++) {
                      double dh = w == null ? gr[j] : gr[j] * w[j];
                      gr[j] = is * (dh - mDh - xr[j] * mDhX);
                    }
                    dxb.write(i * d, gr, 0, d);
                  }
                }
                dw[half] = pw;
                db[half] = pb;
              });
          return compact(
              new INDArray[] {
                dx,
                needW ? array(merge(dw, d), xa.dataType(), normalizedShape) : null,
                needB ? array(merge(db, d), xa.dataType(), normalizedShape) : null
              },
              weight != null,
              bias != null);
        };
    return Tensor.make(y, "layerNorm", fn, inputs(x, weight, bias));
  }

  /** The sum of the non-null partial arrays. */
  private static double[] merge(double[][] parts, int n) {
    double[] out = new double[n];
    for (double[] p : parts) {
      if (p != null) {
        for (int j = 0; j < n; j++) {
          out[j] += p[j];
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static Tensor[] inputs(Tensor x, Tensor weight, Tensor bias) {
    if (weight != null && bias != null) {
      return new Tensor[] {x, weight, bias};
    }
    if (weight != null) {
      return new Tensor[] {x, weight};
    }
    return bias != null ? new Tensor[] {x, bias} : new Tensor[] {x};
  }

  /**
   * Drops the gradient slots of absent (null) parameters so the array lines up with {@link
   * #inputs}.
   */
  private static INDArray[] compact(INDArray[] r, boolean hasWeight, boolean hasBias) {
    if (hasWeight && hasBias) {
      return r;
    }
    if (hasWeight) {
      return new INDArray[] {r[0], r[1]};
    }
    return hasBias ? new INDArray[] {r[0], r[2]} : new INDArray[] {r[0]};
  }

  private static void checkVector(String op, String what, Tensor t, int c, Tensor x) {
    if (t == null) {
      return;
    }
    if (t.dim() != 1 || t.size(0) != c) {
      throw new IllegalArgumentException(
          op
              + ": "
              + what
              + " shape "
              + Shapes.str(t.shape())
              + " should be ["
              + c
              + "] for input shape "
              + Shapes.str(x.shape()));
    }
    if (t.dtype() != x.dtype()) {
      throw new IllegalArgumentException(
          op + ": " + what + " is " + t.dtype() + " but the input is " + x.dtype());
    }
  }

  static void checkFloat(String op, Tensor x) {
    if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException(
          op + ": input must be float32 or float64, got " + x.dtype());
    }
  }

  /**
   * {@code a} itself when its elements are laid out row-major (a row-block view included), else a
   * row-major copy. Unlike {@link Kernels#contiguous} this looks at the strides: ND4J reports
   * permuted arrays as 'c'-ordered non-views.
   */
  static INDArray dense(INDArray a) {
    return Buf.rowMajor(a) ? a : a.dup('c');
  }

  /**
   * The elements of a float tensor, read straight from its memory (no ND4J op when it is
   * row-major).
   */
  static double[] doubles(Tensor t) {
    INDArray a = dense(t.data());
    double[] v = new double[Math.toIntExact(a.length())];
    Buf.of(a).read(0, v, 0, v.length);
    return v;
  }

  /** A new row-major array of the given type and shape holding {@code v}. */
  static INDArray array(double[] v, DataType type, long... shape) {
    INDArray a = Kernels.empty(type, shape);
    Buf.of(a).write(0, v, 0, v.length);
    return a;
  }

  /**
   * Overwrites the elements of {@code dst} in place (in its memory when row-major, else by an ND4J
   * assign).
   */
  private static void store(double[] v, INDArray dst) {
    if (Buf.rowMajor(dst)) {
      Buf.of(dst).write(0, v, 0, v.length);
    } else {
      dst.assign(array(v, dst.dataType(), dst.shape()));
    }
  }

  /** A loop body over the index range [lo, hi). */
  @FunctionalInterface
  interface Range {
    void run(int lo, int hi);
  }

  /**
   * Runs {@code body} over [0, n): on the calling thread for small work, else split in two halves,
   * one of them on the common fork-join pool. The halves must write disjoint data.
   */
  static void parallel(int n, long work, Range body) {
    parallel(n, work, PARALLEL_MIN, body);
  }

  /**
   * {@link #parallel(int, long, Range)} with its own threshold: split only when {@code work >=
   * min}.
   */
  static void parallel(int n, long work, long min, Range body) {
    if (n < 2
        || work < min
        || ForkJoinPool.getCommonPoolParallelism() < 1
        || Runtime.getRuntime().availableProcessors() < 2) {
      body.run(0, n);
      return;
    }
    int mid = n / 2;
    ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> body.run(mid, n));
    body.run(0, mid);
    other.join();
  }

  /**
   * Flat element access to the native memory of a row-major float32 or float64 array (a view
   * included), in double precision; index 0 is the array's first element. Shared by the norm,
   * dropout and LSTM kernels.
   */
  abstract static class Buf {
    /**
     * The accessor of a row-major array (pass it through {@link NormOps#dense} first if it may be
     * strided).
     */
    static Buf of(INDArray a) {
      if (!rowMajor(a)) {
        throw new IllegalArgumentException(
            "internal: Buf needs a row-major contiguous array, got " + a.shapeInfoToString());
      }
      int off = Math.toIntExact(a.offset());
      switch (a.dataType()) {
        case FLOAT:
          {
            FloatBuffer fb = a.data().asNioFloat();
            fb.position(off);
            return new F32(fb.slice());
          }
        case DOUBLE:
          {
            DoubleBuffer db = a.data().asNioDouble();
            db.position(off);
            return new F64(db.slice());
          }
        default:
          throw new IllegalArgumentException(
              "expected a float32 or float64 array, got " + a.dataType());
      }
    }

    /**
     * Whether the elements of {@code a} lie in its buffer in row-major order with no gaps (from its
     * offset).
     */
    static boolean rowMajor(INDArray a) {
      long[] shape = a.shape();
      long[] stride = a.stride();
      long expect = 1;
      for (int i = shape.length - 1; i >= 0; i--) {
        if (shape[i] != 1 && stride[i] != expect) {
          return false;
        }
        expect *= shape[i];
      }
      return true;
    }

    abstract double get(int i);

    /** dst[dstOff + k] = a[off + k] for k < len (bulk, converting to double). */
    abstract void read(int off, double[] dst, int dstOff, int len);

    /** a[off + k] = src[srcOff + k] for k < len (bulk, converting from double). */
    abstract void write(int off, double[] src, int srcOff, int len);

    abstract void set(int i, double v);

    /** Σ a[off .. off+len). */
    abstract double sum(int off, int len);

    /** Σ (a[i] − mu)² over [off, off+len). */
    abstract double sumSqDev(int off, int len, double mu);

    /** y[i] = (a[i] − mu)·scale + shift over [off, off+len). */
    abstract void affineTo(Buf y, int off, int len, double mu, double scale, double shift);

    /** acc = {Σ a[i], Σ a[i]·(x[i] − mu)} over [off, off+len). */
    abstract void dotCentered(Buf x, int off, int len, double mu, double[] acc);

    /** out[i] = a[i]·ca + (x[i] − mu)·cx + d over [off, off+len). */
    abstract void linearTo(
        Buf x, Buf out, int off, int len, double ca, double mu, double cx, double d);
  }

  private static final class F32 extends Buf {
    private static final int BLOCK = 1024;
    final FloatBuffer b;

    F32(FloatBuffer b) {
      this.b = b;
    }

    @Override
    double get(int i) {
      return b.get(i);
    }

    @Override
    void set(int i, double v) {
      b.put(i, (float) v);
    }

    private static final ThreadLocal<float[][]> SCRATCH =
        ThreadLocal.withInitial(() -> new float[][] {new float[2 * BLOCK]});

    /** A per-thread heap buffer of at least {@code len} floats. */
    private static float[] scratch(int len) {
      float[][] holder = SCRATCH.get();
      if (holder[0].length < len) {
        holder[0] = new float[len];
      }
      return holder[0];
    }

    @Override
    void read(int off, double[] dst, int dstOff, int len) {
      float[] t = scratch(len);
      b.get(off, t, 0, len);
      for (int k = 0; k < len; k++) {
        dst[dstOff + k] = t[k];
      }
    }

    @Override
    void write(int off, double[] src, int srcOff, int len) {
      float[] t = scratch(len);
      for (int k = 0; k < len; k++) {
        t[k] = (float) src[srcOff + k];
      }
      b.put(off, t, 0, len);
    }

    @Override
    double sum(int off, int len) {
      // direct-buffer loops with double arithmetic run slowly; copy blocks to the heap first
      double s = 0;
      float[] t = scratch(BLOCK);
      for (int o = off, e = off + len; o < e; o += BLOCK) {
        int n = Math.min(BLOCK, e - o);
        b.get(o, t, 0, n);
        for (int k = 0; k < n; k++) {
          s += t[k];
        }
      }
      return s;
    }

    @Override
    double sumSqDev(int off, int len, double mu) {
      double s = 0;
      float[] t = scratch(BLOCK);
      for (int o = off, e = off + len; o < e; o += BLOCK) {
        int n = Math.min(BLOCK, e - o);
        b.get(o, t, 0, n);
        for (int k = 0; k < n; k++) {
          double v = t[k] - mu;
          s += v * v;
        }
      }
      return s;
    }

    @Override
    void affineTo(Buf y, int off, int len, double mu, double scale, double shift) {
      // float arithmetic: a double round trip makes this loop ~8× slower
      FloatBuffer o = ((F32) y).b;
      float m = (float) mu;
      float sc = (float) scale;
      float sh = (float) shift;
      for (int i = off, e = off + len; i < e; i++) {
        o.put(i, (b.get(i) - m) * sc + sh);
      }
    }

    @Override
    void dotCentered(Buf x, int off, int len, double mu, double[] acc) {
      FloatBuffer xb = ((F32) x).b;
      float[] t = scratch(2 * BLOCK);
      double sg = 0;
      double sgx = 0;
      for (int o = off, e = off + len; o < e; o += BLOCK) {
        int n = Math.min(BLOCK, e - o);
        b.get(o, t, 0, n);
        xb.get(o, t, BLOCK, n);
        for (int k = 0; k < n; k++) {
          double gv = t[k];
          sg += gv;
          sgx += gv * (t[BLOCK + k] - mu);
        }
      }
      acc[0] = sg;
      acc[1] = sgx;
    }

    @Override
    void linearTo(Buf x, Buf out, int off, int len, double ca, double mu, double cx, double d) {
      FloatBuffer xb = ((F32) x).b;
      FloatBuffer o = ((F32) out).b;
      float a = (float) ca;
      float m = (float) mu;
      float bx = (float) cx;
      float dd = (float) d;
      for (int i = off, e = off + len; i < e; i++) {
        o.put(i, b.get(i) * a + (xb.get(i) - m) * bx + dd);
      }
    }
  }

  private static final class F64 extends Buf {
    final DoubleBuffer b;

    F64(DoubleBuffer b) {
      this.b = b;
    }

    @Override
    double get(int i) {
      return b.get(i);
    }

    @Override
    void set(int i, double v) {
      b.put(i, v);
    }

    @Override
    void read(int off, double[] dst, int dstOff, int len) {
      b.get(off, dst, dstOff, len);
    }

    @Override
    void write(int off, double[] src, int srcOff, int len) {
      b.put(off, src, srcOff, len);
    }

    @Override
    double sum(int off, int len) {
      double s = 0;
      for (int i = off, e = off + len; i < e; i++) {
        s += b.get(i);
      }
      return s;
    }

    @Override
    double sumSqDev(int off, int len, double mu) {
      double s = 0;
      for (int i = off, e = off + len; i < e; i++) {
        double v = b.get(i) - mu;
        s += v * v;
      }
      return s;
    }

    @Override
    void affineTo(Buf y, int off, int len, double mu, double scale, double shift) {
      DoubleBuffer o = ((F64) y).b;
      for (int i = off, e = off + len; i < e; i++) {
        o.put(i, (b.get(i) - mu) * scale + shift);
      }
    }

    @Override
    void dotCentered(Buf x, int off, int len, double mu, double[] acc) {
      DoubleBuffer xb = ((F64) x).b;
      double sg = 0;
      double sgx = 0;
      for (int i = off, e = off + len; i < e; i++) {
        double gv = b.get(i);
        sg += gv;
        sgx += gv * (xb.get(i) - mu);
      }
      acc[0] = sg;
      acc[1] = sgx;
    }

    @Override
    void linearTo(Buf x, Buf out, int off, int len, double ca, double mu, double cx, double d) {
      DoubleBuffer xb = ((F64) x).b;
      DoubleBuffer o = ((F64) out).b;
      for (int i = off, e = off + len; i < e; i++) {
        o.put(i, b.get(i) * ca + (xb.get(i) - mu) * cx + d);
      }
    }
  }
}
