package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential} runs a {@code Linear} followed by a {@code ReLU} as one fused op: same output
 * and gradients as the two modules applied one by one, and no fusion when a hook must see the
 * Linear's own output.
 */
class SequentialFusionTest {
  private static Sequential mlp() {
    Generator gen = new Generator(11);
    return new Sequential(new Linear(6, 8, true, gen), new ReLU(), new Linear(8, 3, true, gen));
  }

  @Test
  void linearReluPairGivesTheUnfusedOutputAndGradients() {
    Sequential fused = mlp();
    Sequential plain = mlp();
    Tensor x = Tensor.randn(new Generator(12), 5, 6);
    List<Tensor> hidden = new ArrayList<>();
    fused.get(2).registerForwardHook((m, in, out) -> hidden.add(in));
    Tensor y = fused.call(x);
    assertTrue(hidden.get(0).toString().contains("gradFn=linearRelu"), "the pair ran fused");
    Tensor h = plain.get(0).call(x);
    Tensor want = plain.get(2).call(plain.get(1).call(h));
    assertArrayEquals(want.toFloatArray(), y.toFloatArray(), 1e-6f);
    y.sum().backward();
    want.sum().backward();
    List<Tensor> pf = fused.parameters();
    List<Tensor> pp = plain.parameters();
    for (int i = 0; i < pf.size(); i++) {
      assertArrayEquals(
          pp.get(i).grad().toFloatArray(), pf.get(i).grad().toFloatArray(), 1e-6f, "p" + i);
    }
  }

  @Test
  void aHookOnTheLinearSeesItsOwnOutputBeforeTheRelu() {
    Sequential model = mlp();
    List<Tensor> seen = new ArrayList<>();
    model.get(0).registerForwardHook((m, in, out) -> seen.add(out));
    Tensor x = Tensor.randn(new Generator(13), 5, 6);
    Tensor y = model.call(x);
    assertEquals(1, seen.size());
    float min = Float.POSITIVE_INFINITY;
    for (float v : seen.get(0).toFloatArray()) {
      min = Math.min(min, v);
    }
    assertTrue(min < 0, "the hook got the pre-ReLU output");
    Linear l0 = (Linear) model.get(0);
    Linear l2 = (Linear) model.get(2);
    Tensor want = F.linear(F.linear(x, l0.weight(), l0.bias()).relu(), l2.weight(), l2.bias());
    assertArrayEquals(want.toFloatArray(), y.toFloatArray(), 1e-6f);
  }
}
