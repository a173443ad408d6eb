package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/optimizers.md and docs/schedules.md, so that it keeps compiling and running. */
class DocSnippetsTest {
  private final Generator gen = new Generator(5);
  private final Tensor w = Tensor.randn(gen, 3, 4).requiresGrad(true);
  private final Tensor b = Tensor.zeros(3).requiresGrad(true);
  private final List<Tensor> params = List.of(w, b);
  private final List<Tensor> body = List.of(Tensor.randn(gen, 2).requiresGrad(true));
  private final List<Tensor> middle = List.of(Tensor.randn(gen, 2).requiresGrad(true));
  private final List<Tensor> head = List.of(Tensor.randn(gen, 2).requiresGrad(true));

  @Test
  void optimizersPage() {
    var opt = Adam.of(params).lr(3e-3).wd(0.1).build();
    var sgd = SGD.of(params).lr(0.05).mom(0.9).build();
    var quick = Optimizers.adam(params, 1e-3);
    Tensor x = Tensor.randn(gen, 8, 4);
    Tensor y = Tensor.randint(gen, 0, 3, 8);
    for (int i = 0; i < 3; i++) {
      try (var scope = Scope.open()) {
        F.crossEntropy(F.linear(x, w, b), y).backward();
        opt.step();
        opt.zeroGrad();
      }
    }

    var groups = Adam.ofGroups(List.of(body, middle, head)).lr(LrRange.of(1e-5, 1e-3)).build();
    assertEquals(1e-4, groups.hypers(1).lr(), 1e-19);
    groups.setLr(LrRange.upTo(1e-3));
    groups.setLr(LrRange.each(1e-5, 3e-4, 1e-3));
    groups.setLr(1e-3);
    groups.setMom(0.9);
    assertEquals(1e-3, groups.lr());

    var adamW = Adam.of(params).wd(0.01).build();
    var adamL2 = Adam.of(params).wd(0.01).decoupleWd(false).build();
    List<Tensor> biasesAndNormParams = List.of(b);
    var noWd = Adam.of(params).noWeightDecay(biasesAndNormParams).build();
    noWd.setNoWeightDecay(biasesAndNormParams);

    groups.freeze();
    groups.freezeTo(1);
    groups.unfreeze();
    var frozen = Adam.ofGroups(List.of(body, head)).alwaysTrain(body).build();
    frozen.freeze();
    frozen.clearState();

    Map<String, Tensor> saved = opt.stateDict();
    var restored = Adam.of(params).build();
    restored.loadStateDict(saved);
    assertEquals(opt.stateDict().keySet(), restored.stateDict().keySet());
    List.of(sgd, quick, adamW, adamL2).forEach(o -> assertEquals(1, o.groups().size()));
  }

  @Test
  void schedulesPage(@TempDir Path dir) {
    Schedule warm = Schedules.lin(1e-4, 1e-2);
    assertEquals(0.00505, warm.at(0.5), 1e-15);
    assertEquals(100, warm.sample(100).length);
    Schedule warmupThenDecay =
        Schedules.combine(
            new double[] {0.3, 0.7}, Schedules.lin(1e-4, 1e-2), Schedules.cos(1e-2, 1e-6));
    Schedule twoCosines = Schedules.combinedCos(0.25, 4e-4, 1e-2, 1e-7);
    assertEquals(1e-2, warmupThenDecay.at(0.3), 1e-15);

    var oc = OneCycle.defaults().withLrMax(1e-2);
    Schedule lrs = oc.lrSchedule();
    Schedule moms = oc.momSchedule();
    var text = OneCycle.defaults().withMoms(Moms.of(0.8, 0.7, 0.8));
    SchedulePlot.save(dir.resolve("one-cycle.png"), oc, 100);
    int i = 99;
    int n = 100;
    double lr = oc.lrSchedule().atIteration(i, n);
    assertEquals(4.486e-6, lr, 5e-10);
    assertEquals(twoCosines.at(0.6), lrs.at(0.6) / 1e-2 * 1e-2, 1e-12);
    assertEquals(0.85, moms.at(0.25), 1e-15);
    assertEquals(0.7, text.momSchedule().at(0.25), 1e-15);
    assertEquals(1e-7, oc.lr(99, 100, OneCycle.Indexing.TORCH), 1e-18);
  }
}
