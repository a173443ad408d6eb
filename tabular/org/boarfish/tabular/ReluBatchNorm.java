package org.boarfish.tabular;

import org.boarfish.nn.BatchNorm1d;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU then {@link BatchNorm1d} over {@code [B, C]} as one op with a Java pass forward and one
 * backward: the hidden block of {@link TabularModel} (Linear → ReLU → BatchNorm). Same semantics as
 * the two modules: training normalises with the batch's mean and biased variance and updates the
 * running statistics (momentum 0.1, unbiased variance, batches counted); evaluation uses the
 * running statistics. The norm must have PyTorch's defaults (eps 1e-5, momentum 0.1, affine,
 * tracking statistics), as the blocks {@link TabularModel} builds have.
 */
final class ReluBatchNorm {
  static final double EPS = 1e-5;
  static final double MOMENTUM = 0.1;

  private ReluBatchNorm() {}

  static boolean applies(Tensor x, BatchNorm1d bn) {
    return x.dim() == 2
        && x.dtype() == DType.FLOAT32
        && bn.weight() != null
        && bn.runningMean() != null
        && bn.weight().dtype() == DType.FLOAT32
        && (bn.isTraining() ? x.size(0) > 1 : x.size(0) > 0);
  }

  static Tensor apply(Tensor x, BatchNorm1d bn) {
    int b = (int) x.size(0);
    int c = (int) x.size(1);
    float[] in = floats(x.data());
    float[] w = floats(bn.weight().data());
    float[] bias = floats(bn.bias().data());
    boolean training = bn.isTraining();
    double[] mean = new double[c];
    double[] inv = new double[c];
    if (training) {
      double[] sq = new double[c];
      for (int i = 0; i < b; i++) {
        int o = i * c;
        for (int k = 0; k < c; k++) {
          double h = Math.max(in[o + k], 0f);
          mean[k] += h;
          sq[k] += h * h;
        }
      }
      float[] rm = floats(bn.runningMean().data());
      float[] rv = floats(bn.runningVar().data());
      for (int k = 0; k < c; k++) {
        double m = mean[k] / b;
        double var = Math.max(sq[k] / b - m * m, 0);
        mean[k] = m;
        inv[k] = 1 / Math.sqrt(var + EPS);
        rm[k] = (float) ((1 - MOMENTUM) * rm[k] + MOMENTUM * m);
        rv[k] = (float) ((1 - MOMENTUM) * rv[k] + MOMENTUM * var * b / (b - 1));
      }
      bn.runningMean().data().assign(Nd4j.createFromArray(rm));
      bn.runningVar().data().assign(Nd4j.createFromArray(rv));
      bn.buffer("num_batches_tracked").data().addi(1);
    } else {
      float[] rm = floats(bn.runningMean().data());
      float[] rv = floats(bn.runningVar().data());
      for (int k = 0; k < c; k++) {
        mean[k] = rm[k];
        inv[k] = 1 / Math.sqrt(rv[k] + EPS);
      }
    }
    float[] xhat = new float[b * c];
    float[] out = new float[b * c];
    for (int i = 0; i < b; i++) {
      int o = i * c;
      for (int k = 0; k < c; k++) {
        float xh = (float) ((Math.max(in[o + k], 0f) - mean[k]) * inv[k]);
        xhat[o + k] = xh;
        out[o + k] = xh * w[k] + bias[k];
      }
    }
    return Tensor.make(
        Nd4j.createFromArray(out).reshape(b, c),
        "reluBatchNorm",
        g -> {
          float[] dy = floats(g.out());
          double[] dw = new double[c];
          double[] db = new double[c];
          for (int i = 0; i < b; i++) {
            int o = i * c;
            for (int k = 0; k < c; k++) {
              dw[k] += dy[o + k] * xhat[o + k];
              db[k] += dy[o + k];
            }
          }
          INDArray[] grads = new INDArray[3];
          if (g.needs(0)) {
            float[] dx = new float[b * c];
            for (int i = 0; i < b; i++) {
              int o = i * c;
              for (int k = 0; k < c; k++) {
                if (in[o + k] <= 0) {
                  continue; // ReLU: no gradient where the input was not positive
                }
                double dh =
                    training
                        ? w[k] * inv[k] / b * (b * dy[o + k] - db[k] - xhat[o + k] * dw[k])
                        : w[k] * inv[k] * dy[o + k];
                dx[o + k] = (float) dh;
              }
            }
            grads[0] = Nd4j.createFromArray(dx).reshape(b, c);
          }
          if (g.needs(1)) {
            grads[1] = Nd4j.createFromArray(toFloats(dw));
          }
          if (g.needs(2)) {
            grads[2] = Nd4j.createFromArray(toFloats(db));
          }
          return grads;
        },
        x,
        bn.weight(),
        bn.bias());
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static float[] floats(INDArray a) {
    INDArray d =
        a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && !a.isView()
            ? a
            : a.dup('c');
    return d.data().asFloat();
  }
}
