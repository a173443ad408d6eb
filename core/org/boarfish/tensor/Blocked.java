package org.boarfish.tensor;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float32 NCHW activation held in oneDNN's 16-channel blocked layout ({@code nChw16c}) between
 * inference ops, so that a chain of convolutions skips the reorders PyTorch pays around each one,
 * and each convolution carries its batch norm, residual sum and ReLU (fused post-ops) instead of
 * separate passes. No autograd: use it only where {@link #usable} says so (inference, no tensor
 * needing a gradient). {@code vision}'s ResNet blocks run their eval forward on it.
 *
 * <p>Channels must be a multiple of 16 ({@link #fits}); the first convolution of a chain may read a
 * plain NCHW tensor of any channel count.
 */
public final class Blocked {
  private final INDArray buffer;
  private final long[] shape;

  private Blocked(INDArray buffer, long[] shape) {
    this.buffer = buffer;
    this.shape = shape;
  }

  /**
   * Whether the blocked path may run on these tensors: oneDNN loaded, all float32, and no gradient
   * wanted (autograd off, or none of them requires one).
   */
  public static boolean usable(Tensor... tensors) {
    if (!Dnnl.OK) {
      return false;
    }
    boolean grad = Autograd.isEnabled();
    for (Tensor t : tensors) {
      if (t != null && (t.dtype() != DType.FLOAT32 || grad && t.requiresGrad())) {
        return false;
      }
    }
    return true;
  }

  /** Whether an NCHW shape can be held blocked (4-D, channels a multiple of 16, not empty). */
  public static boolean fits(long[] nchw) {
    return nchw.length == 4 && nchw[1] % 16 == 0 && Shapes.numel(nchw) > 0;
  }

  /** {@code x} (NCHW float32) reordered into the blocked layout. */
  public static Blocked of(Tensor x) {
    long[] s = x.shape();
    if (!fits(s) || x.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "Blocked.of: needs float32 NCHW with channels a multiple of 16, got "
              + x.dtype()
              + " "
              + Shapes.str(s));
    }
    Blocked out = empty(s);
    DnnlUnary.reorder(s, dnnl_nchw, dnnl_nChw16c).run(Kernels.contiguous(x.data()), out.buffer);
    return out;
  }

  /**
   * The first convolution of a chain, on a plain NCHW input: {@code relu?(conv(x, w, b) · scale +
   * shift)} ({@code scale}, {@code shift} per output channel, or both null), blocked.
   */
  public static Blocked conv(
      Tensor x,
      Tensor w,
      Tensor b,
      int[] stride,
      int[] padding,
      int[] dilation,
      Tensor scale,
      Tensor shift,
      boolean relu) {
    return run(
        false,
        Kernels.contiguous(x.data()),
        x.shape(),
        w,
        b,
        stride,
        padding,
        dilation,
        scale,
        shift,
        null,
        relu);
  }

  /**
   * This map through a convolution: {@code relu?(conv(this, w, b) · scale + shift + residual)}.
   * {@code residual} (may be null) must have the output's shape.
   */
  public Blocked conv(
      Tensor w,
      Tensor b,
      int[] stride,
      int[] padding,
      int[] dilation,
      Tensor scale,
      Tensor shift,
      Blocked residual,
      boolean relu) {
    return run(true, buffer, shape, w, b, stride, padding, dilation, scale, shift, residual, relu);
  }

  /** One fused convolution into a new blocked map, on every OpenMP thread. */
  private static Blocked run(
      boolean blockedIn,
      INDArray x,
      long[] xShape,
      Tensor w,
      Tensor b,
      int[] stride,
      int[] padding,
      int[] dilation,
      Tensor scale,
      Tensor shift,
      Blocked residual,
      boolean relu) {
    long[] outShape = outShape(xShape, w, stride, padding, dilation);
    if (residual != null && !Arrays.equals(residual.shape, outShape)) {
      throw new IllegalArgumentException(
          "Blocked.conv: residual "
              + Shapes.str(residual.shape)
              + " does not match the output "
              + Shapes.str(outShape));
    }
    Blocked out = empty(outShape);
    DnnlConv32.Spec spec =
        new DnnlConv32.Spec(blockedIn, true, scale != null, residual != null, relu);
    Threads.parallel(
        () ->
            DnnlConv32.run(
                spec,
                x,
                xShape,
                Kernels.contiguous(w.data()),
                b == null ? null : Kernels.contiguous(b.data()),
                args(w, stride, padding, dilation),
                outShape,
                scale == null ? null : Kernels.contiguous(scale.data()),
                shift == null ? null : Kernels.contiguous(shift.data()),
                residual == null ? null : residual.buffer,
                out.buffer));
    return out;
  }

  /** Max pooling ({@code {h, w}} pairs; floor rounding, padding never wins the max). */
  public Blocked maxPool2d(int[] kernel, int[] stride, int[] padding) {
    long[] out = {
      shape[0],
      shape[1],
      (shape[2] + 2L * padding[0] - kernel[0]) / stride[0] + 1,
      (shape[3] + 2L * padding[1] - kernel[1]) / stride[1] + 1
    };
    Blocked r = empty(out);
    DnnlUnary.maxPool(shape, out, kernel, stride, padding).run(buffer, r.buffer);
    return r;
  }

  /** Back to a plain NCHW tensor. */
  public Tensor toTensor() {
    INDArray out = Kernels.empty(DataType.FLOAT, shape);
    DnnlUnary.reorder(shape, dnnl_nChw16c, dnnl_nchw).run(buffer, out);
    return Tensor.wrap(out);
  }

  /** The NCHW shape. */
  public long[] shape() {
    return shape.clone();
  }

  private static Blocked empty(long[] nchw) {
    if (!fits(nchw)) {
      throw new IllegalArgumentException(
          "Blocked: channels must be a multiple of 16, got " + Shapes.str(nchw));
    }
    return new Blocked(Kernels.empty(DataType.FLOAT, Shapes.numel(nchw)), nchw);
  }

  private static long[] outShape(long[] x, Tensor w, int[] stride, int[] padding, int[] dilation) {
    long[] ws = w.shape();
    if (x.length != 4 || ws.length != 4 || ws[1] != x[1]) {
      throw new IllegalArgumentException(
          "Blocked.conv: input " + Shapes.str(x) + " and weight " + Shapes.str(ws) + " do not fit");
    }
    long[] out = {x[0], ws[0], 0, 0};
    for (int i = 0; i < 2; i++) {
      long span = dilation[i] * (ws[2 + i] - 1) + 1;
      out[2 + i] = (x[2 + i] + 2L * padding[i] - span) / stride[i] + 1;
      if (out[2 + i] < 1) {
        throw new IllegalArgumentException(
            "Blocked.conv: input " + Shapes.str(x) + " is smaller than the kernel");
      }
    }
    return out;
  }

  private static int[] args(Tensor w, int[] stride, int[] padding, int[] dilation) {
    long[] ws = w.shape();
    return new int[] {
      (int) ws[2],
      (int) ws[3],
      stride[0],
      stride[1],
      padding[0],
      padding[1],
      dilation[0],
      dilation[1],
      0,
      0,
      1
    };
  }
}
