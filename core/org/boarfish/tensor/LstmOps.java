package org.boarfish.tensor;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The LSTM: forward over time and backward through time, built from GEMMs (libnd4j's {@code
 * lstmLayer} is slow and fails on the onednn jars).
 *
 * <p>Per layer, one GEMM projects the inputs of all timesteps ({@code X [T·B, in]·W_ihᵀ}); each
 * step then adds {@code h_{t−1}·W_hhᵀ} by a GEMM accumulating into that step's rows and runs the
 * gate math in one fused loop, keeping the gate activations, cell states and {@code tanh(c_t)} for
 * backward. Backward walks time in reverse with one GEMM per step for the recurrent gradient {@code
 * dG_t·W_hh}, then three big GEMMs per layer for {@code dW_ih = dGᵀ·X}, {@code dW_hh =
 * dGᵀ·H_{prev}} and {@code dX = dG·W_ih} (the weight and bias gradients added straight into the
 * leaves' stored gradients). The big GEMMs run on every core; the per-step ones call OpenBLAS
 * directly on one thread. The whole stack is one graph node. Internally everything is time-major,
 * rows {@code t·B + b}.
 */
final class LstmOps {
  private LstmOps() {}

  /** What the forward of one layer keeps for backward. */
  private static final class Layer {
    INDArray wih; // [4H, in]
    INDArray whh; // [4H, H]
    INDArray whhT; // W_hhᵀ [H, 4H] (cell-gate columns doubled), row-major: faster per-step GEMM
    double[] bias; // b_ih + b_hh, [4H]
    INDArray in; // [T·B, in]
    INDArray act; // gate activations i, f, g, o: [T·B, 4H]
    INDArray hs; // h_{−1} = h0, h_0 .. h_{T−1}: [(T+1)·B, H]
    INDArray cs; // c0, c_0 .. c_{T−1}: [(T+1)·B, H]
    INDArray tc; // tanh(c_t): [T·B, H]
  }

  static LstmState lstm(
      Tensor x, Tensor h0, Tensor c0, List<Tensor> weights, int numLayers, boolean batchFirst) {
    if (numLayers < 1) {
      throw new IllegalArgumentException("lstm: numLayers must be at least 1, got " + numLayers);
    }
    if (x.dim() != 3) {
      throw new IllegalArgumentException(
          "lstm: input must be 3-D "
              + (batchFirst ? "[batch, time, features]" : "[time, batch, features]")
              + ", got shape "
              + Shapes.str(x.shape()));
    }
    NormOps.checkFloat("lstm", x);
    int per;
    if (weights.size() == 4 * numLayers) {
      per = 4;
    } else if (weights.size() == 2 * numLayers) {
      per = 2;
    } else {
      throw new IllegalArgumentException(
          "lstm: expected "
              + 4 * numLayers
              + " weights (W_ih, W_hh, b_ih, b_hh per layer) for "
              + numLayers
              + " layers, got "
              + weights.size());
    }
    Tensor[][] w = new Tensor[numLayers][4];
    for (int l = 0; l < numLayers; l++) {
      for (int k = 0; k < per; k++) {
        w[l][k] = weights.get(l * per + k);
      }
      if (w[l][0] == null || w[l][1] == null) {
        throw new IllegalArgumentException(
            "lstm: W_ih and W_hh of layer " + l + " must not be null");
      }
    }
    if (w[0][1].dim() != 2 || w[0][1].size(0) != 4 * w[0][1].size(1)) {
      throw new IllegalArgumentException(
          "lstm: W_hh of layer 0 must be [4H, H], got shape " + Shapes.str(w[0][1].shape()));
    }
    int hd = Math.toIntExact(w[0][1].size(1));
    int t = Math.toIntExact(x.size(batchFirst ? 1 : 0));
    int b = Math.toIntExact(x.size(batchFirst ? 0 : 1));
    int in0 = Math.toIntExact(x.size(2));
    if (t < 1 || b < 1) {
      throw new IllegalArgumentException(
          "lstm: input needs at least one timestep and one sequence, got shape "
              + Shapes.str(x.shape()));
    }
    for (int l = 0; l < numLayers; l++) {
      int in = l == 0 ? in0 : hd;
      expect(w[l][0], new long[] {4L * hd, in}, "W_ih", l, x);
      expect(w[l][1], new long[] {4L * hd, hd}, "W_hh", l, x);
      expect(w[l][2], new long[] {4L * hd}, "b_ih", l, x);
      expect(w[l][3], new long[] {4L * hd}, "b_hh", l, x);
    }
    long[] stateShape = {numLayers, b, hd};
    for (Tensor s : new Tensor[] {h0, c0}) {
      if (s != null && (!Arrays.equals(s.shape(), stateShape) || s.dtype() != x.dtype())) {
        throw new IllegalArgumentException(
            "lstm: "
                + (s == h0 ? "h0" : "c0")
                + " must be "
                + x.dtype()
                + " "
                + Shapes.str(stateShape)
                + " [layers, batch, hidden], got "
                + s.dtype()
                + " "
                + Shapes.str(s.shape()));
      }
    }

    DataType type = x.data().dataType();
    INDArray xt = batchFirst ? x.data().permute(1, 0, 2).dup('c') : NormOps.dense(x.data());
    INDArray h0a = h0 == null ? null : NormOps.dense(h0.data());
    INDArray c0a = c0 == null ? null : NormOps.dense(c0.data());
    Layer[] layers = new Layer[numLayers];
    INDArray in = xt.reshape('c', (long) t * b, in0);
    for (int l = 0; l < numLayers; l++) {
      Layer ly = new Layer();
      ly.wih = NormOps.dense(w[l][0].data());
      ly.whh = NormOps.dense(w[l][1].data());
      ly.whhT = ly.whh.transpose().dup('c');
      ly.bias = new double[4 * hd];
      for (int k = 2; k < 4; k++) {
        if (w[l][k] != null) {
          double[] v = NormOps.doubles(w[l][k]);
          for (int j = 0; j < v.length; j++) {
            ly.bias[j] += v[j];
          }
        }
      }
      ly.in = in;
      forward(ly, h0a, c0a, l, t, b, hd);
      layers[l] = ly;
      in = rows(ly.hs, b, (long) (t + 1) * b);
    }

    INDArray out = in.reshape('c', t, b, hd);
    out = batchFirst ? out.permute(1, 0, 2).dup('c') : out.dup('c');
    INDArray hn = Kernels.empty(type, stateShape);
    INDArray cn = Kernels.empty(type, stateShape);
    for (int l = 0; l < numLayers; l++) {
      copyRows(layers[l].hs, (long) t * b * hd, hn, (long) l * b * hd, b * hd);
      copyRows(layers[l].cs, (long) t * b * hd, cn, (long) l * b * hd, b * hd);
    }

    // graph inputs: x, h0?, c0?, then every non-null weight in order
    Tensor[] inputs = new Tensor[1 + 2 + 4 * numLayers];
    int ni = 0;
    inputs[ni++] = x;
    int h0i = h0 == null ? -1 : ni++;
    if (h0 != null) {
      inputs[h0i] = h0;
    }
    int c0i = c0 == null ? -1 : ni++;
    if (c0 != null) {
      inputs[c0i] = c0;
    }
    int[][] wi = new int[numLayers][4];
    for (int l = 0; l < numLayers; l++) {
      for (int k = 0; k < 4; k++) {
        wi[l][k] = w[l][k] == null ? -1 : ni;
        if (w[l][k] != null) {
          inputs[ni++] = w[l][k];
        }
      }
    }
    Tensor[] used = Arrays.copyOf(inputs, ni);
    int nInputs = ni;
    BackwardFn fn =
        g -> {
          INDArray[] grads = new INDArray[nInputs];
          INDArray dh = batchFirst ? g.out(0).permute(1, 0, 2).dup('c') : NormOps.dense(g.out(0));
          dh = dh.reshape('c', (long) t * b, hd);
          INDArray dhn = NormOps.dense(g.out(1));
          INDArray dcn = NormOps.dense(g.out(2));
          INDArray dh0 = h0i >= 0 && g.needs(h0i) ? Kernels.empty(type, stateShape) : null;
          INDArray dc0 = c0i >= 0 && g.needs(c0i) ? Kernels.empty(type, stateShape) : null;
          for (int l = numLayers - 1; l >= 0; l--) {
            Layer ly = layers[l];
            INDArray dg = backward(ly, dh, dhn, dcn, dh0, dc0, l, t, b, hd);
            if (wi[l][0] >= 0 && g.needs(wi[l][0])) {
              grads[wi[l][0]] = weightGrad(g, wi[l][0], dg, ly.in);
            }
            if (wi[l][1] >= 0 && g.needs(wi[l][1])) {
              grads[wi[l][1]] = weightGrad(g, wi[l][1], dg, rows(ly.hs, 0, (long) t * b));
            }
            boolean needBi = wi[l][2] >= 0 && g.needs(wi[l][2]);
            boolean needBh = wi[l][3] >= 0 && g.needs(wi[l][3]);
            if (needBi || needBh) {
              INDArray ones = Nd4j.ones(type, (long) t * b, 1);
              if (needBi) {
                grads[wi[l][2]] = biasGrad(g, wi[l][2], dg, ones);
              }
              if (needBh) {
                grads[wi[l][3]] = biasGrad(g, wi[l][3], dg, ones);
              }
            }
            if (l > 0 || g.needs(0)) {
              dh = mm(dg, ly.wih, false, false);
            }
          }
          if (g.needs(0)) {
            INDArray dx = dh.reshape('c', t, b, in0);
            grads[0] = batchFirst ? dx.permute(1, 0, 2).dup('c') : dx;
          }
          if (dh0 != null) {
            grads[h0i] = dh0;
          }
          if (dc0 != null) {
            grads[c0i] = dc0;
          }
          return grads;
        };
    Tensor[] r = Tensor.makeAll(new INDArray[] {out, hn, cn}, "lstm", fn, used);
    return new LstmState(r[0], r[1], r[2]);
  }

  /**
   * {@code out[outRow..+m) = a[aRow..+m)·b + beta·out[outRow..+m)} for one timestep's rows: float32
   * straight through OpenBLAS on this thread ({@link RowGemm}), anything else through ND4J on every
   * core.
   */
  private static void stepGemm(
      INDArray a, long aRow, INDArray b, INDArray out, long outRow, int m, double beta) {
    if (RowGemm.fits(a, b, out)) {
      RowGemm.sgemm(a, aRow, b, out, outRow, m, (float) beta);
    } else {
      INDArray av = rows(a, aRow, aRow + m);
      INDArray ov = rows(out, outRow, outRow + m);
      Threads.parallel(() -> Nd4j.gemm(av, b, ov, false, false, 1.0, beta));
    }
  }

  /** Runs one layer over all timesteps, filling {@code ly.act, hs, cs, tc}. */
  private static void forward(Layer ly, INDArray h0, INDArray c0, int l, int t, int b, int hd) {
    DataType type = ly.in.dataType();
    long tb = (long) t * b;
    int g4 = 4 * hd;
    // The cell gate's pre-activation is doubled (its rows of W_ih, W_hh and bias) so that one
    // native, vectorised sigmoid over all four gates gives σ(2g), and tanh(g) = 2σ(2g) − 1.
    double[] bias = ly.bias.clone();
    for (int j = 2 * hd; j < 3 * hd; j++) {
      bias[j] *= 2;
    }
    ly.act = Kernels.empty(type, tb, g4);
    NormOps.Buf act = NormOps.Buf.of(ly.act);
    for (long i = 0; i < tb; i++) {
      act.write(Math.toIntExact(i * g4), bias, 0, g4);
    }
    INDArray wih = ly.wih.dup('c');
    wih.get(NDArrayIndex.interval(2 * hd, 3 * hd), NDArrayIndex.all()).muli(2);
    ly.whhT.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * hd, 3 * hd)).muli(2);
    Threads.parallel(() -> Nd4j.gemm(ly.in, wih, ly.act, false, true, 1.0, 1.0));
    ly.hs = Kernels.empty(type, tb + b, hd);
    ly.cs = Kernels.empty(type, tb + b, hd);
    ly.tc = Kernels.empty(type, tb, hd);
    forwardRows(ly, h0, c0, l, t, b, hd, 0, b);
  }

  /** The time loop of one layer for batch rows [lo, hi). */
  private static void forwardRows(
      Layer ly, INDArray h0, INDArray c0, int l, int t, int b, int hd, int lo, int hi) {
    int g4 = 4 * hd;
    int bh = b * hd;
    int nb = hi - lo;
    int nh = nb * hd;
    double[] c = new double[nh];
    double[] h = new double[nh];
    if (c0 != null) {
      NormOps.Buf.of(c0).read(l * bh + lo * hd, c, 0, nh);
    }
    if (h0 != null) {
      NormOps.Buf.of(h0).read(l * bh + lo * hd, h, 0, nh);
    }
    NormOps.Buf act = NormOps.Buf.of(ly.act);
    NormOps.Buf hs = NormOps.Buf.of(ly.hs);
    NormOps.Buf cs = NormOps.Buf.of(ly.cs);
    NormOps.Buf tc = NormOps.Buf.of(ly.tc);
    hs.write(lo * hd, h, 0, nh);
    cs.write(lo * hd, c, 0, nh);
    double[] gates = new double[nb * g4];
    double[] tcv = new double[nh];
    for (int s = 0; s < t; s++) {
      // gates_t += h_{t−1}·W_hhᵀ, then the gate math on heap copies of this step's rows
      int r = s * b + lo;
      stepGemm(ly.hs, r, ly.whhT, ly.act, r, nb, 1.0);
      INDArray block = rows(ly.act, r, r + nb);
      Nd4j.exec(new Sigmoid(block, block));
      act.read(r * g4, gates, 0, nb * g4);
      gateStep(gates, c, tcv, h, 0, nb, hd);
      act.write(r * g4, gates, 0, nb * g4);
      cs.write((r + b) * hd, c, 0, nh);
      tc.write(r * hd, tcv, 0, nh);
      hs.write((r + b) * hd, h, 0, nh);
    }
  }

  /**
   * The gate math of one step for batch rows [lo, hi): σ(i), σ(f), σ(2g), σ(o) in, activations
   * (with tanh(g) = 2σ(2g) − 1) out, c/h updated.
   */
  private static void gateStep(
      double[] gates, double[] c, double[] tcv, double[] h, int lo, int hi, int hd) {
    int g4 = 4 * hd;
    for (int i = lo; i < hi; i++) {
      int ga = i * g4;
      for (int j = 0, k = i * hd; j < hd; j++, k++) {
        double ig = gates[ga + j];
        double fg = gates[ga + hd + j];
        double gg = 2 * gates[ga + 2 * hd + j] - 1;
        double og = gates[ga + 3 * hd + j];
        double cv = fg * c[k] + ig * gg;
        double tv = tanh(cv);
        gates[ga + 2 * hd + j] = gg;
        c[k] = cv;
        tcv[k] = tv;
        h[k] = og * tv;
      }
    }
  }

  /**
   * Back-propagates one layer through time. {@code dh} is the gradient of the layer's output
   * sequence [T·B, H]; {@code dhn}/{@code dcn} those of the final states [L, B, H]. Writes layer
   * l's initial-state gradients into {@code dh0}/{@code dc0} when given and returns the gate
   * gradients dG [T·B, 4H].
   */
  private static INDArray backward(
      Layer ly,
      INDArray dh,
      INDArray dhn,
      INDArray dcn,
      INDArray dh0,
      INDArray dc0,
      int l,
      int t,
      int b,
      int hd) {
    INDArray dg = Kernels.empty(ly.act.dataType(), (long) t * b, 4L * hd);
    backwardRows(ly, dh, dhn, dcn, dh0, dc0, dg, l, t, b, hd, 0, b);
    return dg;
  }

  /** Backward through time of one layer for batch rows [lo, hi), writing their rows of dg. */
  private static void backwardRows(
      Layer ly,
      INDArray dh,
      INDArray dhn,
      INDArray dcn,
      INDArray dh0,
      INDArray dc0,
      INDArray dg,
      int l,
      int t,
      int b,
      int hd,
      int lo,
      int hi) {
    int g4 = 4 * hd;
    int bh = b * hd;
    int nb = hi - lo;
    int nh = nb * hd;
    INDArray dhNext = Kernels.empty(dg.dataType(), nb, hd);
    double[] dhRec = new double[nh];
    double[] dc = new double[nh];
    NormOps.Buf.of(dhn).read(l * bh + lo * hd, dhRec, 0, nh);
    NormOps.Buf.of(dcn).read(l * bh + lo * hd, dc, 0, nh);
    NormOps.Buf dhNextB = NormOps.Buf.of(dhNext);
    NormOps.Buf act = NormOps.Buf.of(ly.act);
    NormOps.Buf cs = NormOps.Buf.of(ly.cs);
    NormOps.Buf tc = NormOps.Buf.of(ly.tc);
    NormOps.Buf dout = NormOps.Buf.of(dh);
    NormOps.Buf dgB = NormOps.Buf.of(dg);
    double[] gates = new double[nb * g4];
    double[] dgates = new double[nb * g4];
    double[] dhv = new double[nh];
    double[] tcv = new double[nh];
    double[] cPrev = new double[nh];
    for (int s = t - 1; s >= 0; s--) {
      int r = s * b + lo;
      act.read(r * g4, gates, 0, nb * g4);
      dout.read(r * hd, dhv, 0, nh);
      tc.read(r * hd, tcv, 0, nh);
      cs.read(r * hd, cPrev, 0, nh);
      for (int i = 0; i < nb; i++) {
        int ga = i * g4;
        for (int j = 0, k = i * hd; j < hd; j++, k++) {
          double dhk = dhv[k] + dhRec[k];
          double ig = gates[ga + j];
          double fg = gates[ga + hd + j];
          double gg = gates[ga + 2 * hd + j];
          double og = gates[ga + 3 * hd + j];
          double tv = tcv[k];
          double dck = dc[k] + dhk * og * (1 - tv * tv);
          dgates[ga + j] = dck * gg * ig * (1 - ig);
          dgates[ga + hd + j] = dck * cPrev[k] * fg * (1 - fg);
          dgates[ga + 2 * hd + j] = dck * ig * (1 - gg * gg);
          dgates[ga + 3 * hd + j] = dhk * tv * og * (1 - og);
          dc[k] = dck * fg;
        }
      }
      dgB.write(r * g4, dgates, 0, nb * g4);
      // dh_{t−1} = dG_t·W_hh
      stepGemm(dg, r, ly.whh, dhNext, 0, nb, 0.0);
      dhNextB.read(0, dhRec, 0, nh);
    }
    if (dh0 != null) {
      NormOps.Buf.of(dh0).write(l * bh + lo * hd, dhRec, 0, nh);
    }
    if (dc0 != null) {
      NormOps.Buf.of(dc0).write(l * bh + lo * hd, dc, 0, nh);
    }
  }

  /** tanh from one exp (Math.tanh is several times slower); absolute error ~1e-16. */
  private static double tanh(double v) {
    return 1 - 2 / (Math.exp(2 * v) + 1);
  }

  /**
   * op(a)·op(b) into a new row-major array; a and b may be row-block views (no copy, unlike
   * LinalgOps.gemm).
   */
  private static INDArray mm(INDArray a, INDArray b, boolean ta, boolean tb) {
    INDArray out =
        Kernels.empty(a.dataType(), ta ? a.size(1) : a.size(0), tb ? b.size(0) : b.size(1));
    Threads.parallel(() -> Nd4j.gemm(a, b, out, ta, tb, 1.0, 0.0));
    return out;
  }

  /**
   * {@code dGᵀ·a}: a weight's gradient, added straight into input i's stored leaf gradient when
   * allowed, else into a new array of the input's shape.
   */
  private static INDArray weightGrad(Grads g, int i, INDArray dg, INDArray a) {
    INDArray dest = g.leafGrad(i);
    INDArray out = dest != null ? dest : Kernels.empty(dg.dataType(), dg.size(1), a.size(1));
    Threads.parallel(() -> Nd4j.gemm(dg, a, out, true, false, 1.0, dest != null ? 1.0 : 0.0));
    return dest != null ? Grads.ACCUMULATED : out;
  }

  /** {@code dGᵀ·1}: a bias's gradient, added into its stored leaf gradient when allowed. */
  private static INDArray biasGrad(Grads g, int i, INDArray dg, INDArray ones) {
    INDArray dest = g.leafGrad(i);
    INDArray out = dest != null ? dest : Kernels.empty(dg.dataType(), dg.size(1));
    INDArray col = out.reshape('c', dg.size(1), 1);
    Threads.parallel(() -> Nd4j.gemm(dg, ones, col, true, false, 1.0, dest != null ? 1.0 : 0.0));
    return dest != null ? Grads.ACCUMULATED : out;
  }

  /** Rows [from, to) of a row-major matrix, as a view. */
  private static INDArray rows(INDArray a, long from, long to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }

  /** dst[dstOff + k] = src[srcOff + k] for k < n (flat row-major positions). */
  private static void copyRows(INDArray src, long srcOff, INDArray dst, long dstOff, int n) {
    NormOps.Buf s = NormOps.Buf.of(src);
    NormOps.Buf d = NormOps.Buf.of(dst);
    int so = Math.toIntExact(srcOff);
    int dof = Math.toIntExact(dstOff);
    for (int k = 0; k < n; k++) {
      d.set(dof + k, s.get(so + k));
    }
  }

  private static void expect(Tensor p, long[] shape, String name, int l, Tensor x) {
    if (p == null) {
      return;
    }
    if (!Arrays.equals(p.shape(), shape)) {
      throw new IllegalArgumentException(
          "lstm: "
              + name
              + " of layer "
              + l
              + " must be "
              + Shapes.str(shape)
              + ", got "
              + Shapes.str(p.shape())
              + " (input shape "
              + Shapes.str(x.shape())
              + ")");
    }
    if (p.dtype() != x.dtype()) {
      throw new IllegalArgumentException(
          "lstm: "
              + name
              + " of layer "
              + l
              + " is "
              + p.dtype()
              + " but the input is "
              + x.dtype());
    }
  }
}
