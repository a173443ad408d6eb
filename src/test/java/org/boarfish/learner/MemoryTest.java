package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.LossHint;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.nn.Linear;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Off-heap memory stays flat over a fit: every batch runs in its own scope. */
class MemoryTest {
  @TempDir Path dir;

  @Test
  void residentMemoryAfterEpochTenIsWithinFivePercentOfEpochTwo() {
    Generator gen = new Generator(5);
    Tensor x = Tensor.randn(gen, 32, 64);
    Tensor y = Tensor.randint(gen, 0, 10, 32);
    var dls = TensorDataLoaders.fixedBatch(x, y, 1000, LossHint.CROSS_ENTROPY);
    Generator.manualSeed(5);
    var model =
        new Sequential(new Linear(64, 32), new BatchNorm1d(32), new ReLU(), new Linear(32, 10));
    Learner learn = Learner.builder(dls, model).path(dir).progress(false).build();
    // a first fit warms the process up (JIT, allocator pools, the scopes' arenas), which in a long
    // test run grew RSS
    // for about three epochs and then stopped; the measured fit then shows whether training itself
    // leaks
    learn.fit(3, 1e-3);
    List<Long> rss = new ArrayList<>();
    learn.fitOneCycle(
        10,
        1e-3,
        Callback.on(Event.AFTER_EPOCH, l -> rss.add(org.boarfish.testing.Rss.settledKb())));
    System.out.printf(
        "RSS after epoch 2: %d MB, after epoch 10: %d MB%n", rss.get(1) / 1024, rss.get(9) / 1024);
    assertTrue(
        rss.get(9) <= rss.get(1) * 1.05,
        "RSS grew from " + rss.get(1) + " kB to " + rss.get(9) + " kB: " + rss);
  }
}
