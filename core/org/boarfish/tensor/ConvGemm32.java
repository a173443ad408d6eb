package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 conv2d (one group, NCHW, PyTorch weight layout) as im2col plus one BLAS SGEMM per pass,
 * for the convolutions where libnd4j's oneDNN kernels are slow: small feature maps with many
 * channels (ResNet's last stages: 512→512 3×3 on 2×2 maps took ~180 ms in {@code conv2d_bp} against
 * ~20 ms here) and weight-only gradients of layers with many taps per output pixel.
 *
 * <p>The whole batch is one matrix: {@code col [K, N·P]} with {@code K = in·kH·kW} taps and {@code
 * P = oH·oW} output pixels, column {@code n·P + p}. Then forward {@code Y[out, N·P] = W[out, K] ·
 * col}, weight gradient {@code dW = G · colᵀ}, input gradient {@code dcol = Wᵀ · G} scattered back
 * by col2im, with {@code G [out, N·P]} the output gradient with batch and channel swapped. The
 * gathers, scatters and swaps are Java loops over heap copies ({@link Floats}); each GEMM is one
 * single-threaded OpenBLAS call ({@link BlasGemm}).
 *
 * <p>Both cores ({@link TwoCores}): the backward runs its two independent halves side by side, the
 * input gradient ({@code Wᵀ·G} and col2im) on one core and the weight gradient (im2col when the
 * forward did not keep it, and {@code G·colᵀ}) on the other; a stem's per-sample weight gradient
 * shares its samples; a gather or scatter running alone splits its input channels.
 */
final class ConvGemm32 {
  /** Output maps of at most this many pixels take this path. */
  private static final long MAX_PIXELS = 16;

  /**
   * Input channels × taps from which it pays; below, oneDNN's direct kernels win. 64 sent the
   * simple CNN of W2 (16–64 channels at batch 128) here and halved its speed (W2i 56k → 31k
   * samples/s, `./boarfish bench simple-cnn-infer`); 1024 keeps ResNet's 256/512-channel layers
   * here. Tests lower it to run the path on small fixtures.
   */
  static volatile long minTaps = 1024;

  private ConvGemm32() {}

  /**
   * Whether a conv with output shape {@code os} [N, out, oH, oW] and weight shape {@code ws} runs
   * its backward here (its forward too when {@link #forwardApplies}). Measured on the 2-core
   * machine with ResNet18's shapes at batch 32 (per-layer totals: {@code ./boarfish
   * resnet18-profile --train}): oneDNN's conv2d_bp on 512→512 3×3 over 2×2 maps took 180–640 ms,
   * this path 24–44 ms; on 4×4 maps this one is up to ~2× faster backward; on 8×8 maps and larger
   * oneDNN wins both ways.
   */
  static boolean applies(long[] os, long[] ws) {
    return os[2] * os[3] <= MAX_PIXELS && ws[1] * ws[2] * ws[3] >= minTaps;
  }

  /**
   * Whether a conv with weight shape {@code ws} and conv2d i-args {@code args} is a strided,
   * unpadded 1×1 conv (ResNet's downsample shortcut), which runs here both ways at any map size:
   * its im2col is a strided gather of a quarter of the input, and oneDNN took 2.6 / 5.6 ms forward
   * / backward for 64→128 on 32×64×16×16 against 1.5 / 2.3 ms here ({@code ./boarfish conv-bench}).
   */
  static boolean stridedPointwise(long[] ws, int[] args) {
    return ws[2] == 1
        && ws[3] == 1
        && (args[2] > 1 || args[3] > 1)
        && args[4] == 0
        && args[5] == 0
        && ws[1] >= MIN_POINTWISE_CHANNELS;
  }

  /** Input channels from which a strided 1×1 conv runs here. */
  private static final long MIN_POINTWISE_CHANNELS = 32;

  /** Output maps of at most this many pixels also run forward here. */
  private static final long MAX_FORWARD_PIXELS = 4;

