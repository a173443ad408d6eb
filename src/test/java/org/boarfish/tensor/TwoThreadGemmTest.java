package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mid-sized float32 products split over two threads ({@link TwoThreadGemm}): every transpose
 * combination, beta 0 and 1, an odd column count, against a triple loop in double precision; and
 * several Java threads multiplying at once (OpenBLAS called concurrently) get the results of a
 * single-threaded run.
 */
class TwoThreadGemmTest {
  private boolean gate;

  @BeforeEach
  void splitWhateverTheLoad() {
    gate = TwoCores.loadGate;
    TwoCores.loadGate = false;
  }

  @AfterEach
  void restoreGate() {
    TwoCores.loadGate = gate;
  }

  @Test
  void everyTransposeAndBetaMatchesATripleLoop() {
    Generator gen = new Generator(21);
    int m = 70;
    int k = 300;
    for (int n : new int[] {257, 300}) {
      assertTrue(TwoThreadGemm.takes(m, n, k), "the size is split");
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          try (Scope scope = Scope.open()) {
            INDArray a = Tensor.randn(gen, ta ? k : m, ta ? m : k).data();
            INDArray b = Tensor.randn(gen, tb ? n : k, tb ? k : n).data();
            INDArray c0 = Tensor.randn(gen, m, n).data();
            String label = "n " + n + " ta " + ta + " tb " + tb;
            assertArrayEquals(
                GemmReference.naive(a, b, ta, tb, null),
                LinalgOps.gemm(a, b, ta, tb).data().asFloat(),
                1e-3f,
                label);
            INDArray c = c0.dup('c');
            LinalgOps.gemm(a, b, c, ta, tb, 1.0);
            assertArrayEquals(
                GemmReference.naive(a, b, ta, tb, c0),
                c.data().asFloat(),
                1e-3f,
                label + " beta 1");
          }
        }
      }
    }
  }

  @Test
  void concurrentCallersGetTheSingleThreadedResults() throws Exception {
    Generator gen = new Generator(22);
    INDArray x = Tensor.randn(gen, 256, 784).data();
    INDArray w = Tensor.randn(gen, 256, 784).data();
    assertTrue(TwoThreadGemm.takes(256, 256, 784));
    float[] want = GemmReference.naive(x, w, false, true, null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        results.add(
            pool.submit(
                () -> {
                  INDArray out = Kernels.empty(DataType.FLOAT, 256, 256);
                  TwoThreadGemm.sgemm(false, true, 256, 256, 784, x, w, out, 0f);
                  float[] r = out.data().asFloat();
                  out.close();
                  return r;
                }));
      }
      for (Future<float[]> f : results) {
        assertArrayEquals(want, f.get(), 2e-3f);
      }
    } finally {
      pool.shutdown();
    }
  }
}
