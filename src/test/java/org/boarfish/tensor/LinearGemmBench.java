package org.boarfish.tensor;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ./boarfish gemm-bench [reps]}: W1's two large products (the 784→256 forward {@code x·Wᵀ}
 * and its weight gradient {@code gᵀ·x}, 51M multiply-adds each) on ND4J's GEMM with two OpenMP
 * threads, on one single-threaded OpenBLAS call, and on {@link TwoThreadGemm}; then W6's decoder
 * bias rows ([2048, 10000]) written on one thread and in blocks shared with a helper ({@link
 * LinearRows32#fillRows}). Per variant: median wall, main-thread CPU and process CPU µs per call.
 * PyTorch's GEMMs on the same shapes: {@code python3 examples/bench/torch_phases.py gemm}. Not a
 * test: timing only.
 */
public final class LinearGemmBench {
  private LinearGemmBench() {}

  /** Prints one line per variant. */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Generator gen = new Generator(1);
    INDArray x = Tensor.randn(gen, 256, 784).data();
    INDArray w = Tensor.randn(gen, 256, 784).data();
    INDArray g = Tensor.randn(gen, 256, 256).data();
    INDArray out = Kernels.empty(DataType.FLOAT, 256, 256);
    INDArray gw = Nd4j.zeros(DataType.FLOAT, 256, 784);
    LinalgOps.gemm(g, g, false, false); // loads OpenBLAS and sets its pool to one thread
    for (int round = 0; round < 2; round++) {
      time("forward, ND4J, 2 OpenMP threads", reps, 200, () -> nd4j(x, w, out, false, true, 0));
      time("forward, OpenBLAS, 1 thread", reps, 200, () -> blas(x, w, out, false, true, 0));
      time(
          "forward, TwoThreadGemm",
          reps,
          200,
          () -> TwoThreadGemm.sgemm(false, true, 256, 256, 784, x, w, out, 0f));
      time("weight grad, ND4J, 2 OpenMP threads", reps, 200, () -> nd4j(g, x, gw, true, false, 1));
      time("weight grad, OpenBLAS, 1 thread", reps, 200, () -> blas(g, x, gw, true, false, 1));
      time(
          "weight grad, TwoThreadGemm",
          reps,
          200,
          () -> TwoThreadGemm.sgemm(true, false, 256, 784, 256, g, x, gw, 1f));
    }
    INDArray big = Kernels.empty(DataType.FLOAT, 2048, 10000);
    INDArray bias = Tensor.randn(gen, 10000).data();
    for (int round = 0; round < 2; round++) {
      time("bias rows [2048, 10000], 1 thread", reps, 10, () -> fillOneThread(big, bias));
      time("bias rows [2048, 10000], blocks", reps, 10, () -> LinearRows32.fillRows(big, bias));
    }
  }

  private static void nd4j(
      INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, double beta) {
    Threads.parallel(() -> Nd4j.gemm(a, b, c, ta, tb, 1.0, beta));
  }

  private static void blas(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, float beta) {
    int m = (int) c.size(0);
    int n = (int) c.size(1);
    int k = (int) (ta ? a.size(0) : a.size(1));
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m,
        n,
        k,
        1f,
        new FloatPointer(a.data().addressPointer()),
        (int) a.size(1),
        new FloatPointer(b.data().addressPointer()),
        (int) b.size(1),
        beta,
        new FloatPointer(c.data().addressPointer()),
        n);
  }

  private static void fillOneThread(INDArray out, INDArray bias) {
    int m = (int) out.size(0);
    int n = (int) out.size(1);
    float[] b = new float[n];
    bias.data().asNioFloat().get(0, b, 0, n);
    java.nio.FloatBuffer o = out.data().asNioFloat();
    for (int i = 0; i < m; i++) {
      o.put(i * n, b, 0, n);
    }
  }

  private static void time(String name, int reps, int calls, Runnable r) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < calls; i++) {
      r.run();
    }
    long[] wall = new long[reps];
    long[] cpu = new long[reps];
    long[] proc = new long[reps];
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      long p0 = os.getProcessCpuTime();
      for (int i = 0; i < calls; i++) {
        r.run();
      }
      wall[rep] = (System.nanoTime() - t0) / calls / 1000;
      cpu[rep] = (mx.getCurrentThreadCpuTime() - c0) / calls / 1000;
      proc[rep] = (os.getProcessCpuTime() - p0) / calls / 1000;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    Arrays.sort(proc);
    System.out.printf(
        java.util.Locale.ROOT,
        "%-40s wall %6d µs  main CPU %6d µs  process CPU %6d µs  load %.1f%n",
        name,
        wall[reps / 2],
        cpu[reps / 2],
        proc[reps / 2],
        os.getSystemLoadAverage());
  }
}