  /**
   * Whether a conv that {@link #applies} also runs its forward here (else on oneDNN): on 4×4 maps
   * oneDNN's forward measured as fast or faster (5–8 ms against 7–10 ms for 256→256), on 2×2 maps
   * it took 34–49 ms against 11–26 ms here.
   */
  static boolean forwardApplies(long[] os) {
    return os[2] * os[3] <= MAX_FORWARD_PIXELS;
  }

  /**
   * Whether a weight-only gradient (input needing none) fits here: im2col of at most 2^24 floats.
   * For ResNet's 7×7 stem on 32×3×64×64 this took 20–45 ms against 80–105 ms for conv2d_bp, which
   * also computes the input gradient.
   */
  static boolean fitsWeightOnly(long[] xs, long[] ws, long[] os) {
    return ws[1] * ws[2] * ws[3] * xs[0] * os[2] * os[3] <= MAX_COL;
  }

  private static final long MAX_COL = 1L << 24;

  /**
   * {@code col [K, N·P]} of the dense float32 input {@code x} [N, C, H, W] for output size {@code
   * oh×ow} and the conv2d i-args {@code kH, kW, sH, sW, pH, pW, dH, dW}.
   */
  static INDArray im2col(INDArray x, long oh, long ow, int[] args) {
    long k = x.size(1) * args[0] * args[1];
    INDArray out = Kernels.empty(DataType.FLOAT, k, x.size(0) * oh * ow);
    im2colInto(x, oh, ow, args, out);
    return out;
  }

  /**
   * {@link #im2col} into {@code out} [K, N·P] (allocates nothing, so it may run on a helper
   * thread); input channels split over both cores when called alone.
   */
  private static void im2colInto(INDArray x, long oh, long ow, int[] args, INDArray out) {
    long[] xs = x.shape();
    int n = (int) xs[0];
    int c = (int) xs[1];
    int p = (int) (oh * ow);
    int k = c * args[0] * args[1];
    float[] xv = Floats.read(x, 0);
    float[] col = Floats.scratch(1, Math.multiplyExact(k, n * p));
    int per = channelsPerChunk(c, (long) k * n * p);
    TwoCores.run(
        (c + per - 1) / per,
        per < c,
        (chunk, worker) -> {
          int c0 = chunk * per;
          int c1 = Math.min(c, c0 + per);
          for (int i = 0; i < n; i++) {
            gather(xv, xs, i, c0, c1, (int) oh, (int) ow, args, col, i * p, n * p);
          }
        });
    Floats.write(col, out);
  }

  /**
   * Elements of work from which a Java gather or scatter is split over both cores. Tests lower it
   * to split small fixtures.
   */
  static volatile long splitLoopMin = 1L << 17;

  /**
   * Multiply-adds from which GEMM work (a backward's two halves, a stem's samples) is shared by
   * both cores: each core then has ≥ ~1 ms of work at ~80 GMAC/s, against tens of µs to start the
   * helper. Tests lower it.
   */
  static volatile long splitMin = 1L << 22;

  /**
   * Input channels per chunk of a gather or scatter over {@code c} channels: all of them (one
   * chunk, the calling thread) below {@link #splitLoopMin} elements, else about 8 chunks.
   */
  private static int channelsPerChunk(int c, long elements) {
    return elements < splitLoopMin ? c : Math.max(1, (c + 7) / 8);
  }

