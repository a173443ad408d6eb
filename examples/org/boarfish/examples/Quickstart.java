package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Getters;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.learner.Learner;
import org.boarfish.learner.LrFind;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.Prediction;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;

/**
 * {@code ./boarfish quickstart}: fastai's first lesson in Java. A DataBlock over the bundled
 * MNIST-tiny images (3s and 7s, train/valid folders), a small CNN learner, the learning-rate
 * finder, one-cycle training with a metrics table, the loss plot, export, reload and predict.
 * Flags: {@code --data DIR} (a folder with train/ and valid/ of class subfolders), {@code --test
 * DIR} (extra labelled folder, reported as test_accuracy), {@code --epochs N}, {@code --out DIR},
 * {@code --lr LR} (default: the finder's suggestion), {@code --bs N}, {@code --seed N}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("quickstart", argv, "lr", "bs", "seed");
    Path data = args.path("data", ExampleArgs.bundled("examples/data/mnist_tiny"));
    int epochs = args.integer("epochs", 5);
    Path out = args.out();
    Generator.manualSeed(args.integer("seed", 42));
    long start = System.nanoTime();

    DataBlock dblock =
        DataBlock.builder()
            .blocks(Blocks.tensorImage(), Blocks.category())
            .getItems(Getters.files(".png"))
            .getX(PngReader::read)
            .getY(Getters.parentLabel())
            .splitter(Splitters.grandparent())
            .batchTfms(Normalize.fromStats(NormStats.MNIST))
            .build();
    try (DataLoaders dls = dblock.dataloaders(data, args.integer("bs", 64))) {
      System.out.printf(
          "%s: %d train and %d valid images, classes %s%n",
          data, dls.train().dataset().size(), dls.valid().dataset().size(), dls.vocab().items());
      var model = ModelRegistry.build("simple_cnn", ModelConfig.empty().with("nOut", dls.c()));
      Learner learn =
          Learner.builder(dls, model)
              .metrics(Metrics.accuracy(), Metrics.errorRate())
              .path(out)
              .build();

      LrFind found = learn.lrFind();
      double lr = args.number("lr", found.valley());
      learn.fitOneCycle(epochs, lr);
      Path lossPlot = learn.recorder().plotLoss();
      System.out.println("loss plot: " + lossPlot);

      Path exported = out.resolve("quickstart.boarfish");
      learn.export(exported);
      Learner loaded = Learner.load(exported, PngReader::read);
      Path sample = firstFile(data.resolve("valid"));
      Prediction p = loaded.predict(sample);
      System.out.printf(
          "exported to %s; reloaded, it predicts %s for %s (p=%.4f)%n",
          exported, p.label(), sample, p.probs().toFloatArray()[(int) p.index()]);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("example", "quickstart");
      result.put("epochs", epochs);
      result.put("lr", lr);
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      Path test = args.pathOrNull("test");
      if (test != null) {
        List<Path> files = Getters.files(".png").apply(test);
        result.put("test_accuracy", learn.validate(dls.testDl(files, true)).metric("accuracy"));
      }
      result.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put("valid_accuracy", learn.recorder().lastValue("accuracy"));
      ExampleArgs.printResult(result);
    }
  }

  private static Path firstFile(Path folder) {
    List<Path> files = Getters.files(".png").apply(folder);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no PNG files under " + folder);
    }
    return files.get(0);
  }
}
