package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float32 convolution forward on cached oneDNN primitives ({@link DnnlConv32}) against the
 * float64 loop of {@link ConvPoolReference}: both layouts it picks (fewer than 16 input channels,
 * and 16 or more), strides, asymmetric padding and dilation, bias, odd sizes, a cached shape called
 * again with new weights, more shapes than the cache holds, and threads sharing shapes.
 */
class DnnlConvTest {
  /** n, c, h, w, out, kh, kw, sh, sw, ph, pw, dh, dw, bias. */
  private static final int[][] CASES = {
    {2, 3, 13, 11, 8, 7, 7, 2, 2, 3, 3, 1, 1, 1},
    {3, 16, 9, 9, 32, 3, 3, 1, 1, 1, 1, 1, 1, 0},
    {1, 20, 7, 10, 17, 3, 2, 2, 1, 1, 0, 1, 1, 1},
    {2, 32, 8, 8, 24, 1, 1, 2, 2, 0, 0, 1, 1, 0},
    {2, 17, 12, 9, 5, 3, 3, 1, 1, 2, 2, 2, 2, 1},
    {4, 64, 2, 2, 64, 3, 3, 1, 1, 1, 1, 1, 1, 0},
    {1, 1, 5, 5, 1, 5, 5, 1, 1, 0, 0, 1, 1, 1}
  };

  private static void check(int[] c, long seed) {
    long[] xs = {c[0], c[1], c[2], c[3]};
    long[] ws = {c[4], c[1], c[5], c[6]};
    Tensor x = ConvPoolReference.rand(seed, xs);
    Tensor w = ConvPoolReference.rand(seed + 1, ws);
    Tensor b = c[13] == 1 ? ConvPoolReference.rand(seed + 2, c[4]) : null;
    int[] s = {c[7], c[8]};
    int[] p = {c[9], c[10]};
    int[] d = {c[11], c[12]};
    long[] os = new long[4];
    double[] expected =
        ConvPoolReference.conv2d(
            x.toDoubleArray(),
            xs,
            w.toDoubleArray(),
            ws,
            b == null ? null : b.toDoubleArray(),
            s,
            p,
            d,
            1,
            os);
    INDArray x32 = x.data().castTo(DataType.FLOAT);
    INDArray w32 = w.data().castTo(DataType.FLOAT);
    INDArray b32 = b == null ? null : b.data().castTo(DataType.FLOAT);
    assertTrue(DnnlConv32.applies(x32, w32, b32), "oneDNN is loaded here");
    int[] args = {c[5], c[6], s[0], s[1], p[0], p[1], d[0], d[1], 0, 0, 1};
    INDArray out = DnnlConv32.forward(x32, w32, b32, args, os);
    assertArrayEquals(os, out.shape());
    ConvPoolReference.assertClose(
        java.util.Arrays.toString(c),
        expected,
        out.castTo(DataType.DOUBLE).data().asDouble(),
        1e-4);
  }

  @Test
  void matchesTheFloat64LoopOnOddShapes() {
    for (int[] c : CASES) {
      check(c, 7);
    }
  }

  @Test
  void aCachedShapeUsesTheWeightsOfEachCall() {
    for (int[] c : CASES) {
      check(c, 11);
      check(c, 23); // same shapes, new input, weights and bias
    }
  }

  @Test
  void moreShapesThanTheCacheHoldsStayCorrect() {
    for (int i = 0; i < 70; i++) {
      check(new int[] {1, 2 + i % 3, 4 + i % 5, 5, 1 + i / 5, 3, 3, 1, 1, 1, 1, 1, 1, 0}, i);
    }
    check(CASES[1], 5); // a shape dropped and built again
  }

  @Test
  void threadsSharingShapesGetTheirOwnResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int seed = 100 + t;
        Callable<Void> job =
            () -> {
              for (int[] c : CASES) {
                check(c, seed);
              }
              return null;
            };
        done.add(pool.submit(job));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aViewWithAnOffsetReadsItsOwnElements() {
    // samples 2..4 of a batch: a dense view that starts inside its buffer
    Tensor all = ConvPoolReference.rand(31, 5, 16, 6, 6).to(DType.FLOAT32);
    Tensor w = ConvPoolReference.rand(32, 16, 16, 3, 3).to(DType.FLOAT32);
    Tensor view = all.slice(0, 2, 4);
    Tensor copy = view.copy();
    assertEquals(
        0.0,
        F.conv2d(view, w, null, 1, 1)
            .data()
            .sub(F.conv2d(copy, w, null, 1, 1).data())
            .amaxNumber()
            .doubleValue());
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      Tensor viaBlocked = Blocked.of(view).toTensor();
      assertEquals(0.0, viaBlocked.data().sub(copy.data()).amaxNumber().doubleValue());
    }
  }

  @Test
  void theModelPathUsesIt() {
    // F.conv2d in float32 must give the oneDNN result (the same primitive), to the last bit
    int[] c = CASES[1];
    Tensor x = ConvPoolReference.rand(3, c[0], c[1], c[2], c[3]).to(DType.FLOAT32);
    Tensor w = ConvPoolReference.rand(4, c[4], c[1], c[5], c[6]).to(DType.FLOAT32);
    INDArray viaF = F.conv2d(x, w, null, 1, 1).data();
    int[] args = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};
    INDArray direct = DnnlConv32.forward(x.data(), w.data(), null, args, viaF.shape());
    assertEquals(0.0, viaF.sub(direct).amaxNumber().doubleValue());
  }
}
