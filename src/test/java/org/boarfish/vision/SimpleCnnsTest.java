package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The reference CNN of the Fashion-MNIST recipe: structure, PyTorch key names, init. */
class SimpleCnnsTest {
  @Test
  void structureAndInitFollowTheRecipe() {
    var m = SimpleCnns.of(1, new int[] {8, 16, 32, 64}, 10, new Generator(3));
    Tensor out = m.call(Tensor.rand(1, 2, 1, 28, 28));
    assertArrayEquals(new long[] {2, 10}, out.shape());
    Map<String, Tensor> sd = m.stateDict();
    // PyTorch's nn.Sequential keys: conv, bn, relu per block; no conv bias except the last
    assertArrayEquals(new long[] {8, 1, 3, 3}, sd.get("0.weight").shape());
    assertTrue(!sd.containsKey("0.bias"));
    assertArrayEquals(new long[] {10, 64, 3, 3}, sd.get("12.weight").shape());
    assertArrayEquals(new float[10], sd.get("12.bias").toFloatArray());
    for (float b : sd.get("1.bias").toFloatArray()) {
      assertEquals(1e-3f, b);
    }
    for (float w : sd.get("4.weight").toFloatArray()) {
      assertEquals(1f, w);
    }
    // kaiming normal, fan in = 16 * 9: std sqrt(2 / 144) = 0.118
    float[] w = sd.get("6.weight").toFloatArray();
    double ss = 0;
    for (float v : w) {
      ss += v * v;
    }
    assertEquals(Math.sqrt(2.0 / 144), Math.sqrt(ss / w.length), 0.01);
    long params = 0;
    for (Tensor p : m.parameters()) {
      params += p.numel();
    }
    // convs 72 + 1152 + 4608 + 18432 + 5760 + 10 (bias), BN 2 * (8 + 16 + 32 + 64)
    assertEquals(72 + 1152 + 4608 + 18432 + 5760 + 10 + 240, params);
  }
}
