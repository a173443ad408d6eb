package org.boarfish.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ./boarfish conv-bench [reps]}: for each convolution shape of resnet18 on 32×3×64×64, the
 * median milliseconds of libnd4j's oneDNN {@code conv2d} and {@code conv2d_bp} (both gradients)
 * against {@link ConvGemm32}'s forward (im2col + GEMM), backward (input and weight gradients) and
 * weight-only backward (im2col + GEMM, as for a stem whose input needs no gradient), run
 * alternately, and which path {@link ConvOps} picks. Not a test: timing only.
 */
public final class ConvGemmBench {
  private ConvGemmBench() {}

  /** Prints one line per shape. */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    // n, in, size, out, kernel, stride, padding
    int[][] shapes = {
      {32, 3, 64, 64, 7, 2, 3},
      {32, 64, 16, 64, 3, 1, 1},
      {32, 64, 16, 128, 3, 2, 1},
      {32, 64, 16, 128, 1, 2, 0},
      {32, 128, 8, 128, 3, 1, 1},
      {32, 128, 8, 256, 3, 2, 1},
      {32, 256, 4, 256, 3, 1, 1},
      {32, 256, 4, 512, 3, 2, 1},
      {32, 512, 2, 512, 3, 1, 1}
    };
    System.out.printf(
        "%-22s %9s %9s %9s %9s %9s  %s%n",
        "conv", "dnn fwd", "dnn bwd", "gemm fwd", "gemm bwd", "gemm dW", "used");
    for (int[] s : shapes) {
      int n = s[0];
      int ci = s[1];
      int h = s[2];
      int co = s[3];
      int k = s[4];
      int oh = (h + 2 * s[6] - k) / s[5] + 1;
      INDArray x = Nd4j.rand(DataType.FLOAT, n, ci, h, h);
      INDArray w = Nd4j.rand(DataType.FLOAT, co, ci, k, k);
      INDArray go = Nd4j.rand(DataType.FLOAT, n, co, oh, oh);
      long[] os = {n, co, oh, oh};
      int[] a = {k, k, s[5], s[5], s[6], s[6], 1, 1, 0, 0, 1};
      double[][] t = new double[5][reps];
      for (int r = -1; r < reps; r++) {
        long t0 = System.nanoTime();
        INDArray out = Kernels.empty(DataType.FLOAT, os);
        Threads.parallel(
            () -> ConvOps.exec("conv2d", new INDArray[] {x, w}, new INDArray[] {out}, a));
        long t1 = System.nanoTime();
        INDArray[] grads = {
          Kernels.empty(DataType.FLOAT, x.shape()), Kernels.empty(DataType.FLOAT, w.shape())
        };
        Threads.parallel(() -> ConvOps.exec("conv2d_bp", new INDArray[] {x, w, go}, grads, a));
        long t2 = System.nanoTime();
        INDArray col = ConvGemm32.im2col(x, oh, oh, a);
        ConvGemm32.forward(col, w, null, n, oh, oh);
        long t3 = System.nanoTime();
        INDArray gm = ConvGemm32.channelMajor(go);
        ConvGemm32.weightGrad(gm, col, w.shape());
        ConvGemm32.inputGrad(gm, w, x.shape(), oh, oh, a);
        long t4 = System.nanoTime();
        ConvGemm32.weightGrad(
            ConvGemm32.channelMajor(go), ConvGemm32.im2col(x, oh, oh, a), w.shape());
        long t5 = System.nanoTime();
        if (r >= 0) {
          t[4][r] = (t5 - t4) / 1e6;
          t[0][r] = (t1 - t0) / 1e6;
          t[1][r] = (t2 - t1) / 1e6;
          t[2][r] = (t3 - t2) / 1e6;
          t[3][r] = (t4 - t3) / 1e6;
        }
      }
      String used =
          !ConvGemm32.applies(os, w.shape())
              ? "oneDNN"
              : ConvGemm32.forwardApplies(os) ? "GEMM both" : "oneDNN fwd, GEMM bwd";
      System.out.printf(
          "%4d->%-4d k%d s%d @%-3d %9.2f %9.2f %9.2f %9.2f %9.2f  %s%n",
          ci,
          co,
          k,
          s[5],
          h,
          median(t[0]),
          median(t[1]),
          median(t[2]),
          median(t[3]),
          median(t[4]),
          used);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
