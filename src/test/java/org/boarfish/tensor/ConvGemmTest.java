package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The float32 im2col + GEMM convolution ({@link ConvGemm32}) against PyTorch 1.13's values and
 * gradients ({@code src/test/resources/convgemm/cases.txt}, written by {@code gen.py} next to it).
 */
class ConvGemmTest {
  /** One case of cases.txt: its geometry and named arrays. */
  private record Case(String name, int[] g, Map<String, float[]> v) {
    long[] xs() {
      return new long[] {g[0], g[1], g[2], g[3]};
    }

    long[] ws() {
      return new long[] {g[4], g[1], g[5], g[6]};
    }

    int[] stride() {
      return new int[] {g[7], g[8]};
    }

    int[] pad() {
      return new int[] {g[9], g[10]};
    }

    int[] dil() {
      return new int[] {g[11], g[12]};
    }

    boolean bias() {
      return g[13] == 1;
    }
  }

  private static Map<String, Case> cases() throws IOException {
    String text;
    try (InputStream in = ConvGemmTest.class.getResourceAsStream("/convgemm/cases.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Case> out = new HashMap<>();
    Case cur = null;
    for (String line : text.split("\n")) {
      String[] t = line.strip().split(" ");
      if (t[0].equals("case")) {
        int[] g = new int[t.length - 2];
        for (int i = 0; i < g.length; i++) {
          g[i] = Integer.parseInt(t[i + 2]);
        }
        cur = new Case(t[1], g, new HashMap<>());
        out.put(t[1], cur);
      } else if (t.length > 1) {
        float[] v = new float[t.length - 1];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(t[i + 1]);
        }
        cur.v().put(t[0], v);
      }
    }
    return out;
  }

  private static void close(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > 1e-5 * scale + 1e-6) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
      }
    }
  }

  /** Runs the case through F.conv2d in float32 and checks y and every requested gradient. */
  private static void run(Case c, boolean inputGrad) {
    Tensor x = Tensor.of(c.v().get("x"), c.xs()).requiresGrad(inputGrad);
    Tensor w = Tensor.of(c.v().get("w"), c.ws()).requiresGrad(true);
    Tensor b = c.bias() ? Tensor.of(c.v().get("b"), c.g()[4]).requiresGrad(true) : null;
    Tensor y = F.conv2d(x, w, b, c.stride(), c.pad(), c.dil(), 1);
    assertEquals(DType.FLOAT32, y.dtype());
    close(c.name() + " y", c.v().get("y"), y.toFloatArray());
    y.mul(Tensor.of(c.v().get("up"), y.shape())).sum().backward();
    if (inputGrad) {
      close(c.name() + " dx", c.v().get("dx"), x.grad().toFloatArray());
    }
    assertArrayEquals(c.ws(), w.grad().shape());
    close(c.name() + " dw", c.v().get("dw"), w.grad().toFloatArray());
    if (c.bias()) {
      close(c.name() + " db", c.v().get("db"), b.grad().toFloatArray());
    }
  }

  private static long[] outShape(Case c) {
    long[] xs = c.xs();
    long[] ws = c.ws();
    long[] os = {xs[0], ws[0], 0, 0};
    for (int i = 0; i < 2; i++) {
      os[2 + i] =
          (xs[2 + i] + 2L * c.pad()[i] - (long) c.dil()[i] * (ws[2 + i] - 1) - 1) / c.stride()[i]
              + 1;
    }
    return os;
  }

  @Test
  void smallMapsWithManyChannelsMatchPyTorch() throws IOException {
    Map<String, Case> all = cases();
    long saved = ConvGemm32.minTaps;
    ConvGemm32.minTaps = 64; // the fixtures are small: lower the threshold so they take the path
    try {
      runGemmCases(all);
    } finally {
      ConvGemm32.minTaps = saved;
    }
  }

  private void runGemmCases(Map<String, Case> all) {
    for (String name : new String[] {"s2p1bias", "s1p1", "dilated", "k1s2"}) {
      Case c = all.get(name);
      assertTrue(ConvGemm32.applies(outShape(c), c.ws()), name + " should take the GEMM path");
      run(c, true);
      run(c, false);
    }
  }

  /** ResNet's downsample shortcut (1×1, stride 2) takes the GEMM path at the default threshold. */
  @Test
  void stridedPointwiseMatchesPyTorch() throws IOException {
    Case c = cases().get("k1s2");
    int[] args = {1, 1, 2, 2, 0, 0, 1, 1, 0, 0, 1};
    assertFalse(ConvGemm32.applies(outShape(c), c.ws()), "not by the small-map rule");
    assertTrue(ConvGemm32.stridedPointwise(c.ws(), args));
    run(c, true);
    run(c, false);
  }

  @Test
  void weightOnlyGradientOfAStemMatchesPyTorch() throws IOException {
    Case c = cases().get("stem7x7");
    assertFalse(ConvGemm32.applies(outShape(c), c.ws()), "forward stays on oneDNN");
    assertFalse(ConvWeightGrad32.applies(c.xs(), c.ws(), outShape(c)));
    assertTrue(ConvGemm32.fitsWeightOnly(c.xs(), c.ws(), outShape(c)));
    run(c, false); // weight gradient by im2col + GEMM
    run(c, true); // both gradients by conv2d_bp
  }

  @Test
  void pathChoice() {
    // ResNet18 on 64×64: layer4's 512→512 on 2×2 maps goes to GEMM, layer1's 64→64 on 16×16 not
    assertTrue(ConvGemm32.applies(new long[] {32, 512, 2, 2}, new long[] {512, 512, 3, 3}));
    // W2's simple CNN (conv 32→64 on 2×2 maps at batch 128) is faster on oneDNN
    assertFalse(ConvGemm32.applies(new long[] {128, 64, 2, 2}, new long[] {64, 32, 3, 3}));
    assertFalse(ConvGemm32.applies(new long[] {32, 64, 16, 16}, new long[] {64, 64, 3, 3}));
    // few input taps: oneDNN
    assertFalse(ConvGemm32.applies(new long[] {32, 8, 2, 2}, new long[] {8, 4, 3, 3}));
    // ResNet's 1×1 stride-2 shortcuts: GEMM; 1×1 stride 1, padded or 3×3: not by this rule
    int[] k1s2 = {1, 1, 2, 2, 0, 0, 1, 1, 0, 0, 1};
    assertTrue(ConvGemm32.stridedPointwise(new long[] {128, 64, 1, 1}, k1s2));
    assertFalse(
        ConvGemm32.stridedPointwise(
            new long[] {128, 64, 1, 1}, new int[] {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1}));
    assertFalse(
        ConvGemm32.stridedPointwise(
            new long[] {128, 64, 1, 1}, new int[] {1, 1, 2, 2, 1, 1, 1, 1, 0, 0, 1}));
    assertFalse(
        ConvGemm32.stridedPointwise(
            new long[] {128, 64, 3, 3}, new int[] {3, 3, 2, 2, 0, 0, 1, 1, 0, 0, 1}));
  }
}
