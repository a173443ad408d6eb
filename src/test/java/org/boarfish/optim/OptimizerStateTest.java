package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Optimizer#stateDict()} / {@link Optimizer#loadStateDict}: a restored run continues bit for
 * bit.
 */
class OptimizerStateTest {
  private final Generator gen = new Generator(7);
  private final Tensor x = Tensor.randn(gen, 32, 6);
  private final Tensor y = Tensor.randint(gen, 0, 3, 32);

  private List<Tensor> freshParams() {
    Generator g = new Generator(3);
    return List.of(
        Tensor.randn(g, 8, 6).mul(0.3).requiresGrad(true),
        Tensor.zeros(8).requiresGrad(true),
        Tensor.randn(g, 3, 8).mul(0.3).requiresGrad(true),
        Tensor.zeros(3).requiresGrad(true));
  }

  private static List<Tensor> copies(List<Tensor> ps) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : ps) {
      out.add(p.keep().requiresGrad(true));
    }
    return out;
  }

  private void train(Optimizer opt, List<Tensor> p, int steps) {
    for (int s = 0; s < steps; s++) {
      try (Scope scope = Scope.open()) {
        opt.zeroGrad();
        F.crossEntropy(F.linear(F.linear(x, p.get(0), p.get(1)).relu(), p.get(2), p.get(3)), y)
            .backward();
        opt.step();
      }
    }
  }

  private static Function<List<Tensor>, Optimizer> factory(String kind) {
    return ps -> {
      List<List<Tensor>> groups = List.of(ps.subList(0, 2), ps.subList(2, 4));
      return switch (kind) {
        case "sgd" -> SGD.ofGroups(groups).lr(LrRange.of(0.01, 0.1)).mom(0.9).build();
        case "rmsprop" -> RMSProp.ofGroups(groups).lr(0.01).mom(0.5).build();
        case "adam" ->
            Adam.ofGroups(groups).lr(LrRange.upTo(0.01)).noWeightDecay(List.of(ps.get(1))).build();
        case "lamb" -> Lamb.ofGroups(groups).lr(0.01).wd(0.01).build();
        default -> throw new IllegalArgumentException(kind);
      };
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "rmsprop", "adam", "lamb"})
  void restoredStateContinuesTheTrajectoryIdentically(String kind) {
    List<Tensor> a = freshParams();
    Optimizer optA = factory(kind).apply(a);
    train(optA, a, 10);
    Map<String, Tensor> saved = optA.stateDict();
    List<Tensor> savedParams = copies(a);
    train(optA, a, 10);

    List<Tensor> b = copies(savedParams);
    Optimizer optB = factory(kind).apply(b);
    optB.setLr(0.5);
    optB.loadStateDict(saved);
    assertEquals(optA.lr(), optB.lr(), 0, "hypers are restored");
    train(optB, b, 10);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), kind + " param " + i);
    }
    assertTrue(saved.containsKey("state.1.1.step"));
    assertEquals(
        10L,
        (long) saved.get("state.1.1.step").item(),
        "the saved dict is a copy, later steps leave it");
  }

  @Test
  void keysNameGroupsParamsAndFastaiBuffers() {
    List<Tensor> p = freshParams();
    Optimizer opt = factory("adam").apply(p);
    train(opt, p, 1);
    Map<String, Tensor> sd = opt.stateDict();
    assertEquals(
        List.of("group.0.lr", "group.0.mom", "group.0.sqr_mom", "group.0.eps", "group.0.wd"),
        new ArrayList<>(sd.keySet()).subList(0, 5));
    assertTrue(sd.containsKey("state.1.0.grad_avg"));
    assertTrue(sd.containsKey("state.1.0.sqr_avg"));
    assertArrayEquals(new long[] {3, 8}, sd.get("state.1.0.sqr_avg").shape());
  }

  @Test
  void loadingAForeignStateIsRefusedWithoutChangingAnything() {
    List<Tensor> p = freshParams();
    Optimizer adam = factory("adam").apply(p);
    train(adam, p, 1);
    Optimizer sgd = factory("sgd").apply(freshParams());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(adam.stateDict()));
    assertTrue(
        e.getMessage()
            .startsWith("unexpected key 'state.0.0.sqr_avg' in the state of a SGD optimizer"),
        e.getMessage());
    assertEquals(0.1, sgd.lr(), 1e-17, "nothing changed");

    Optimizer oneGroup = Adam.of(freshParams()).build();
    e =
        assertThrows(
            IllegalArgumentException.class, () -> oneGroup.loadStateDict(adam.stateDict()));
    assertEquals(
        "optimizer state key 'group.1.lr' names param group 1 but this optimizer has 1 groups",
        e.getMessage());
  }
}
