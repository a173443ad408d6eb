package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Datasets;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small CNN on mnist_sample: one one-cycle epoch to ≥ 97% validation accuracy, then export, load
 * and predict.
 */
class MnistEndToEndTest {
  @TempDir Path dir;

  @Test
  void trainsExportsLoadsAndPredictsTheSameLabels() {
    Generator.manualSeed(42);
    try (DataLoaders dls = MnistSample.dls(64)) {
      Module model = ModelRegistry.build("simple_cnn", ModelConfig.empty().with("nOut", 2));
      Tiny.Sink sink = new Tiny.Sink();
      Learner learn =
          Learner.builder(dls, model)
              .metrics(Metrics.accuracy())
              .path(dir)
              .out(sink.stream())
              .build();
      long t0 = System.nanoTime();
      learn.fitOneCycle(1, 1e-2);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.print(sink.text());
      double acc = learn.recorder().lastValue("accuracy");
      System.out.printf("mnist_sample: valid accuracy %.4f after one epoch (%.1f s)%n", acc, secs);
      assertTrue(acc >= 0.97, "valid accuracy " + acc);
      assertEquals(acc, learn.validate().metric("accuracy"), 1e-9);
      Path png = learn.recorder().plotLoss();
      assertTrue(Files.exists(png));

      Path file = dir.resolve("mnist.boarfish");
      learn.export(file);
      Learner loaded = Learner.load(file, MnistSample::readPng);
      List<Object> items = ((Datasets) dls.valid().dataset()).items();
      int agree = 0;
      for (int i = 0; i < items.size(); i += 50) {
        Prediction a = learn.predict(items.get(i));
        Prediction b = loaded.predict(items.get(i));
        assertEquals(a.label(), b.label(), "item " + items.get(i));
        assertEquals(a.index(), b.index());
        assertEquals(a.probs().toFloatArray()[0], b.probs().toFloatArray()[0], 1e-5);
        agree++;
      }
      assertTrue(agree > 30);
      Prediction p = loaded.predict(MnistSample.readPng(items.get(0)));
      assertTrue(p.label().equals("3") || p.label().equals("7"), p.toString());

      // the data has 2 classes: a model with 10 outputs is a clear error at the first batch
      Module wide = ModelRegistry.build("simple_cnn", ModelConfig.empty().with("nOut", 10));
      Learner bad = Learner.builder(dls, wide).path(dir).out(sink.stream()).build();
      var e = assertThrows(IllegalArgumentException.class, () -> bad.fit(1));
      assertTrue(
          e.getMessage().contains("outputs 10 values per item, but the data has 2 classes"),
          e.getMessage());
    }
  }
}