  /**
   * {@code dW = Σₙ Gₙ · colₙᵀ}, shaped like {@code w}: the weight gradient of a conv whose input
   * needs none (a stem), one GEMM per sample. Sample n's output gradient {@code Gₙ [out, P]} is a
   * block of {@code go} read where it lies (no copy, no swap to channel-major), and its {@code colₙ
   * [K, P]} is built in a reused buffer, so the working memory is one sample's im2col per core
   * instead of the batch's (ResNet's 7×7 stem on 32×3×64×64: 0.6 MB instead of 19 MB). The samples
   * are shared by both cores ({@link TwoCores}); each accumulates into its own partial {@code dW},
   * and the two are added at the end.
   */
  static INDArray weightGradPerSample(
      INDArray x, INDArray go, long[] ws, long oh, long ow, int[] args) {
    long[] xs = x.shape();
    int n = (int) xs[0];
    int c = (int) xs[1];
    int p = (int) (oh * ow);
    int k = c * args[0] * args[1];
    int co = (int) ws[0];
    float[] xv = Floats.read(x, 0);
    boolean split = BlasGemm.OK && n >= 2 && (long) n * co * k * p >= splitMin;
    int workers = split ? 2 : 1;
    INDArray[] colA = new INDArray[workers];
    INDArray[] dw = new INDArray[workers];
    for (int wk = 0; wk < workers; wk++) {
      colA[wk] = Kernels.empty(DataType.FLOAT, k, p);
      dw[wk] = Kernels.empty(DataType.FLOAT, co, k);
    }
    boolean[] used = new boolean[workers];
    INDArray gA = BlasGemm.OK ? null : Kernels.empty(DataType.FLOAT, co, p);
    INDArray gRows = BlasGemm.OK ? null : go.reshape('c', n, (long) co * p);
    TwoCores.run(
        n,
        split,
        (i, wk) -> {
          float[] cv = Floats.scratch(1, k * p); // this worker's own (slot 0 holds xv)
          gather(xv, xs, i, 0, c, (int) oh, (int) ow, args, cv, 0, p);
          put(cv, 0, colA[wk]);
          float beta = used[wk] ? 1f : 0f;
          if (BlasGemm.OK) {
            BlasGemm.sgemm(
                false,
                true,
                co,
                k,
                p,
                go,
                (long) i * co * p,
                p,
                colA[wk],
                0,
                p,
                beta,
                dw[wk],
                0,
                k);
          } else {
            // no direct OpenBLAS: one thread (split is false), sample i's block copied out of go
            gA.assign(gRows.getRow(i).reshape('c', co, p));
            Nd4j.gemm(gA, colA[wk], dw[wk], false, true, 1.0, beta);
          }
          used[wk] = true;
        });
    INDArray out = used[0] ? dw[0] : dw[1];
    if (used[0] && workers == 2 && used[1]) {
      Floats.addInPlace(out, dw[1]);
    }
    return out.reshape('c', ws);
  }

  /**
   * Copies {@code a.length()} floats of {@code v} from {@code from} into the dense array {@code a}.
   */
  private static void put(float[] v, int from, INDArray a) {
    java.nio.FloatBuffer fb = a.data().asNioFloat();
    fb.position(Math.toIntExact(a.offset()));
    fb.put(v, from, Math.toIntExact(a.length()));
  }

  /**
   * The conv output [N, out, oH, oW] from {@code col} and the weight {@code w} [out, in, kH, kW],
   * plus {@code bias} [out] when non-null; the GEMM's two halves of output channels on both cores.
   */
  static INDArray forward(INDArray col, INDArray w, INDArray bias, long n, long oh, long ow) {
    long co = w.size(0);
    long k = col.size(0);
    long np = col.size(1);
    INDArray y = Kernels.empty(DataType.FLOAT, co, np);
    INDArray w2 = w.reshape('c', co, k);
    // two halves of the output channels side by side: 512×4608 · 4608×128 took 4.2 ms on one
    // core, 2.5 ms as two halves (a /tmp driver, median of 41); four quarters gained little
    int half = (int) (((co + 1) / 2 + 15) / 16 * 16);
    if (BlasGemm.OK && co >= 32 && co * k * np >= splitMin) {
      TwoCores.run(
          2,
          true,
          (i, worker) -> {
            int r0 = i * half;
            int rows = (int) Math.min(half, co - r0);
            BlasGemm.sgemm(
                false,
                false,
                rows,
                (int) np,
                (int) k,
                w2,
                (long) r0 * k,
                (int) k,
                col,
                0,
                (int) np,
                0f,
                y,
                (long) r0 * np,
                (int) np);
          });
    } else {
      BlasGemm.gemm(w2, false, col, false, y, 0f);
    }
    INDArray out = Kernels.empty(DataType.FLOAT, n, co, oh, ow);
    swap(y, out, (int) co, (int) n, (int) (oh * ow), bias == null ? null : bias.toFloatVector());
    return out;
  }

