package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tensor#registerHook}: called once per backward with the complete gradient, removable. */
class TensorHookTest {

  @Test
  void nonLeafHookSeesTheSumOfAllConsumers() {
    Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
    Tensor y = x.mul(2);
    List<float[]> seen = new ArrayList<>();
    y.registerHook(g -> seen.add(g.toFloatArray()));
    y.mul(3).add(y.mul(y)).sum().backward(); // d/dy = 3 + 2y
    assertEquals(1, seen.size());
    assertArrayEquals(new float[] {7, 11, 15}, seen.get(0));
  }

  @Test
  void leafHookSeesTheTotalOfOnePassAndIsRemovable() {
    Tensor w = Tensor.of(new float[] {1, -1}).requiresGrad(true);
    List<float[]> seen = new ArrayList<>();
    Tensor.HookHandle h = w.registerHook(g -> seen.add(g.toFloatArray()));
    w.mul(2).add(w.mul(5)).sum().backward();
    assertEquals(1, seen.size());
    assertArrayEquals(new float[] {7, 7}, seen.get(0));
    w.sum().backward();
    assertArrayEquals(new float[] {1, 1}, seen.get(1));
    assertArrayEquals(new float[] {8, 8}, w.grad().toFloatArray());
    h.close();
    w.sum().backward();
    assertEquals(2, seen.size());
  }

  @Test
  void rootAndLeafRootHooksRun() {
    Tensor w = Tensor.of(new float[] {3}).requiresGrad(true);
    List<Double> seen = new ArrayList<>();
    w.registerHook(g -> seen.add(g.item()));
    w.backward(Tensor.of(new float[] {4}));
    Tensor y = w.mul(2);
    y.registerHook(g -> seen.add(g.item()));
    y.backward(Tensor.of(new float[] {5}));
    assertEquals(List.of(4.0, 5.0, 10.0), seen);
  }

  @Test
  void refusesTensorsWithoutGrad() {
    assertThrows(IllegalStateException.class, () -> Tensor.ones(2).registerHook(g -> {}));
  }
}
