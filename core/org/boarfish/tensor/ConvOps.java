package org.boarfish.tensor;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolutions on libnd4j's kernels, PyTorch semantics and layouts (NCHW; conv weight [out,
 * in/groups, kH, kW], transposed-conv weight [in, out/groups, kH, kW], passed to libnd4j as {@code
 * wFormat = 1}).
 *
 * <p>One group: forward is one {@code conv2d} / {@code deconv2d} call, backward one {@code
 * conv2d_bp} / {@code deconv2d_bp} call. Depthwise convolution (groups = in channels) runs on
 * {@code depthwise_conv2d}; other groupings loop over the groups. libnd4j's deconv2d has no output
 * padding, so with output padding the transposed conv is computed unpadded and cropped.
 */
final class ConvOps {
  private ConvOps() {}

  // ---------------------------------------------------------------- conv2d

  static Tensor conv2d(
      Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
    final String op = "conv2d";
    int[] s = pair(op, "stride", stride, 1);
    int[] p = pair(op, "padding", padding, 0);
    int[] d = pair(op, "dilation", dilation, 1);
    if (x.dim() == 3) {
      return conv2d(x.unsqueeze(0), w, b, s, p, d, groups).squeeze(0);
    }
    Tensor[] t = floats(op, x, w, b);
    x = t[0];
    w = t[1];
    b = t[2];
    long[] xs = x.shape();
    long[] ws = w.shape();
    if (x.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": input must be [N, C, H, W] (or unbatched [C, H, W]), got " + Shapes.str(xs));
    }
    if (w.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": weight must be [out, in/groups, kH, kW], got " + Shapes.str(ws));
    }
    if (groups < 1) {
      throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
    }
    if (xs[1] % groups != 0) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + Shapes.str(xs)
              + " has "
              + xs[1]
              + " channels, not divisible by groups="
              + groups);
    }
    if (ws[0] % groups != 0) {
      throw new IllegalArgumentException(
          op
              + ": weight "
              + Shapes.str(ws)
              + " has "
              + ws[0]
              + " output channels, not divisible by groups="
              + groups);
    }
    if (xs[1] != ws[1] * groups) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + Shapes.str(xs)
              + " has "
              + xs[1]
              + " channels but weight "
              + Shapes.str(ws)
              + " expects "
              + ws[1] * groups
              + " (in/groups="
              + ws[1]
              + ", groups="
              + groups
              + ")");
    }
    checkBias(op, b, ws[0], ws);
    int kh = (int) ws[2];
    int kw = (int) ws[3];
    long oh = convOut(op, xs, 2, kh, s[0], p[0], d[0]);
    long ow = convOut(op, xs, 3, kw, s[1], p[1], d[1]);
    int[] args = {kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 1};
    long[] outShape = {xs[0], ws[0], oh, ow};
    if (groups == 1) {
      return conv2dNative(x, w, b, args, outShape);
    }
    if (groups == xs[1]) {
      return depthwise(x, w, b, args, outShape);
    }
    return conv2dGrouped(x, w, b, args, outShape, groups);
  }

  /** One {@code conv2d} forward, one {@code conv2d_bp} backward. */
  private static Tensor conv2dNative(Tensor x, Tensor w, Tensor b, int[] args, long[] outShape) {
    INDArray xa = Kernels.contiguous(x.data());
    INDArray wa = Kernels.contiguous(w.data());
    INDArray ba = b == null ? null : Kernels.contiguous(b.data());
    if (Floats.dense32(xa)
        && Floats.dense32(wa)
        && (ConvGemm32.applies(outShape, wa.shape())
            || ConvGemm32.stridedPointwise(wa.shape(), args))) {
      return conv2dGemm(x, w, b, xa, wa, ba, args, outShape);
    }
    boolean oneThread = macs(outShape, wa) < THREADED_CONV_MIN;
    INDArray out = forwardNative(xa, wa, ba, args, outShape, oneThread);
    BackwardFn fn =
        g -> {
          INDArray go = Kernels.contiguous(g.out());
          boolean nb = ba != null && g.needs(2);
          if (!g.needs(0) && !g.needs(1)) {
            return new INDArray[] {null, null, nb ? biasGrad(go) : null};
          }
          if (!g.needs(0)
              && Floats.dense32(xa)
              && Floats.dense32(go)
              && ConvWeightGrad32.applies(xa.shape(), wa.shape(), go.shape())) {
            return weightGrads32(xa, wa, go, args, nb);
          }
          if (!g.needs(0)
              && Floats.dense32(xa)
              && Floats.dense32(go)
              && ConvGemm32.fitsWeightOnly(xa.shape(), wa.shape(), go.shape())) {
            // weight gradient only (a first layer with many taps): im2col + a GEMM per sample
            INDArray gw =
                ConvGemm32.weightGradPerSample(xa, go, wa.shape(), outShape[2], outShape[3], args);
            return new INDArray[] {null, gw, nb ? biasGrad(go) : null};
          }
          INDArray[] grads = grads(xa, wa, ba);
          execThreads("conv2d_bp", inputs(xa, wa, ba, go), grads, oneThread, args);
          return new INDArray[] {
            g.needs(0) ? grads[0] : null, g.needs(1) ? grads[1] : null, nb ? grads[2] : null
          };
        };
    return make("conv2d", out, fn, x, w, b);
  }

  /**
   * Backward by {@link ConvGemm32} (im2col and BLAS GEMMs); forward too on the smallest maps, else
   * on oneDNN.
   */
  private static Tensor conv2dGemm(
      Tensor x,
      Tensor w,
      Tensor b,
      INDArray xa,
      INDArray wa,
      INDArray ba,
      int[] args,
      long[] outShape) {
    long oh = outShape[2];
    long ow = outShape[3];
    INDArray out;
    INDArray col;
    if (!DnnlConv32.applies(xa, wa, ba)
        && (ConvGemm32.forwardApplies(outShape) || ConvGemm32.stridedPointwise(wa.shape(), args))) {
      col = ConvGemm32.im2col(xa, oh, ow, args);
      out = ConvGemm32.forward(col, wa, ba, outShape[0], oh, ow);
    } else {
      col = null;
      out = forwardNative(xa, wa, ba, args, outShape, false);
    }
    BackwardFn fn =
        g -> {
          INDArray go = Kernels.contiguous(g.out());
          boolean nb = ba != null && g.needs(2);
          INDArray[] gxw =
              g.needs(0) || g.needs(1)
                  ? ConvGemm32.backward(
                      ConvGemm32.channelMajor(go),
                      xa,
                      wa,
                      col,
                      g.needs(0),
                      g.needs(1),
                      oh,
                      ow,
                      args)
                  : new INDArray[2];
          return new INDArray[] {gxw[0], gxw[1], nb ? biasGrad(go) : null};
        };
    return make("conv2d", out, fn, x, w, b);
  }

  /**
   * From this many multiply-adds on, a conv runs on every OpenMP thread (see {@link Threads});
   * below it, on one. Measured on the 2-core machine: oneDNN's conv2d / conv2d_bp on W2's layers
   * (0.7M–9.4M multiply-adds, e.g. 16→32 channels on 128×7×7) take up to 3× longer on two threads
   * than on one (thread wake-ups and barriers in many small parallel regions outweigh the split
   * work); big convs (ResNet's, 10⁸ and up) gain from both cores.
   */
  private static final long THREADED_CONV_MIN = 1L << 24;

  /**
   * Multiply-adds of a conv forward (the backward does about twice as many, split the same way).
   */
  private static long macs(long[] outShape, INDArray w) {
    long n = 1;
    for (long d : outShape) {
      n *= d;
    }
    return n * (w.length() / w.size(0));
  }

  /**
   * One-group forward on oneDNN: float32 through {@link DnnlConv32}'s cached primitives, else
   * libnd4j's {@code conv2d}; on one OpenMP thread when {@code oneThread}.
   */
  private static INDArray forwardNative(
      INDArray xa, INDArray wa, INDArray ba, int[] args, long[] outShape, boolean oneThread) {
    if (DnnlConv32.applies(xa, wa, ba)) {
      INDArray[] out = new INDArray[1];
      Runnable run = () -> out[0] = DnnlConv32.forward(xa, wa, ba, args, outShape);
      if (oneThread) {
        Threads.singleByDefault();
        run.run();
      } else {
        Threads.parallel(run);
      }
      return out[0];
    }
    INDArray out = Kernels.empty(xa.dataType(), outShape);
    execThreads("conv2d", inputs(xa, wa, ba), new INDArray[] {out}, oneThread, args);
    return out;
  }

  /** {@link #exec}, on one OpenMP thread when {@code oneThread}, else on all of them. */
  private static void execThreads(
      String name, INDArray[] in, INDArray[] out, boolean oneThread, int... iargs) {
    if (oneThread) {
      Threads.singleByDefault();
      exec(name, in, out, iargs);
    } else {
      Threads.parallel(() -> exec(name, in, out, iargs));
    }
  }

  /**
   * Weight (and bias) gradients only, by {@link ConvWeightGrad32}: no input gradient, which
   * conv2d_bp always computes.
   */
  private static INDArray[] weightGrads32(
      INDArray xa, INDArray wa, INDArray go, int[] args, boolean needBias) {
    double[] dw = new double[(int) wa.length()];
    double[] db = needBias ? new double[(int) go.size(1)] : null;
    ConvWeightGrad32.compute(
        Floats.read(xa, 0), Floats.read(go, 1), xa.shape(), go.shape(), args, dw, db);
    return new INDArray[] {
      null,
      NormOps.array(dw, DataType.FLOAT, wa.shape()),
      needBias ? NormOps.array(db, DataType.FLOAT, go.size(1)) : null
    };
  }

  /**
   * groups = in channels: PyTorch's weight [in·m, 1, kH, kW] is libnd4j's depthwise weight [m, in,
   * kH, kW] (wFormat 1) after a transpose; output channel c·m + j is input channel c's j-th filter
   * in both.
   */
  private static Tensor depthwise(Tensor x, Tensor w, Tensor b, int[] args, long[] outShape) {
    long[] ws = w.shape();
    long c = x.size(1);
    long m = ws[0] / c;
    INDArray xa = Kernels.contiguous(x.data());
    INDArray wa =
        w.data().reshape('c', new long[] {c, m, ws[2], ws[3]}).permute(1, 0, 2, 3).dup('c');
    INDArray ba = b == null ? null : Kernels.contiguous(b.data());
    INDArray out = Kernels.empty(xa.dataType(), outShape);
    exec("depthwise_conv2d", inputs(xa, wa, ba), new INDArray[] {out}, args);
    BackwardFn fn =
        g -> {
          INDArray go = Kernels.contiguous(g.out());
          boolean nb = ba != null && g.needs(2);
          if (!g.needs(0) && !g.needs(1)) {
            return new INDArray[] {null, null, nb ? biasGrad(go) : null};
          }
          INDArray[] grads = grads(xa, wa, ba);
          exec("depthwise_conv2d_bp", inputs(xa, wa, ba, go), grads, args);
          INDArray gw = g.needs(1) ? grads[1].permute(1, 0, 2, 3).dup('c').reshape('c', ws) : null;
          return new INDArray[] {g.needs(0) ? grads[0] : null, gw, nb ? grads[2] : null};
        };
    return make("conv2d", out, fn, x, w, b);
  }

  /** Other groupings: one native call per group on channel slices, results concatenated. */
  private static Tensor conv2dGrouped(
      Tensor x, Tensor w, Tensor b, int[] args, long[] outShape, int groups) {
    INDArray xa = x.data();
    INDArray wa = w.data();
    INDArray ba = b == null ? null : b.data();
    long ci = xa.size(1) / groups;
    long co = wa.size(0) / groups;
    INDArray[] xg = new INDArray[groups];
    INDArray[] wg = new INDArray[groups];
    INDArray[] bg = new INDArray[groups];
    INDArray[] outs = new INDArray[groups];
    for (int k = 0; k < groups; k++) {
      xg[k] = slice(xa, 1, k * ci, ci);
      wg[k] = slice(wa, 0, k * co, co);
      bg[k] = ba == null ? null : slice(ba, 0, k * co, co);
      outs[k] = Kernels.empty(xa.dataType(), outShape[0], co, outShape[2], outShape[3]);
      exec("conv2d", inputs(xg[k], wg[k], bg[k]), new INDArray[] {outs[k]}, args);
    }
    INDArray out = Nd4j.concat(1, outs);
    BackwardFn fn =
        g -> {
          INDArray go = g.out();
          boolean nb = ba != null && g.needs(2);
          if (!g.needs(0) && !g.needs(1)) {
            return new INDArray[] {null, null, nb ? biasGrad(Kernels.contiguous(go)) : null};
          }
          INDArray[] gx = new INDArray[groups];
          INDArray[] gw = new INDArray[groups];
          INDArray[] gb = new INDArray[groups];
          for (int k = 0; k < groups; k++) {
            INDArray[] grads = grads(xg[k], wg[k], bg[k]);
            exec("conv2d_bp", inputs(xg[k], wg[k], bg[k], slice(go, 1, k * co, co)), grads, args);
            gx[k] = grads[0];
            gw[k] = grads[1];
            gb[k] = ba == null ? null : grads[2];
          }
          return new INDArray[] {
            g.needs(0) ? Nd4j.concat(1, gx) : null,
            g.needs(1) ? Nd4j.concat(0, gw) : null,
            nb ? Nd4j.concat(0, gb) : null
          };
        };
    return make("conv2d", out, fn, x, w, b);
  }

  // ---------------------------------------------------------------- conv_transpose2d

  static Tensor convTranspose2d(
      Tensor x,
      Tensor w,
      Tensor b,
      int[] stride,
      int[] padding,
      int[] outputPadding,
      int groups,
      int[] dilation) {
    final String op = "convTranspose2d";
    int[] s = pair(op, "stride", stride, 1);
    int[] p = pair(op, "padding", padding, 0);
    int[] op2 = pair(op, "outputPadding", outputPadding, 0);
    int[] d = pair(op, "dilation", dilation, 1);
    if (x.dim() == 3) {
      return convTranspose2d(x.unsqueeze(0), w, b, s, p, op2, groups, d).squeeze(0);
    }
    Tensor[] t = floats(op, x, w, b);
    x = t[0];
    w = t[1];
    b = t[2];
    long[] xs = x.shape();
    long[] ws = w.shape();
    if (x.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": input must be [N, C, H, W] (or unbatched [C, H, W]), got " + Shapes.str(xs));
    }
    if (w.dim() != 4) {
      throw new IllegalArgumentException(
          op + ": weight must be [in, out/groups, kH, kW], got " + Shapes.str(ws));
    }
    if (groups < 1) {
      throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
    }
    if (xs[1] != ws[0]) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + Shapes.str(xs)
              + " has "
              + xs[1]
              + " channels but weight "
              + Shapes.str(ws)
              + " (layout [in, out/groups, kH, kW]) expects "
              + ws[0]);
    }
    if (xs[1] % groups != 0) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + Shapes.str(xs)
              + " has "
              + xs[1]
              + " channels, not divisible by groups="
              + groups);
    }
    long outC = ws[1] * groups;
    checkBias(op, b, outC, ws);
    for (int i = 0; i < 2; i++) {
      if (op2[i] >= s[i] && op2[i] >= d[i]) {
        throw new IllegalArgumentException(
            op
                + ": output padding "
                + op2[i]
                + " must be smaller than the stride "
                + s[i]
                + " or the dilation "
                + d[i]);
      }
    }
    int kh = (int) ws[2];
    int kw = (int) ws[3];
    // unpadded ("full") output, and the requested one
    long fh = (xs[2] - 1) * s[0] + (long) d[0] * (kh - 1) + 1;
    long fw = (xs[3] - 1) * s[1] + (long) d[1] * (kw - 1) + 1;
    long oh = fh - 2L * p[0] + op2[0];
    long ow = fw - 2L * p[1] + op2[1];
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + Shapes.str(xs)
              + " with weight "
              + Shapes.str(ws)
              + ", stride "
              + str(s)
              + ", padding "
              + str(p)
              + ", dilation "
              + str(d)
              + " gives an empty output "
              + oh
              + "x"
              + ow);
    }
    boolean crop = op2[0] != 0 || op2[1] != 0;
    int[] args = {kh, kw, s[0], s[1], crop ? 0 : p[0], crop ? 0 : p[1], d[0], d[1], 0, 0, 1};
    long[] outShape = {xs[0], outC, oh, ow};
    long[] nativeShape =
        crop ? new long[] {xs[0], ws[1], fh, fw} : new long[] {xs[0], ws[1], oh, ow};
    return deconvGroups(x, w, b, args, nativeShape, outShape, crop ? p : null, groups);
  }

  /**
   * Transposed conv per group (one iteration when groups = 1) on {@code deconv2d}. With {@code p}
   * (output padding given) the native call runs unpadded without bias into {@code nativeShape}; the
   * window {@code [p, p + out)} of it is the result (rows past its end, from output padding larger
   * than the padding, are zero) and the bias is added afterwards. Without, the native call does
   * padding and bias itself.
   */
  private static Tensor deconvGroups(
      Tensor x,
      Tensor w,
      Tensor b,
      int[] args,
      long[] nativeShape,
      long[] outShape,
      int[] p,
      int groups) {
    boolean crop = p != null;
    INDArray xa = x.data();
    INDArray wa = w.data();
    INDArray ba = b == null ? null : Kernels.contiguous(b.data());
    long ci = xa.size(1) / groups;
    long co = wa.size(1);
    INDArray[] xg = new INDArray[groups];
    INDArray[] wg = new INDArray[groups];
    INDArray[] bg = new INDArray[groups];
    INDArray[] outs = new INDArray[groups];
    for (int k = 0; k < groups; k++) {
      xg[k] = groups == 1 ? Kernels.contiguous(xa) : slice(xa, 1, k * ci, ci);
      wg[k] = groups == 1 ? Kernels.contiguous(wa) : slice(wa, 0, k * ci, ci);
      bg[k] = ba == null || crop ? null : (groups == 1 ? ba : slice(ba, 0, k * co, co));
      INDArray full = Kernels.empty(xa.dataType(), nativeShape);
      exec("deconv2d", inputs(xg[k], wg[k], bg[k]), new INDArray[] {full}, args);
      outs[k] = crop ? cropTo(full, p, outShape[2], outShape[3]) : full;
    }
    INDArray cat = groups == 1 ? outs[0] : Nd4j.concat(1, outs);
    INDArray out = crop && ba != null ? Kernels.add(cat, ba.reshape(1, -1, 1, 1)) : cat;
    BackwardFn fn =
        g -> {
          INDArray go = g.out();
          boolean nb = ba != null && g.needs(2);
          if (!g.needs(0) && !g.needs(1)) {
            return new INDArray[] {null, null, nb ? biasGrad(Kernels.contiguous(go)) : null};
          }
          INDArray[] gx = new INDArray[groups];
          INDArray[] gw = new INDArray[groups];
          INDArray[] gb = new INDArray[groups];
          for (int k = 0; k < groups; k++) {
            INDArray gk = groups == 1 ? Kernels.contiguous(go) : slice(go, 1, k * co, co);
            if (crop) {
              gk = uncrop(gk, p, nativeShape);
            }
            if (args[6] == 1 && args[7] == 1) {
              INDArray[] grads = grads(xg[k], wg[k], bg[k]);
              exec("deconv2d_bp", inputs(xg[k], wg[k], bg[k], gk), grads, args);
              gx[k] = grads[0];
              gw[k] = grads[1];
              gb[k] = bg[k] == null ? null : grads[2];
            } else {
              // deconv2d_bp runs an inner conv2d on the oneDNN helper, which fails when dilated;
              // spell its two parts
              // out: dx = conv2d(g, w) and dw = conv2d's weight gradient with g as input and x as
              // output gradient
              gx[k] = Kernels.empty(xa.dataType(), xg[k].shape());
              exec("conv2d", new INDArray[] {gk, wg[k]}, new INDArray[] {gx[k]}, args);
              gw[k] = Kernels.empty(xa.dataType(), wg[k].shape());
              exec(
                  "conv2d_bp",
                  new INDArray[] {gk, wg[k], xg[k]},
                  new INDArray[] {Kernels.empty(xa.dataType(), gk.shape()), gw[k]},
                  args);
              gb[k] = bg[k] == null ? null : biasGrad(gk);
            }
          }
          INDArray gBias = null;
          if (nb) {
            gBias =
                crop ? biasGrad(Kernels.contiguous(go)) : groups == 1 ? gb[0] : Nd4j.concat(0, gb);
          }
          return new INDArray[] {
            g.needs(0) ? (groups == 1 ? gx[0] : Nd4j.concat(1, gx)) : null,
            g.needs(1) ? (groups == 1 ? gw[0] : Nd4j.concat(0, gw)) : null,
            gBias
          };
        };
    return make("convTranspose2d", out, fn, x, w, b);
  }

  /**
   * Rows/cols {@code [p, p + h)} × {@code [p, p + w)} of {@code full}, zero where they run past its
   * end.
   */
  private static INDArray cropTo(INDArray full, int[] p, long h, long w) {
    long fh = full.size(2);
    long fw = full.size(3);
    if (p[0] + h <= fh && p[1] + w <= fw) {
      return full.get(
              NDArrayIndex.all(),
              NDArrayIndex.all(),
              NDArrayIndex.interval(p[0], p[0] + h),
              NDArrayIndex.interval(p[1], p[1] + w))
          .dup('c');
    }
    INDArray out = Nd4j.zeros(full.dataType(), full.size(0), full.size(1), h, w);
    long rh = Math.min(h, fh - p[0]);
    long rw = Math.min(w, fw - p[1]);
    out.get(
            NDArrayIndex.all(),
            NDArrayIndex.all(),
            NDArrayIndex.interval(0, rh),
            NDArrayIndex.interval(0, rw))
        .assign(
            full.get(
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.interval(p[0], p[0] + rh),
                NDArrayIndex.interval(p[1], p[1] + rw)));
    return out;
  }

  /**
   * The adjoint of {@link #cropTo}: {@code g} placed at offset {@code p} in zeros of the full
   * shape.
   */
  private static INDArray uncrop(INDArray g, int[] p, long[] nativeShape) {
    long fh = nativeShape[2];
    long fw = nativeShape[3];
    INDArray full = Nd4j.zeros(g.dataType(), g.size(0), g.size(1), fh, fw);
    long rh = Math.min(g.size(2), fh - p[0]);
    long rw = Math.min(g.size(3), fw - p[1]);
    full.get(
            NDArrayIndex.all(),
            NDArrayIndex.all(),
            NDArrayIndex.interval(p[0], p[0] + rh),
            NDArrayIndex.interval(p[1], p[1] + rw))
        .assign(
            g.get(
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.interval(0, rh),
                NDArrayIndex.interval(0, rw)));
    return full;
  }

  // ---------------------------------------------------------------- shared helpers (also used by
  // PoolOps)

  /**
   * Runs a libnd4j custom op into preallocated outputs. The i-args of every conv/pool op here hold
   * the dilations at 6 and 7; dilated ops skip the oneDNN platform helpers, whose conv2d rejects
   * dilation (it fails to create the "dilated convolution" primitive), and run libnd4j's own
   * kernels.
   */
  static void exec(String name, INDArray[] in, INDArray[] out, int... iargs) {
    DynamicCustomOp op =
        DynamicCustomOp.builder(name)
            .addInputs(in)
            .addOutputs(out)
            .addIntegerArguments(iargs)
            .build();
    if (iargs[6] == 1 && iargs[7] == 1) {
      Nd4j.exec(op);
      return;
    }
    try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
      long[] la = new long[iargs.length];
      for (int i = 0; i < la.length; i++) {
        la[i] = iargs[i];
      }
      ctx.setIArguments(la);
      ctx.setInputArrays(in);
      ctx.setOutputArrays(out);
      ctx.allowHelpers(false);
      Nd4j.exec(op, ctx);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(name + ": closing the op context failed", e);
    }
  }

  /** A 2-element int parameter, checked to be {@code >= min}. */
  static int[] pair(String op, String what, int[] v, int min) {
    if (v == null || v.length != 2) {
      throw new IllegalArgumentException(
          op
              + ": "
              + what
              + " needs 2 values (height, width), got "
              + (v == null ? "null" : str(v)));
    }
    if (v[0] < min || v[1] < min) {
      throw new IllegalArgumentException(
          op + ": " + what + " must be >= " + min + ", got " + str(v));
    }
    return v;
  }

  static String str(int[] v) {
    return v.length == 2 ? "(" + v[0] + ", " + v[1] + ")" : java.util.Arrays.toString(v);
  }

  /**
   * Output size along one spatial dim, PyTorch's {@code floor((H + 2p − d(k−1) − 1)/s) + 1},
   * checked to be positive.
   */
  private static long convOut(String op, long[] xs, int dim, int k, int s, int p, int d) {
    long span = (long) d * (k - 1) + 1;
    long padded = xs[dim] + 2L * p;
    if (span > padded) {
      throw new IllegalArgumentException(
          op
              + ": kernel "
              + (dim == 2 ? "height" : "width")
              + " "
              + k
              + " (dilation "
              + d
              + ", span "
              + span
              + ") is larger than the padded input "
              + (dim == 2 ? "height" : "width")
              + " "
              + padded
              + " (input "
              + Shapes.str(xs)
              + ", padding "
              + p
              + ")");
    }
    return (padded - span) / s + 1;
  }

  private static void checkBias(String op, Tensor b, long outC, long[] ws) {
    if (b != null && (b.dim() != 1 || b.size(0) != outC)) {
      throw new IllegalArgumentException(
          op
              + ": bias "
              + Shapes.str(b.shape())
              + " should be ["
              + outC
              + "] for weight "
              + Shapes.str(ws));
    }
  }

  /**
   * Input, weight (and bias) in one floating dtype (float64 if they differ, as the arithmetic ops
   * promote).
   */
  private static Tensor[] floats(String op, Tensor x, Tensor w, Tensor b) {
    for (Tensor t : new Tensor[] {x, w, b}) {
      if (t != null && !t.dtype().isFloatingPoint()) {
        throw new IllegalArgumentException(
            op
                + ": input and weight"
                + (b == null ? "" : " and bias")
                + " must be floating point, got input "
                + x.dtype()
                + " "
                + Shapes.str(x.shape())
                + ", weight "
                + w.dtype()
                + " "
                + Shapes.str(w.shape())
                + (b == null ? "" : ", bias " + b.dtype()));
      }
    }
    DType tp =
        x.dtype() == w.dtype() && (b == null || b.dtype() == x.dtype()) ? x.dtype() : DType.FLOAT64;
    return new Tensor[] {
      x.dtype() == tp ? x : x.to(tp),
      w.dtype() == tp ? w : w.to(tp),
      b == null || b.dtype() == tp ? b : b.to(tp)
    };
  }

  /** Gradient arrays shaped like x, w (and b). */
  private static INDArray[] grads(INDArray x, INDArray w, INDArray b) {
    DataType t = x.dataType();
    return b == null
        ? new INDArray[] {Kernels.empty(t, x.shape()), Kernels.empty(t, w.shape())}
        : new INDArray[] {
          Kernels.empty(t, x.shape()), Kernels.empty(t, w.shape()), Kernels.empty(t, b.shape())
        };
  }

  private static INDArray biasGrad(INDArray go) {
    return go.sum(0, 2, 3);
  }

  /** The non-null arrays, in order. */
  static INDArray[] inputs(INDArray... a) {
    List<INDArray> l = new ArrayList<>(a.length);
    for (INDArray v : a) {
      if (v != null) {
        l.add(v);
      }
    }
    return l.toArray(new INDArray[0]);
  }

  /** {@code len} entries from {@code start} along {@code dim}, as a new row-major array. */
  static INDArray slice(INDArray a, int dim, long start, long len) {
    INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i == dim ? NDArrayIndex.interval(start, start + len) : NDArrayIndex.all();
    }
    return a.get(idx).dup('c');
  }

  private static Tensor make(
      String name, INDArray out, BackwardFn fn, Tensor x, Tensor w, Tensor b) {
    return b == null ? Tensor.make(out, name, fn, x, w) : Tensor.make(out, name, fn, x, w, b);
  }
}