  /** The output gradient {@code go} [N, out, oH, oW] as {@code G [out, N·P]}. */
  static INDArray channelMajor(INDArray go) {
    long[] s = go.shape();
    int p = (int) (s[2] * s[3]);
    INDArray out = Kernels.empty(DataType.FLOAT, s[1], s[0] * p);
    swap(go, out, (int) s[0], (int) s[1], p, null);
    return out;
  }

  /**
   * The input gradient [N, C, H, W] (when {@code needX}) and the weight gradient shaped like {@code
   * w} (when {@code needW}) from {@code G [out, N·P]} ({@link #channelMajor}), the input {@code x},
   * the weight, and {@code col} when the forward kept it (else null: rebuilt here). The two are
   * independent, so with both needed and enough work they run side by side on both cores, each GEMM
   * single-threaded (see {@link BlasGemm} for why not one GEMM on two threads).
   */
  static INDArray[] backward(
      INDArray gm,
      INDArray x,
      INDArray w,
      INDArray col,
      boolean needX,
      boolean needW,
      long oh,
      long ow,
      int[] args) {
    long co = w.size(0);
    long k = w.length() / co;
    long np = gm.size(1);
    INDArray w2 = w.reshape('c', co, k);
    INDArray dcol = needX ? Kernels.empty(DataType.FLOAT, k, np) : null;
    INDArray dx = needX ? Kernels.empty(DataType.FLOAT, x.shape()) : null;
    boolean rebuild = needW && col == null;
    INDArray cols = rebuild ? Kernels.empty(DataType.FLOAT, k, np) : col;
    INDArray dw = needW ? Kernels.empty(DataType.FLOAT, co, k) : null;
    boolean split = BlasGemm.OK && needX && needW && 2 * co * k * np >= splitMin;
    TwoCores.run(
        2,
        split,
        (half, worker) -> {
          if (half == 0 && needX) {
            BlasGemm.gemm(w2, true, gm, false, dcol, 0f);
            col2im(dcol, x.shape(), oh, ow, args, dx);
          } else if (half == 1 && needW) {
            if (rebuild) {
              im2colInto(x, oh, ow, args, cols);
            }
            BlasGemm.gemm(gm, false, cols, true, dw, 0f);
          }
        });
    return new INDArray[] {dx, needW ? dw.reshape('c', w.shape()) : null};
  }

  /**
   * Scatters {@code dcol [K, N·P]} back onto {@code out} [N, C, H, W] (the adjoint of {@link
   * #im2col}), input channels split over both cores when called alone.
   */
  private static void col2im(INDArray dcol, long[] xs, long oh, long ow, int[] args, INDArray out) {
    int n = (int) xs[0];
    int c = (int) xs[1];
    int taps = args[0] * args[1];
    int p = (int) (oh * ow);
    float[] dc = Floats.read(dcol, 0);
    int plane = (int) (xs[2] * xs[3]);
    int[] at = offsets(xs, oh, ow, args);
    float[] dx = Floats.scratch(1, Math.multiplyExact(n * c, plane));
    int per = channelsPerChunk(c, dcol.length());
    TwoCores.run(
        (c + per - 1) / per,
        per < c,
        (chunk, worker) -> {
          for (int ci = chunk * per, end = Math.min(c, ci + per); ci < end; ci++) {
            for (int i = 0; i < n; i++) {
              java.util.Arrays.fill(dx, (i * c + ci) * plane, (i * c + ci + 1) * plane, 0f);
            }
            for (int t = 0; t < taps; t++) {
              int from = (ci * taps + t) * n * p;
              int map = t * p;
              for (int i = 0; i < n; i++) {
                int to = (i * c + ci) * plane;
                for (int j = 0, e = from + i * p; j < p; j++) {
                  int o = at[map + j];
                  if (o >= 0) {
                    dx[to + o] += dc[e + j];
                  }
                }
              }
            }
          }
        });
    Floats.write(dx, out);
  }

