package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GEMM conv path split over both cores ({@link BlasGemm}, {@link TwoCores}, the chunked im2col
 * / col2im and the per-sample stem gradient of {@link ConvGemm32}): float32 results on odd shapes
 * against the same conv in float64 (libnd4j's own kernels), with the split forced on small inputs,
 * both on real threads and interleaved on one thread (so that the second worker's buffers and
 * partial sums are always used).
 */
class ConvSplitTest {
  /**
   * Forces every split on (thresholds 0, small fixtures on the GEMM path) while {@code body} runs.
   */
  private static void forced(boolean interleave, Runnable body) {
    long taps = ConvGemm32.minTaps;
    long gemm = ConvGemm32.splitMin;
    long loop = ConvGemm32.splitLoopMin;
    boolean inter = TwoCores.interleaveForTests;
    boolean gate = TwoCores.loadGate;
    ConvGemm32.minTaps = 1;
    TwoCores.loadGate = false;
    ConvGemm32.splitMin = 0;
    ConvGemm32.splitLoopMin = 0;
    TwoCores.interleaveForTests = interleave;
    try {
      body.run();
    } finally {
      ConvGemm32.minTaps = taps;
      ConvGemm32.splitMin = gemm;
      ConvGemm32.splitLoopMin = loop;
      TwoCores.interleaveForTests = inter;
      TwoCores.loadGate = gate;
    }
  }

  private static void close(String what, double[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > 2e-5 * scale + 1e-6) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }

  /**
   * conv2d of x [n, c, h, w] with an [o, c, k, k] weight (and bias), float32 against float64:
   * output and the gradients of x (when {@code inputGrad}), w and b under a random upstream.
   */
  private static void check(
      String name,
      long[] xs,
      int o,
      int k,
      int[] stride,
      int[] pad,
      int[] dil,
      boolean inputGrad,
      boolean interleave) {
    long seed = name.hashCode();
    Tensor x64 = Tensor.randn(seed, xs).to(DType.FLOAT64);
    Tensor w64 = Tensor.randn(seed + 1, o, xs[1], k, k).to(DType.FLOAT64);
    Tensor b64 = Tensor.randn(seed + 2, o).to(DType.FLOAT64);
    Tensor[] ref = grads(x64, w64, b64, stride, pad, dil, inputGrad, seed);
    Tensor[] got = new Tensor[4];
    forced(
        interleave,
        () -> {
          Tensor[] g =
              grads(
                  x64.to(DType.FLOAT32),
                  w64.to(DType.FLOAT32),
                  b64.to(DType.FLOAT32),
                  stride,
                  pad,
                  dil,
                  inputGrad,
                  seed);
          System.arraycopy(g, 0, got, 0, 4);
        });
    assertEquals(DType.FLOAT32, got[0].dtype());
    String tag = name + (interleave ? " (interleaved)" : " (threads)");
    close(tag + " y", ref[0].toDoubleArray(), got[0].toFloatArray());
    if (inputGrad) {
      close(tag + " dx", ref[1].toDoubleArray(), got[1].toFloatArray());
    }
    close(tag + " dw", ref[2].toDoubleArray(), got[2].toFloatArray());
    close(tag + " db", ref[3].toDoubleArray(), got[3].toFloatArray());
  }

  /** y, dx, dw, db of one conv2d under upstream gradient randn(seed + 3). */
  private static Tensor[] grads(
      Tensor x0,
      Tensor w0,
      Tensor b0,
      int[] stride,
      int[] pad,
      int[] dil,
      boolean inputGrad,
      long seed) {
    Tensor x = x0.detach().requiresGrad(inputGrad);
    Tensor w = w0.detach().requiresGrad(true);
    Tensor b = b0.detach().requiresGrad(true);
    Tensor y = F.conv2d(x, w, b, stride, pad, dil, 1);
    Tensor up = Tensor.randn(seed + 3, y.shape()).to(y.dtype());
    y.mul(up).sum().backward();
    return new Tensor[] {y.detach(), inputGrad ? x.grad() : null, w.grad(), b.grad()};
  }

  private static final int[] ONE = {1, 1};
  private static final int[] TWO = {2, 2};

  @Test
  void gemmPathOnBothCoresMatchesFloat64OnOddShapes() {
    for (boolean interleave : new boolean[] {false, true}) {
      // batch 1, 5 → 7 channels, 3×3, stride 1, padding 1 (output 3×3 ≤ 16 pixels: GEMM path)
      check("b1 s1 p1", new long[] {1, 5, 3, 3}, 7, 3, ONE, ONE, ONE, true, interleave);
      // batch 3, 13 → 11, stride 2, padding 0, on 7×9 (3×4 outputs)
      check(
          "b3 s2 p0",
          new long[] {3, 13, 7, 9},
          11,
          3,
          TWO,
          new int[] {0, 0},
          ONE,
          true,
          interleave);
      // batch 3, dilation 2 with asymmetric stride and padding, 2×2 output (forward on GEMM too)
      check(
          "b3 dil",
          new long[] {3, 6, 6, 5},
          9,
          3,
          new int[] {2, 1},
          new int[] {1, 0},
          TWO,
          true,
          interleave);
      // 33 output channels on 2×2 maps: the forward's two halves of output channels (16 + 17)
      check("o33 halves", new long[] {3, 6, 4, 4}, 33, 3, TWO, ONE, ONE, true, interleave);
      // padding wider than the dilated kernel's reach: some taps see only padding
      check("pad beyond", new long[] {2, 4, 3, 2}, 5, 3, ONE, TWO, TWO, true, interleave);
      // weight and bias gradients only (the input needs none)
      check("b3 w only", new long[] {3, 13, 4, 4}, 11, 3, ONE, ONE, ONE, false, interleave);
    }
  }

  /** The 1×1 stride-2 shortcut: GEMM both ways at any map size. */
  @Test
  void stridedPointwiseSplitMatchesFloat64() {
    for (boolean interleave : new boolean[] {false, true}) {
      check("k1s2", new long[] {3, 33, 9, 8}, 17, 1, TWO, new int[] {0, 0}, ONE, true, interleave);
    }
  }

  /**
   * A stem's weight-only gradient (7×7 and 5×5 on more than 32 taps, input needing no gradient):
   * samples shared by two workers, each with its own im2col buffer and partial dW.
   */
  @Test
  void stemWeightGradientPerSampleSplitMatchesFloat64() {
    int[] three = {3, 3};
    for (boolean interleave : new boolean[] {false, true}) {
      long[] xs = {3, 3, 19, 17};
      long[] os = {3, 10, 10, 9};
      assertFalse(ConvWeightGrad32.applies(xs, new long[] {10, 3, 7, 7}, os));
      assertTrue(ConvGemm32.fitsWeightOnly(xs, new long[] {10, 3, 7, 7}, os));
      check("stem 7x7", xs, 10, 7, TWO, three, ONE, false, interleave);
      check("stem 5x5 dil", new long[] {5, 2, 14, 13}, 6, 5, ONE, TWO, TWO, false, interleave);
    }
  }

  /** Every transpose combination, row counts that leave a short last part, beta 0 and 1. */
  @Test
  void blasGemmMatchesNd4jInDouble() {
    for (boolean interleave : new boolean[] {false, true}) {
      forced(
          interleave,
          () -> {
            for (boolean ta : new boolean[] {false, true}) {
              for (boolean tb : new boolean[] {false, true}) {
                int m = 37;
                int n = 21;
                int k = 19;
                INDArray a = Nd4j.rand(DataType.FLOAT, ta ? k : m, ta ? m : k).subi(0.5);
                INDArray b = Nd4j.rand(DataType.FLOAT, tb ? n : k, tb ? k : n).subi(0.5);
                INDArray c0 = Nd4j.rand(DataType.FLOAT, m, n);
                INDArray ref =
                    (ta ? a.transpose() : a)
                        .castTo(DataType.DOUBLE)
                        .mmul((tb ? b.transpose() : b).castTo(DataType.DOUBLE));
                INDArray c = Kernels.empty(DataType.FLOAT, m, n);
                BlasGemm.gemm(a, ta, b, tb, c, 0f);
                close(
                    "gemm ta=" + ta + " tb=" + tb,
                    ref.reshape(-1).toDoubleVector(),
                    c.reshape(-1).toFloatVector());
                INDArray acc = c0.dup();
                BlasGemm.gemm(a, ta, b, tb, acc, 1f);
                close(
                    "gemm beta 1 ta=" + ta + " tb=" + tb,
                    ref.add(c0.castTo(DataType.DOUBLE)).reshape(-1).toDoubleVector(),
                    acc.reshape(-1).toFloatVector());
              }
            }
          });
    }
  }

  @Test
  void blasGemmRejectsMismatchedShapes() {
    INDArray a = Nd4j.create(DataType.FLOAT, 4, 3);
    INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BlasGemm.gemm(a, false, b, false, Kernels.empty(DataType.FLOAT, 4, 2), 0f));
    assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[5, 2]"));
  }

  @Test
  void twoCoresRunsEveryChunkOnceAndRethrows() {
    forced(false, ConvSplitTest::everyChunkOnceAndRethrown);
  }

  private static void everyChunkOnceAndRethrown() {
    for (int rep = 0; rep < 20; rep++) {
      AtomicIntegerArray seen = new AtomicIntegerArray(37);
      TwoCores.run(37, true, (i, worker) -> seen.incrementAndGet(i));
      for (int i = 0; i < 37; i++) {
        assertEquals(1, seen.get(i), "chunk " + i);
      }
    }
    IllegalStateException boom = new IllegalStateException("chunk 5 failed");
    for (boolean split : new boolean[] {false, true}) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  TwoCores.run(
                      8,
                      split,
                      (i, worker) -> {
                        if (i == 5) {
                          throw boom;
                        }
                      }));
      assertSame(boom, e);
    }
  }

  @Test
  void interleavingHandsChunksToBothWorkers() {
    int[] workers = new int[6];
    forced(true, () -> TwoCores.run(6, true, (i, worker) -> workers[i] = worker));
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, workers);
  }
}
