package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Normalize;
import org.boarfish.learner.Learner;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.boarfish.vision.ClassificationInterpretation;
import org.boarfish.vision.ImageDataLoaders;
import org.boarfish.vision.ImageGrid;
import org.boarfish.vision.ImageMode;
import org.boarfish.vision.ImageOptions;
import org.boarfish.vision.Models;

/**
 * {@code ./boarfish mnist-sample}: task 2 of ACCURACY.md. 3 vs 7 from fastai's MNIST_SAMPLE folder
 * split (train/ 2,102, valid/ 2,038), 28x28 grey read as RGB (the grey value repeated to 3
 * channels), pixels /255 then {@code (x - 0.1292) / 0.3067}, torchvision's resnet18 with 2 classes
 * from random init, batch 64, {@code fitOneCycle(epochs, 1e-3)}. Saves the batch grid, the loss
 * plot, the confusion matrix and the top losses in {@code --out}. Flags: {@code --data DIR}, {@code
 * --epochs N} (default 3), {@code --out DIR}, {@code --lr}, {@code --bs}, {@code --seed}, {@code
 * --workers}.
 */
public final class MnistSample {
  private MnistSample() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("mnist-sample", argv, "lr", "bs", "seed", "workers");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/mnist_sample"));
    int epochs = args.integer("epochs", 3);
    double lr = args.number("lr", 1e-3);
    Path out = args.out();
    int seed = args.integer("seed", 0);
    long start = System.nanoTime();
    double[] mean = {0.1292, 0.1292, 0.1292};
    double[] std = {0.3067, 0.3067, 0.3067};
    ImageOptions o =
        ImageOptions.of()
            .mode(ImageMode.RGB)
            .bs(args.integer("bs", 64))
            .seed(seed)
            .batchTfms(Normalize.fromStats(mean, std));
    int workers = args.integer("workers", -1);
    if (workers >= 0) {
      o = o.numWorkers(workers);
    }
    try (DataLoaders dls = ImageDataLoaders.fromFolder(data, o)) {
      System.out.println(dls + ", classes " + dls.vocab());
      dls.train().showBatch(16, ImageGrid.shower(out.resolve("batch.png")));
      Generator.manualSeed(seed);
      Learner learn =
          Learner.builder(dls, Models.resnet18(2)).metrics(Metrics.accuracy()).path(out).build();
      learn.fitOneCycle(epochs, lr);
      System.out.println("loss plot: " + learn.recorder().plotLoss());

      ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
      interp.printConfusionMatrix();
      System.out.println(
          "confusion matrix: " + interp.plotConfusionMatrix(out.resolve("confusion.png")));
      System.out.println("top losses: " + interp.plotTopLosses(9, out.resolve("top_losses.png")));
      interp.printClassificationReport();

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("example", "mnist-sample");
      result.put("epochs", epochs);
      result.put("lr", lr);
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      result.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put("valid_accuracy", learn.recorder().lastValue("accuracy"));
      ExampleArgs.printResult(result);
    }
  }
}
