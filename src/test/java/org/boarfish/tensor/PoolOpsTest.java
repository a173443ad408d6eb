package org.boarfish.tensor;

import static org.boarfish.tensor.ConvPoolReference.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pooling: input validation, and ceil mode, dilation, padding and adaptive bins against naive
 * loops.
 */
class PoolOpsTest {
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
  void errorsNameOpAndShapes() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 3, 9, 8);
    assertMessage(
        () -> F.maxPool2d(Tensor.zeros(DType.FLOAT32, 9, 8), 2, 2, 0), "maxPool2d", "[9, 8]");
    assertMessage(
        () -> F.maxPool2d(x, 3, 2, 2),
        "maxPool2d",
        "padding (2, 2)",
        "half the kernel (3, 3)",
        "[2, 3, 9, 8]");
    assertMessage(
        () -> F.maxPool2d(x, new int[] {10, 2}, new int[] {1, 1}, ZERO, ONE, false),
        "maxPool2d",
        "kernel height 10",
        "larger than the padded input height 9",
        "[2, 3, 9, 8]");
    assertMessage(
        () -> F.maxPool2d(x, new int[] {3, 3}, new int[] {1, 1}, ZERO, new int[] {1, 4}, false),
        "maxPool2d",
        "kernel width 3",
        "dilation 4",
        "span 9",
        "width 8");
    assertMessage(
        () -> F.maxPool2d(x, new int[] {0, 2}, ONE, ZERO, ONE, false),
        "maxPool2d",
        "kernel",
        "(0, 2)");
    assertMessage(() -> F.avgPool2d(x, 9, 1, 0), "avgPool2d", "kernel width 9", "[2, 3, 9, 8]");
    assertMessage(
        () -> F.avgPool2d(Tensor.of(new long[6], 1, 1, 2, 3), 1, 1, 0),
        "avgPool2d",
        "floating point",
        "[1, 1, 2, 3]");
    assertMessage(() -> F.adaptiveAvgPool2d(x, 0, 2), "adaptiveAvgPool2d", "output size", "(0, 2)");
    assertMessage(
        () -> F.adaptiveMaxPool2d(Tensor.zeros(DType.FLOAT32, 5, 2, 3, 4, 4), 1, 1),
        "adaptiveMaxPool2d",
        "[5, 2, 3, 4, 4]");
  }

  // ---------------------------------------------------------------- max pooling

  private static void max(
      String what, long[] xs, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
    Tensor x = rand(what.hashCode(), xs);
    long[] os = new long[4];
    double[] ref = ConvPoolReference.maxPool2d(x.toDoubleArray(), xs, k, s, p, d, ceil, os);
    ConvPoolReference.check(
        "maxPool2d " + what, t -> F.maxPool2d(t[0], k, s, p, d, ceil), ref, os, x);
  }

  @Test
  void maxPoolCeilPaddingDilation() {
    max(
        "ceil + padding",
        new long[] {2, 3, 9, 8},
        new int[] {3, 3},
        new int[] {2, 2},
        ONE,
        ONE,
        true);
    max(
        "ceil, partial last window",
        new long[] {1, 2, 10, 7},
        new int[] {3, 2},
        new int[] {3, 2},
        ZERO,
        ONE,
        true);
    max(
        "ceil, no extra window",
        new long[] {1, 2, 9, 9},
        new int[] {3, 3},
        new int[] {2, 2},
        ZERO,
        ONE,
        true);
    max(
        "dilation 2",
        new long[] {2, 2, 9, 8},
        new int[] {3, 2},
        new int[] {1, 2},
        new int[] {1, 1},
        new int[] {2, 3},
        false);
    max(
        "dilation + ceil",
        new long[] {1, 2, 10, 9},
        new int[] {2, 2},
        new int[] {2, 2},
        ONE,
        new int[] {2, 2},
        true);
    max(
        "non-square",
        new long[] {2, 2, 7, 9},
        new int[] {2, 4},
        new int[] {1, 3},
        new int[] {1, 2},
        ONE,
        false);
  }

  // ---------------------------------------------------------------- average pooling

  private static void avg(
      String what, long[] xs, int[] k, int[] s, int[] p, boolean ceil, boolean include) {
    Tensor x = rand(what.hashCode(), xs);
    long[] os = new long[4];
    double[] ref = ConvPoolReference.avgPool2d(x.toDoubleArray(), xs, k, s, p, ceil, include, os);
    ConvPoolReference.check(
        "avgPool2d " + what, t -> F.avgPool2d(t[0], k, s, p, ceil, include), ref, os, x);
  }

  @Test
  void avgPoolCeilAndPaddingDivisors() {
    for (boolean include : new boolean[] {true, false}) {
      String tag = include ? " incl" : " excl";
      avg(
          "ceil + padding" + tag,
          new long[] {2, 3, 9, 8},
          new int[] {3, 3},
          new int[] {2, 2},
          ONE,
          true,
          include);
      avg(
          "ceil, partial" + tag,
          new long[] {1, 2, 10, 7},
          new int[] {3, 2},
          new int[] {3, 2},
          ZERO,
          true,
          include);
      avg(
          "ceil, stride < kernel" + tag,
          new long[] {1, 2, 8, 8},
          new int[] {4, 4},
          new int[] {3, 3},
          new int[] {2, 1},
          true,
          include);
      avg(
          "non-square padding" + tag,
          new long[] {2, 2, 7, 9},
          new int[] {2, 4},
          new int[] {1, 3},
          new int[] {1, 2},
          false,
          include);
    }
  }

  // ---------------------------------------------------------------- adaptive pooling

  private static void adaptive(String what, long[] xs, int oh, int ow) {
    for (boolean isMax : new boolean[] {false, true}) {
      Tensor x = rand(what.hashCode() + (isMax ? 1 : 0), xs);
      double[] ref = ConvPoolReference.adaptive(x.toDoubleArray(), xs, oh, ow, isMax);
      long[] os = {xs[0], xs[1], oh, ow};
      ConvPoolReference.check(
          (isMax ? "adaptiveMax " : "adaptiveAvg ") + what,
          t -> isMax ? F.adaptiveMaxPool2d(t[0], oh, ow) : F.adaptiveAvgPool2d(t[0], oh, ow),
          ref,
          os,
          x);
    }
  }

  @Test
  void adaptiveBins() {
    adaptive("1x1", new long[] {2, 3, 9, 8}, 1, 1);
    adaptive("divisible 3x4 of 9x8", new long[] {2, 3, 9, 8}, 3, 4);
    adaptive("overlapping bins 4x3 of 9x8", new long[] {2, 3, 9, 8}, 4, 3);
    adaptive("upsampling 5x9 of 3x4", new long[] {1, 2, 3, 4}, 5, 9);
  }

  @Test
  void unbatchedInputs() {
    Tensor x = rand(7, 3, 6, 5);
    assertArrayEquals(new long[] {3, 3, 2}, F.maxPool2d(x, 2, 2, 0).shape());
    assertArrayEquals(new long[] {3, 3, 3}, F.avgPool2d(x, 3, 2, 1).shape());
    assertArrayEquals(new long[] {3, 1, 1}, F.adaptiveAvgPool2d(x, 1, 1).shape());
    assertArrayEquals(new long[] {3, 2, 2}, F.adaptiveMaxPool2d(x, 2, 2).shape());
  }
}
