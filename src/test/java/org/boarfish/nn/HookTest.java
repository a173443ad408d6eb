package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Forward and backward hooks on modules. */
class HookTest {

  @Test
  void hooksCaptureActivationsAndGradientsOfALayer() {
    Generator gen = new Generator(1);
    Linear l1 = new Linear(3, 4, true, gen);
    Linear l2 = new Linear(4, 2, true, gen);
    Sequential model = new Sequential(l1, new ReLU(), l2);
    Tensor x = Tensor.randn(gen, 5, 3);
    List<Tensor> acts = new ArrayList<>();
    List<Tensor> grads = new ArrayList<>();
    List<Module> seen = new ArrayList<>();
    try (HookHandle f =
            l1.registerForwardHook(
                (m, in, out) -> {
                  seen.add(m);
                  assertSame(x, in);
                  acts.add(out.keep());
                });
        HookHandle b = l1.registerBackwardHook((m, g) -> grads.add(g.keep()))) {
      model.call(x).sum().backward();
    }
    assertEquals(List.of(l1), seen);
    assertEquals(1, grads.size());
    // manual: a = x·W1ᵀ + b1; dL/da = (1·W2) ⊙ (a > 0)
    Tensor a = x.matmul(l1.weight().detach().t()).add(l1.bias().detach());
    assertArrayEquals(a.toFloatArray(), acts.get(0).toFloatArray(), 1e-6f);
    Tensor upstream = Tensor.ones(5, 2).matmul(l2.weight().detach());
    Tensor expected = upstream.mul(a.gt(0).to(org.boarfish.tensor.DType.FLOAT32));
    assertArrayEquals(expected.toFloatArray(), grads.get(0).toFloatArray(), 1e-6f);

    // removed: nothing more is captured
    model.call(x).sum().backward();
    assertEquals(1, acts.size());
    assertEquals(1, grads.size());
  }

  @Test
  void handlesRemoveOnlyTheirOwnHook() {
    ReLU r = new ReLU();
    int[] calls = new int[2];
    HookHandle h1 = r.registerForwardHook((m, in, out) -> calls[0]++);
    r.registerForwardHook((m, in, out) -> calls[1]++);
    r.call(Tensor.ones(2));
    h1.remove();
    h1.remove();
    r.call(Tensor.ones(2));
    assertArrayEquals(new int[] {1, 2}, calls);
  }
}
