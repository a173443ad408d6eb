package org.boarfish.tensor;

import static org.boarfish.tensor.ConvPoolReference.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * conv2d / conv_transpose2d: input validation, and configurations beyond the PyTorch fixtures
 * against naive loops.
 */
class ConvOpsTest {
  private static final int[] ONE = {1, 1};
  private static final int[] ZERO = {0, 0};

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String p : parts) {
      assertTrue(
          e.getMessage().contains(p),
          "message \"" + e.getMessage() + "\" should contain \"" + p + "\"");
    }
  }

  // ---------------------------------------------------------------- errors

  @Test
  void conv2dChannelMismatchNamesShapes() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 3, 9, 8);
    Tensor w = Tensor.zeros(DType.FLOAT32, 8, 4, 3, 3);
    assertMessage(
        () -> F.conv2d(x, w, null, ONE, ONE, ONE, 1),
        "conv2d",
        "[2, 3, 9, 8]",
        "[8, 4, 3, 3]",
        "3 channels",
        "expects 4",
        "groups=1");
  }

  @Test
  void conv2dRejectsBadRanksGroupsBiasAndKernel() {
    Tensor w = Tensor.zeros(DType.FLOAT32, 8, 4, 3, 3);
    assertMessage(
        () -> F.conv2d(Tensor.zeros(DType.FLOAT32, 4, 9), w, null, ONE, ONE, ONE, 1),
        "conv2d",
        "input",
        "[4, 9]");
    assertMessage(
        () ->
            F.conv2d(
                Tensor.zeros(DType.FLOAT32, 2, 4, 9, 8),
                Tensor.zeros(DType.FLOAT32, 8, 4, 3),
                null,
                ONE,
                ONE,
                ONE,
                1),
        "conv2d",
        "weight",
        "[8, 4, 3]");
    Tensor x6 = Tensor.zeros(DType.FLOAT32, 2, 6, 9, 8);
    assertMessage(
        () -> F.conv2d(x6, Tensor.zeros(DType.FLOAT32, 8, 2, 3, 3), null, ONE, ONE, ONE, 4),
        "conv2d",
        "[2, 6, 9, 8]",
        "not divisible by groups=4");
    assertMessage(
        () -> F.conv2d(x6, Tensor.zeros(DType.FLOAT32, 9, 3, 3, 3), null, ONE, ONE, ONE, 2),
        "conv2d",
        "[9, 3, 3, 3]",
        "not divisible by groups=2");
    assertMessage(
        () -> F.conv2d(x6, Tensor.zeros(DType.FLOAT32, 8, 2, 3, 3), null, ONE, ONE, ONE, 0),
        "conv2d",
        "groups");
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 4, 9, 8);
    assertMessage(
        () -> F.conv2d(x, w, Tensor.zeros(DType.FLOAT32, 7), ONE, ONE, ONE, 1),
        "conv2d",
        "bias",
        "[7]",
        "[8]");
    assertMessage(
        () -> F.conv2d(x, Tensor.zeros(DType.FLOAT32, 8, 4, 3, 11), null, ONE, ZERO, ONE, 1),
        "conv2d",
        "kernel width 11",
        "larger than the padded input width 8",
        "[2, 4, 9, 8]");
    assertMessage(
        () -> F.conv2d(x, w, null, ONE, ZERO, new int[] {5, 1}, 1),
        "conv2d",
        "dilation 5",
        "span 11",
        "height 9");
    assertMessage(
        () -> F.conv2d(x, w, null, new int[] {0, 1}, ONE, ONE, 1), "conv2d", "stride", "(0, 1)");
    assertMessage(
        () -> F.conv2d(x, w, null, ONE, new int[] {-1, 0}, ONE, 1), "conv2d", "padding", "(-1, 0)");
    assertMessage(
        () -> F.conv2d(x, w, null, new int[] {1}, ONE, ONE, 1), "conv2d", "stride", "2 values");
    Tensor xi = Tensor.of(new long[2 * 4 * 9 * 8], 2, 4, 9, 8);
    assertMessage(
        () -> F.conv2d(xi, w, null, ONE, ONE, ONE, 1),
        "conv2d",
        "floating point",
        "int64 [2, 4, 9, 8]");
  }

  @Test
  void convTranspose2dErrorsNameShapes() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 4, 5, 4);
    assertMessage(
        () ->
            F.convTranspose2d(
                x, Tensor.zeros(DType.FLOAT32, 3, 6, 3, 3), null, ONE, ZERO, ZERO, 1, ONE),
        "convTranspose2d",
        "[2, 4, 5, 4]",
        "[3, 6, 3, 3]",
        "4 channels",
        "expects 3");
    assertMessage(
        () ->
            F.convTranspose2d(
                x, Tensor.zeros(DType.FLOAT32, 4, 6, 3, 3), null, ONE, ZERO, ZERO, 3, ONE),
        "convTranspose2d",
        "not divisible by groups=3");
    assertMessage(
        () ->
            F.convTranspose2d(
                x,
                Tensor.zeros(DType.FLOAT32, 4, 6, 3, 3),
                null,
                new int[] {2, 2},
                ONE,
                new int[] {2, 0},
                1,
                ONE),
        "convTranspose2d",
        "output padding 2",
        "stride 2");
    assertMessage(
        () ->
            F.convTranspose2d(
                x,
                Tensor.zeros(DType.FLOAT32, 4, 6, 3, 3),
                Tensor.zeros(DType.FLOAT32, 4),
                ONE,
                ZERO,
                ZERO,
                1,
                ONE),
        "convTranspose2d",
        "bias",
        "[4]",
        "[6]");
    assertMessage(
        () ->
            F.convTranspose2d(
                Tensor.zeros(DType.FLOAT32, 2, 4, 1, 1),
                Tensor.zeros(DType.FLOAT32, 4, 6, 1, 1),
                null,
                ONE,
                ONE,
                ZERO,
                1,
                ONE),
        "convTranspose2d",
        "empty output");
  }

  // ---------------------------------------------------------------- conv2d beyond the fixtures

  private static void conv(
      String what, long[] xs, long[] ws, boolean bias, int[] s, int[] p, int[] d, int groups) {
    Tensor x = rand(1, xs);
    Tensor w = rand(2, ws);
    Tensor b = bias ? rand(3, ws[0]) : null;
    long[] os = new long[4];
    double[] ref =
        ConvPoolReference.conv2d(
            x.toDoubleArray(),
            xs,
            w.toDoubleArray(),
            ws,
            b == null ? null : b.toDoubleArray(),
            s,
            p,
            d,
            groups,
            os);
    ConvPoolReference.check(
        what,
        t -> F.conv2d(t[0], t[1], t.length > 2 ? t[2] : null, s, p, d, groups),
        ref,
        os,
        bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w});
  }

  @Test
  void conv2dDilatedAndGroupedConfigurations() {
    conv(
        "dilated 3x3 d(2,3) p(2,3) s(1,2)",
        new long[] {2, 3, 10, 11},
        new long[] {5, 3, 3, 3},
        true,
        new int[] {1, 2},
        new int[] {2, 3},
        new int[] {2, 3},
        1);
    conv(
        "groups 3 dilated",
        new long[] {2, 6, 8, 9},
        new long[] {9, 2, 3, 2},
        true,
        new int[] {2, 1},
        new int[] {1, 1},
        new int[] {2, 1},
        3);
    conv(
        "depthwise x3 dilated",
        new long[] {2, 3, 9, 9},
        new long[] {9, 1, 3, 3},
        true,
        ONE,
        new int[] {2, 2},
        new int[] {2, 2},
        3);
    conv(
        "depthwise no bias",
        new long[] {1, 4, 7, 6},
        new long[] {4, 1, 3, 3},
        false,
        new int[] {2, 2},
        ONE,
        ONE,
        4);
    conv(
        "grouped no bias",
        new long[] {1, 4, 7, 6},
        new long[] {6, 2, 2, 3},
        false,
        ONE,
        ZERO,
        ONE,
        2);
    conv(
        "1x1 big stride",
        new long[] {2, 3, 7, 7},
        new long[] {4, 3, 1, 1},
        true,
        new int[] {3, 3},
        ZERO,
        ONE,
        1);
  }

  @Test
  void conv2dUnbatchedInput() {
    Tensor x = rand(4, 3, 6, 5);
    Tensor w = rand(5, 2, 3, 3, 3);
    Tensor y = F.conv2d(x, w, null, ONE, ONE, ONE, 1);
    assertArrayEquals(new long[] {2, 6, 5}, y.shape());
    long[] os = new long[4];
    double[] ref =
        ConvPoolReference.conv2d(
            x.toDoubleArray(),
            new long[] {1, 3, 6, 5},
            w.toDoubleArray(),
            w.shape(),
            null,
            ONE,
            ONE,
            ONE,
            1,
            os);
    ConvPoolReference.assertClose("unbatched", ref, y.toDoubleArray(), 1e-10);
  }

  // ---------------------------------------------------------------- conv_transpose2d beyond the
  // fixtures

  private static void convT(
      String what,
      long[] xs,
      long[] ws,
      boolean bias,
      int[] s,
      int[] p,
      int[] op,
      int groups,
      int[] d) {
    Tensor x = rand(11, xs);
    Tensor w = rand(12, ws);
    Tensor b = bias ? rand(13, ws[1] * groups) : null;
    long[] os = new long[4];
    double[] ref =
        ConvPoolReference.convTranspose2d(
            x.toDoubleArray(),
            xs,
            w.toDoubleArray(),
            ws,
            b == null ? null : b.toDoubleArray(),
            s,
            p,
            op,
            groups,
            d,
            os);
    ConvPoolReference.check(
        what,
        t -> F.convTranspose2d(t[0], t[1], t.length > 2 ? t[2] : null, s, p, op, groups, d),
        ref,
        os,
        bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w});
  }

  @Test
  void convTranspose2dConfigurations() {
    convT(
        "output padding past the padding",
        new long[] {2, 3, 4, 5},
        new long[] {3, 2, 3, 3},
        true,
        new int[] {2, 3},
        ZERO,
        new int[] {1, 2},
        1,
        ONE);
    convT(
        "output padding, groups 2",
        new long[] {2, 4, 4, 3},
        new long[] {4, 3, 3, 2},
        true,
        new int[] {2, 2},
        ONE,
        ONE,
        2,
        ONE);
    convT(
        "dilated, groups 2, output padding",
        new long[] {1, 4, 4, 4},
        new long[] {4, 2, 3, 3},
        true,
        new int[] {2, 1},
        new int[] {1, 2},
        new int[] {1, 1},
        2,
        new int[] {2, 2});
    convT(
        "non-square, no bias",
        new long[] {2, 3, 3, 4},
        new long[] {3, 4, 2, 3},
        false,
        new int[] {1, 2},
        new int[] {1, 0},
        ZERO,
        1,
        new int[] {1, 2});
  }

  // ---------------------------------------------------------------- weight-only gradients (float32
  // Java path)

  /**
   * float32 weight and bias gradients when the input needs none (the Java path) equal those of
   * conv2d_bp.
   */
  private static void weightOnly(
      String what, long[] xs, long[] ws, boolean bias, int[] s, int[] p, int[] d) {
    Tensor x = rand(1, xs).to(DType.FLOAT32);
    Tensor w0 = rand(2, ws).to(DType.FLOAT32);
    Tensor b0 = bias ? rand(3, ws[0]).to(DType.FLOAT32) : null;
    Tensor[][] grads = new Tensor[2][];
    for (int run = 0; run < 2; run++) {
      Tensor xi = run == 0 ? x.detach() : x.detach().requiresGrad(true);
      Tensor w = w0.detach().requiresGrad(true);
      Tensor b = b0 == null ? null : b0.detach().requiresGrad(true);
      Tensor y = F.conv2d(xi, w, b, s, p, d, 1);
      y.mul(rand(4, y.shape()).to(DType.FLOAT32)).sum().backward();
      grads[run] = new Tensor[] {w.grad(), b == null ? null : b.grad()};
    }
    ConvPoolReference.assertClose(
        what + ": weight grad", grads[1][0].toDoubleArray(), grads[0][0].toDoubleArray(), 1e-4);
    if (bias) {
      ConvPoolReference.assertClose(
          what + ": bias grad", grads[1][1].toDoubleArray(), grads[0][1].toDoubleArray(), 1e-4);
    }
  }

  @Test
  void conv2dWeightOnlyGradientsMatchFullBackward() {
    weightOnly(
        "1->8 k3 s2 p1",
        new long[] {40, 1, 28, 28},
        new long[] {8, 1, 3, 3},
        true,
        new int[] {2, 2},
        ONE,
        ONE);
    weightOnly(
        "3->4 k3 s1 p0, no bias",
        new long[] {5, 3, 9, 7},
        new long[] {4, 3, 3, 3},
        false,
        ONE,
        ZERO,
        ONE);
    weightOnly(
        "2->3 k2x3 s(2,1) p(1,2) d(2,1)",
        new long[] {3, 2, 8, 6},
        new long[] {3, 2, 2, 3},
        true,
        new int[] {2, 1},
        new int[] {1, 2},
        new int[] {2, 1});
  }
}