  /**
   * Copies {@code src} seen as [A, B, P] into {@code dst} as [B, A, P] (both dense float32), adding
   * {@code bias[a]} when non-null.
   */
  private static void swap(INDArray src, INDArray dst, int na, int nb, int p, float[] bias) {
    float[] s = Floats.read(src, 0);
    float[] d = Floats.scratch(1, na * nb * p);
    for (int a = 0; a < na; a++) {
      float add = bias == null ? 0f : bias[a];
      for (int b = 0; b < nb; b++) {
        int from = (a * nb + b) * p;
        int to = (b * na + a) * p;
        if (bias == null) {
          System.arraycopy(s, from, d, to, p);
        } else {
          for (int j = 0; j < p; j++) {
            d[to + j] = s[from + j] + add;
          }
        }
      }
    }
    Floats.write(d, dst);
  }

  /**
   * Writes the im2col rows of sample {@code i}, input channels {@code c0 .. c1−1}, of the dense
   * input {@code xv} [N, C, H, W]: {@code col[(ci·kH·kW + a·kW + b)·ld + off + oy·oW + ox] = x[i,
   * ci, oy·sH − pH + a·dH, ox·sW − pW + b·dW]}, 0 in the padding. Per output row, the columns that
   * fall inside the input are one strided run (a plain copy at stride 1), with no per-element
   * bounds test or offset table.
   */
  static void gather(
      float[] xv,
      long[] xs,
      int i,
      int c0,
      int c1,
      int oh,
      int ow,
      int[] args,
      float[] col,
      int off,
      int ld) {
    int c = (int) xs[1];
    int h = (int) xs[2];
    int w = (int) xs[3];
    int kh = args[0];
    int kw = args[1];
    int sh = args[2];
    int sw = args[3];
    for (int ci = c0; ci < c1; ci++) {
      int plane = (i * c + ci) * h * w;
      for (int a = 0; a < kh; a++) {
        for (int b = 0; b < kw; b++) {
          int row = ((ci * kh + a) * kw + b) * ld + off;
          int dx = b * args[7] - args[5];
          // ox in [lo, hi) reads x = ox·sW + dx inside [0, W)
          int lo = dx >= 0 ? 0 : Math.min(ow, (-dx + sw - 1) / sw);
          int hi = w - 1 - dx < 0 ? 0 : Math.min(ow, (w - 1 - dx) / sw + 1);
          hi = Math.max(hi, lo);
          for (int oy = 0; oy < oh; oy++) {
            int y = oy * sh - args[4] + a * args[6];
            int e = row + oy * ow;
            if (y < 0 || y >= h) {
              java.util.Arrays.fill(col, e, e + ow, 0f);
              continue;
            }
            for (int ox = 0; ox < lo; ox++) {
              col[e + ox] = 0f;
            }
            int src = plane + y * w + dx;
            if (sw == 1) {
              System.arraycopy(xv, src + lo, col, e + lo, hi - lo);
            } else {
              for (int ox = lo; ox < hi; ox++) {
                col[e + ox] = xv[src + ox * sw];
              }
            }
            for (int ox = hi; ox < ow; ox++) {
              col[e + ox] = 0f;
            }
          }
        }
      }
    }
  }

  /**
   * For tap {@code t = a·kW + b} and output pixel {@code j = oy·oW + ox}, entry {@code t·P + j}:
   * the offset {@code y·W + x} it reads in an input plane, or −1 in the padding.
   */
  private static int[] offsets(long[] xs, long oh, long ow, int[] args) {
    int h = (int) xs[2];
    int w = (int) xs[3];
    int p = (int) (oh * ow);
    int[] at = new int[args[0] * args[1] * p];
    for (int a = 0; a < args[0]; a++) {
      for (int b = 0; b < args[1]; b++) {
        int t = (a * args[1] + b) * p;
        for (int oy = 0; oy < oh; oy++) {
          int y = oy * args[2] - args[4] + a * args[6];
          for (int ox = 0; ox < ow; ox++) {
            int x = ox * args[3] - args[5] + b * args[7];
            at[t + oy * (int) ow + ox] = y >= 0 && y < h && x >= 0 && x < w ? y * w + x : -1;
          }
        }
      }
    }
    return at;
  }
}
