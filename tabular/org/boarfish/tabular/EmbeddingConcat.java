package org.boarfish.tabular;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tabular model's input layer as one op: {@code concat(emb_0[codes[:, 0]], ..., emb_k[codes[:,
 * k]], conts)} in a single Java pass over the small arrays, and its backward (each table's rows
 * summed from the output gradient, the continuous part passed through) in another. It stands for 2k
 * + 2 tensor ops (a slice, a gather per column and two concatenations), whose per-op dispatch cost
 * dominated a step of this small model. float32 only; {@link TabularModel} falls back to the plain
 * ops otherwise.
 */
final class EmbeddingConcat {
  private EmbeddingConcat() {}

  static boolean applies(List<Tensor> weights, Tensor conts) {
    for (Tensor w : weights) {
      if (w.dtype() != DType.FLOAT32) {
        return false;
      }
    }
    return conts == null || conts.dtype() == DType.FLOAT32;
  }

  /** {@code [B, Σ widths + nCont]}; {@code conts} may be null (no continuous columns). */
  static Tensor apply(Tensor codes, List<Tensor> weights, Tensor conts) {
    int k = weights.size();
    int b = (int) codes.size(0);
    long[] idx = codes.toLongArray();
    int[] widths = new int[k];
    int[] cards = new int[k];
    float[][] tables = new float[k][];
    int total = 0;
    for (int j = 0; j < k; j++) {
      Tensor w = weights.get(j);
      cards[j] = (int) w.size(0);
      widths[j] = (int) w.size(1);
      tables[j] = floats(w.data());
      total += widths[j];
    }
    int nCont = conts == null ? 0 : (int) conts.size(1);
    float[] c = conts == null ? null : floats(conts.data());
    int width = total + nCont;
    float[] out = new float[b * width];
    int[] rows = new int[b * k];
    for (int i = 0; i < b; i++) {
      int o = i * width;
      for (int j = 0; j < k; j++) {
        long r = idx[i * k + j];
        if (r < 0 || r >= cards[j]) {
          throw new IllegalArgumentException(
              "TabularModel: categorical column "
                  + j
                  + " holds code "
                  + r
                  + " at row "
                  + i
                  + ", outside its embedding of "
                  + cards[j]
                  + " rows; encode the data with the procs the model was built for");
        }
        rows[i * k + j] = (int) r;
        System.arraycopy(tables[j], (int) r * widths[j], out, o, widths[j]);
        o += widths[j];
      }
      if (nCont > 0) {
        System.arraycopy(c, i * nCont, out, o, nCont);
      }
    }
    Tensor[] inputs = new Tensor[k + (conts == null ? 0 : 1)];
    for (int j = 0; j < k; j++) {
      inputs[j] = weights.get(j);
    }
    if (conts != null) {
      inputs[k] = conts;
    }
    int tot = total;
    return Tensor.make(
        Nd4j.createFromArray(out).reshape(b, width),
        "embeddingConcat",
        g -> {
          float[] go = floats(g.out());
          INDArray[] grads = new INDArray[inputs.length];
          int off = 0;
          for (int j = 0; j < k; j++) {
            int wj = widths[j];
            if (g.needs(j)) {
              float[] d = new float[cards[j] * wj];
              for (int i = 0; i < b; i++) {
                int src = i * width + off;
                int dst = rows[i * k + j] * wj;
                for (int t = 0; t < wj; t++) {
                  d[dst + t] += go[src + t];
                }
              }
              grads[j] = Nd4j.createFromArray(d).reshape(cards[j], wj);
            }
            off += wj;
          }
          if (nCont > 0 && g.needs(k)) {
            float[] d = new float[b * nCont];
            for (int i = 0; i < b; i++) {
              System.arraycopy(go, i * width + tot, d, i * nCont, nCont);
            }
            grads[k] = Nd4j.createFromArray(d).reshape(b, nCont);
          }
          return grads;
        },
        inputs);
  }

  private static float[] floats(INDArray a) {
    INDArray d =
        a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && !a.isView()
            ? a
            : a.dup('c');
    return d.data().asFloat();
  }
}
