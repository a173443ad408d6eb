package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss functions. Cross-entropy is one fused op (log-softmax, pick, smoothing; backward softmax −
 * target); the others are compositions of differentiable ops.
 */
final class LossOps {
  private LossOps() {}

  static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction, double ls) {
    if (!logits.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "crossEntropy: logits must be float, got " + logits.dtype());
    }
    if (ls < 0 || ls > 1) {
      throw new IllegalArgumentException(
          "crossEntropy: label smoothing must be in [0, 1], got " + ls);
    }
    if (logits.dim() == 1) {
      Tensor one = crossEntropy(logits.unsqueeze(0), target.reshape(1), reduction, ls);
      return reduction == Reduction.NONE ? one.reshape() : one;
    }
    long[] ls0 = logits.shape();
    long[] expected = new long[ls0.length - 1];
    expected[0] = ls0[0];
    System.arraycopy(ls0, 2, expected, 1, ls0.length - 2);
    if (!Arrays.equals(target.shape(), expected)) {
      throw new IllegalArgumentException(
          "crossEntropy: logits of shape "
              + Shapes.str(ls0)
              + " need targets of shape "
              + Shapes.str(expected)
              + " (class indices), got "
              + Shapes.str(target.shape())
              + "; for one-hot or soft targets use a different loss");
    }
    if (logits.dim() == 2) {
      return crossEntropy2d(logits, target, reduction, ls);
    }
    int r = logits.dim();
    int[] perm = new int[r];
    perm[r - 1] = 1;
    for (int i = 0, j = 0; i < r; i++) {
      if (i != 1) {
        perm[j++] = i;
      }
    }
    Tensor flat = logits.permute(perm).reshape(-1, ls0[1]);
    Tensor loss = crossEntropy2d(flat, target.reshape(-1), reduction, ls);
    return reduction == Reduction.NONE ? loss.reshape(expected) : loss;
  }

  /** Below this many logits one Java pass beats a dozen native calls of 10–40 µs dispatch each. */
  private static final long SMALL = 1 << 16;

  private static Tensor crossEntropy2d(
      Tensor logits, Tensor target, Reduction reduction, double ls) {
    long n = logits.size(0);
    long c = logits.size(1);
    long[] t = classIndices(target, c);
    if (n * c <= SMALL) {
      return crossEntropySmall(logits, target, t, reduction, ls);
    }
    return crossEntropyLarge(logits, target, t, reduction, ls);
  }

  /**
   * Cross-entropy of a large [N, C] (a language model's 2,048 × 10,000 logits): one native softmax
   * on every core gives the probabilities, the loss reads only the N target probabilities, and the
   * backward turns the probabilities into the gradient {@code (softmax − (1−ε)·onehot − ε/C)·scale}
   * in place (two passes over [N, C] at most, no other [N, C] temporary). A second backward (with
   * retainGraph) recomputes the softmax, since the first one consumed it.
   */
  private static Tensor crossEntropyLarge(
      Tensor logits, Tensor target, long[] t, Reduction reduction, double ls) {
    INDArray x = Kernels.contiguous(logits.data());
    int n = Math.toIntExact(x.size(0));
    int c = Math.toIntExact(x.size(1));
    INDArray p = softmaxRows(x);
    NormOps.Buf pb = NormOps.Buf.of(p);
    NormOps.Buf xb = NormOps.Buf.of(x);
    double[] rowMean = ls > 0 ? NormOps.doubles(Tensor.wrap(x.mean(1))) : null;
    double[] rows = new double[n];
    double[] row = null;
    for (int i = 0; i < n; i++) {
      int ti = (int) t[i];
      double pt = pb.get(i * c + ti);
      double logPt;
      if (pt > 1e-30) {
        logPt = Math.log(pt);
      } else {
        // the target's probability underflowed: its log from this row's log-sum-exp
        row = row == null ? new double[c] : row;
        xb.read(i * c, row, 0, c);
        logPt = row[ti] - logSumExp(row);
      }
      // lse = x_t − log p_t; −(1−ε)·logp[t] − ε·mean(logp), mean(logp) = mean(x) − lse
      rows[i] = -(1 - ls) * logPt - (ls > 0 ? ls * (rowMean[i] - (xb.get(i * c + ti) - logPt)) : 0);
    }
    INDArray out = reduceRows(rows, reduction, logits.dtype());
    INDArray[] probs = {p};
    return Tensor.make(
        out,
        "crossEntropy",
        g -> {
          INDArray d = probs[0] != null ? probs[0] : softmaxRows(x);
          probs[0] = null;
          NormOps.Buf db = NormOps.Buf.of(d);
          for (int i = 0; i < n; i++) {
            int k = i * c + (int) t[i];
            db.set(k, db.get(k) - (1 - ls));
          }
          if (ls > 0) {
            d.subi(ls / c);
          }
          if (reduction == Reduction.NONE) {
            d.muliColumnVector(g.out().reshape('c', new long[] {n, 1}).castTo(d.dataType()));
          } else {
            double scale = g.out().getDouble(0) / (reduction == Reduction.MEAN ? n : 1);
            Threads.parallel(() -> d.muli(scale));
          }
          return new INDArray[] {d, null};
        },
        logits,
        target);
  }

  /** Per-row losses reduced as asked: their mean, their sum, or the rows themselves. */
  private static INDArray reduceRows(double[] rows, Reduction reduction, DType type) {
    double total = sum(rows);
    switch (reduction) {
      case MEAN:
        return Nd4j.scalar(type.nd4j(), total / rows.length);
      case SUM:
        return Nd4j.scalar(type.nd4j(), total);
      default:
        return Nd4j.createFromArray(rows).castTo(type.nd4j());
    }
  }

  /** The sum of {@code v} in order (a loop of its own, compiled apart from ND4J's calls). */
  private static double sum(double[] v) {
    double total = 0;
    for (double r : v) {
      total += r;
    }
    return total;
  }

  /** Softmax over the rows of a dense [N, C] array, into a new array, on every core. */
  private static INDArray softmaxRows(INDArray x) {
    INDArray p = Kernels.empty(x.dataType(), x.shape());
    Threads.parallel(() -> Nd4j.exec(new SoftMax(x, p, 1)));
    return p;
  }

  private static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double e : v) {
      max = Math.max(max, e);
    }
    double sum = 0;
    for (double e : v) {
      sum += Math.exp(e - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Cross-entropy of a small [N, C] in one pass over a Java copy: per row the log-sum-exp, the
   * loss, and the gradient {@code softmax − (1−ε)·onehot − ε/C}, kept for the backward, which only
   * scales it. The loops are small methods over Java arrays, apart from the calls into ND4J, so the
   * JIT compiles them early without inlining ND4J's code into them.
   */
  private static Tensor crossEntropySmall(
      Tensor logits, Tensor target, long[] t, Reduction reduction, double ls) {
    INDArray x = Kernels.contiguous(logits.data());
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    double[] v = readDoubles(x, n * c);
    double[] rows = new double[n];
    softmaxRows(v, t, rows, n, c, ls);
    DType type = logits.dtype();
    INDArray out = reduceRows(rows, reduction, type);
    return Tensor.make(
        out,
        "crossEntropy",
        g -> new INDArray[] {smallGrad(v, g.out(), reduction, n, c, type), null},
        logits,
        target);
  }

  /** The elements of a dense float32 or float64 array as doubles. */
  private static double[] readDoubles(INDArray x, int len) {
    if (x.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT
        && x.dataType() != org.nd4j.linalg.api.buffer.DataType.DOUBLE) {
      return x.data().asDouble();
    }
    double[] v = new double[len];
    NormOps.Buf.of(x).read(0, v, 0, len);
    return v;
  }

  /**
   * Per row of the [n, c] logits {@code v}: the loss into {@code rows}, and {@code v} replaced by
   * the unscaled gradient {@code softmax − ε/C − (1−ε)·onehot}.
   */
  private static void softmaxRows(double[] v, long[] t, double[] rows, int n, int c, double ls) {
    for (int i = 0; i < n; i++) {
      int o = i * c;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, v[o + j]);
      }
      int ti = (int) t[i];
      double xt = v[o + ti];
      double sum = 0;
      double sumLogits = 0;
      for (int j = 0; j < c; j++) {
        double e = Math.exp(v[o + j] - max);
        sumLogits += v[o + j];
        v[o + j] = e;
        sum += e;
      }
      double lse = max + Math.log(sum);
      // −(1−ε)·logp[t] − ε·mean(logp), with logp = x − lse
      rows[i] = -(1 - ls) * (xt - lse) - ls * (sumLogits / c - lse);
      for (int j = 0; j < c; j++) {
        v[o + j] = v[o + j] / sum - ls / c - (j == ti ? 1 - ls : 0);
      }
    }
  }

  /** The logits' gradient: the kept unscaled gradient {@code d} times the loss's gradient. */
  private static INDArray smallGrad(
      double[] d, INDArray gOut, Reduction reduction, int n, int c, DType type) {
    double[] scale;
    if (reduction == Reduction.NONE) {
      scale = gOut.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    } else {
      scale = new double[] {gOut.getDouble(0) / (reduction == Reduction.MEAN ? n : 1)};
    }
    if (type == DType.FLOAT32) {
      // straight into a float array: no double array and cast through ND4J
      float[] f = new float[d.length];
      scaleRows(d, scale, f, n, c);
      INDArray gx = Kernels.empty(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, c);
      gx.data().asNioFloat().put(0, f, 0, f.length);
      return gx;
    }
    double[] out = new double[d.length];
    scaleRows(d, scale, out, n, c);
    return Nd4j.create(out, new long[] {n, c}, 'c').castTo(type.nd4j());
  }

  /** {@code out[i, j] = d[i, j]·scale[i]} (one scale for every row when it has one element). */
  private static void scaleRows(double[] d, double[] scale, float[] out, int n, int c) {
    for (int i = 0; i < n; i++) {
      double s = scale[scale.length == 1 ? 0 : i];
      for (int j = i * c, end = j + c; j < end; j++) {
        out[j] = (float) (d[j] * s);
      }
    }
  }

  private static void scaleRows(double[] d, double[] scale, double[] out, int n, int c) {
    for (int i = 0; i < n; i++) {
      double s = scale[scale.length == 1 ? 0 : i];
      for (int j = i * c, end = j + c; j < end; j++) {
        out[j] = d[j] * s;
      }
    }
  }

  static Tensor nllLoss(Tensor logProbs, Tensor target, Reduction reduction) {
    if (logProbs.dim() != 2) {
      throw new IllegalArgumentException(
          "nllLoss: expects log-probabilities [N, C], got " + Shapes.str(logProbs.shape()));
    }
    if (target.dim() != 1 || target.size(0) != logProbs.size(0)) {
      throw new IllegalArgumentException(
          "nllLoss: targets must be [" + logProbs.size(0) + "], got " + Shapes.str(target.shape()));
    }
    classIndices(target, logProbs.size(1));
    Tensor picked = logProbs.gather(1, target.to(DType.INT64).unsqueeze(1)).squeeze(1).neg();
    return apply(picked, reduction);
  }

  static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
    sameShape("bceWithLogits", logits, target);
    Tensor t = target.to(logits.dtype()).detach();
    // max(x, 0) − x·t + log(1 + e^−|x|)
    Tensor loss = logits.relu().sub(logits.mul(t)).add(logits.abs().neg().exp().add(1).log());
    return apply(loss, reduction);
  }

  static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
    sameShape("mseLoss", input, target);
    Tensor d = input.sub(target.to(input.dtype()));
    return apply(d.mul(d), reduction);
  }

  static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
    sameShape("l1Loss", input, target);
    return apply(input.sub(target.to(input.dtype())).abs(), reduction);
  }

  static Tensor apply(Tensor perElement, Reduction reduction) {
    switch (reduction) {
      case MEAN:
        return perElement.mean();
      case SUM:
        return perElement.sum();
      default:
        return perElement;
    }
  }

  private static long[] classIndices(Tensor target, long classes) {
    if (target.dtype().isFloatingPoint() || target.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(
          "class targets must be int32 or int64 class indices, got " + target.dtype());
    }
    long[] t = target.toLongArray();
    int i = firstOutOfRange(t, classes);
    if (i >= 0) {
      throw new IllegalArgumentException(
          "target class "
              + t[i]
              + " at position "
              + i
              + " is out of range for "
              + classes
              + " classes (expected 0.."
              + (classes - 1)
              + ")");
    }
    return t;
  }

  /** The first position of {@code t} outside [0, classes), or -1. */
  private static int firstOutOfRange(long[] t, long classes) {
    for (int i = 0; i < t.length; i++) {
      if (t[i] < 0 || t[i] >= classes) {
        return i;
      }
    }
    return -1;
  }

  private static void sameShape(String op, Tensor input, Tensor target) {
    if (!Arrays.equals(input.shape(), target.shape())) {
      throw new IllegalArgumentException(
          op
              + ": input shape "
              + Shapes.str(input.shape())
              + " and target shape "
              + Shapes.str(target.shape())
              + " differ; reshape the target (or flatten both)");
    }
  }
}
