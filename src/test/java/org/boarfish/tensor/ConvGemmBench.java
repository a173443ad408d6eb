package org.boarfish.tensor;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ./boarfish conv-bench [reps]}: for each convolution shape of resnet18 on 32×3×64×64, the
 * median wall milliseconds (and mean process CPU milliseconds, every thread) of libnd4j's oneDNN
 * {@code conv2d} and {@code conv2d_bp} (both gradients) against {@link ConvGemm32}'s forward
 * (im2col + GEMM) and backward (input and weight gradients, im2col included), on both cores and on
 * one (the split thresholds raised out of reach), run alternately; then the stem's weight-only
 * gradient both ways; and which path {@link ConvOps} picks. Not a test: timing only.
 */
public final class ConvGemmBench {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ConvGemmBench() {}

  /** Prints one line per shape. */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Threads.singleByDefault();
    TwoCores.loadGate = false; // time the splits whatever the load
    System.out.println(
        "load average "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
            + " (the two-core columns split regardless)");
    // n, in, size, out, kernel, stride, padding
    int[][] shapes = {
      {32, 3, 64, 64, 7, 2, 3},
      {32, 64, 16, 64, 3, 1, 1},
      {32, 64, 16, 128, 3, 2, 1},
      {32, 64, 16, 128, 1, 2, 0},
      {32, 128, 8, 128, 3, 1, 1},
      {32, 128, 8, 256, 3, 2, 1},
      {32, 128, 8, 256, 1, 2, 0},
      {32, 256, 4, 256, 3, 1, 1},
      {32, 256, 4, 512, 3, 2, 1},
      {32, 256, 4, 512, 1, 2, 0},
      {32, 512, 2, 512, 3, 1, 1}
    };
    System.out.println("wall ms (median) / CPU ms (mean), batch 32; gemm1 = GEMM path on one core");
    System.out.printf(
        "%-20s %12s %12s %12s %12s %12s %12s  %s%n",
        "conv", "dnn fwd", "dnn bwd", "gemm fwd", "gemm bwd", "gemm1 fwd", "gemm1 bwd", "used");
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
      Runnable dnnFwd =
          () -> {
            INDArray out = Kernels.empty(DataType.FLOAT, os);
            Threads.parallel(
                () -> ConvOps.exec("conv2d", new INDArray[] {x, w}, new INDArray[] {out}, a));
          };
      Runnable dnnBwd =
          () -> {
            INDArray[] grads = {
              Kernels.empty(DataType.FLOAT, x.shape()), Kernels.empty(DataType.FLOAT, w.shape())
            };
            Threads.parallel(() -> ConvOps.exec("conv2d_bp", new INDArray[] {x, w, go}, grads, a));
          };
      Runnable gemmFwd =
          () -> ConvGemm32.forward(ConvGemm32.im2col(x, oh, oh, a), w, null, n, oh, oh);
      Runnable gemmBwd =
          () -> {
            ConvGemm32.backward(ConvGemm32.channelMajor(go), x, w, null, true, true, oh, oh, a);
          };
      double[][] t =
          times(reps, dnnFwd, dnnBwd, gemmFwd, gemmBwd, oneCore(gemmFwd), oneCore(gemmBwd));
      String used =
          ConvGemm32.stridedPointwise(w.shape(), a)
              ? "GEMM both"
              : !ConvGemm32.applies(os, w.shape())
                  ? "oneDNN"
                  : ConvGemm32.forwardApplies(os) ? "GEMM both" : "oneDNN fwd, GEMM bwd";
      System.out.printf("%4d->%-4d k%d s%d @%-3d", ci, co, k, s[5], h);
      for (double[] v : t) {
        System.out.printf(" %5.2f/%6.2f", v[0], v[1]);
      }
      System.out.printf("  %s%n", used);
      if (ci == 3) {
        Runnable dw = () -> ConvGemm32.weightGradPerSample(x, go, w.shape(), oh, oh, a);
        double[][] d = times(reps, dnnBwd, dw, oneCore(dw));
        System.out.printf(
            "  stem weight-only gradient: conv2d_bp %.2f/%.2f, per sample on two cores %.2f/%.2f,"
                + " on one %.2f/%.2f%n",
            d[0][0], d[0][1], d[1][0], d[1][1], d[2][0], d[2][1]);
      }
    }
  }

  /** {@code r} with the GEMM path's split thresholds out of reach (everything on one core). */
  private static Runnable oneCore(Runnable r) {
    return () -> {
      long g = ConvGemm32.splitMin;
      long l = ConvGemm32.splitLoopMin;
      ConvGemm32.splitMin = Long.MAX_VALUE;
      ConvGemm32.splitLoopMin = Long.MAX_VALUE;
      try {
        r.run();
      } finally {
        ConvGemm32.splitMin = g;
        ConvGemm32.splitLoopMin = l;
      }
    };
  }

  /**
   * Runs the variants alternately, one warm-up round then {@code reps}; per variant the median wall
   * and mean CPU milliseconds.
   */
  private static double[][] times(int reps, Runnable... variants) {
    double[][] wall = new double[variants.length][reps];
    double[] cpu = new double[variants.length];
    for (int r = -1; r < reps; r++) {
      for (int v = 0; v < variants.length; v++) {
        try (Scope s = Scope.open()) {
          long c0 = OS.getProcessCpuTime();
          long t0 = System.nanoTime();
          variants[v].run();
          long t1 = System.nanoTime();
          long c1 = OS.getProcessCpuTime();
          if (r >= 0) {
            wall[v][r] = (t1 - t0) / 1e6;
            cpu[v] += (c1 - c0) / 1e6 / reps;
          }
        }
      }
    }
    double[][] out = new double[variants.length][];
    for (int v = 0; v < variants.length; v++) {
      double[] w = wall[v].clone();
      Arrays.sort(w);
      out[v] = new double[] {w[reps / 2], cpu[v]};
    }
    return out;
  }
}
