package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Normalize;
import org.boarfish.data.Transform;
import org.boarfish.learner.Learner;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.boarfish.vision.Arch;
import org.boarfish.vision.AugTransforms;
import org.boarfish.vision.ClassificationInterpretation;
import org.boarfish.vision.CropPad;
import org.boarfish.vision.ImageDataLoaders;
import org.boarfish.vision.ImageGrid;
import org.boarfish.vision.ImageOptions;
import org.boarfish.vision.Models;
import org.boarfish.vision.Pretrained;
import org.boarfish.vision.RandomCrop;
import org.boarfish.vision.Vision;
import org.boarfish.vision.VisionOptions;

/**
 * {@code ./boarfish cifar}: CIFAR-10 (5,000 training JPEGs, the 1,000 {@code test/} images as the
 * validation set) in two phases with the same epochs and learning rate.
 *
 * <ol>
 *   <li>The reference recipe of task 3 in ACCURACY.md: zero-pad 4 then a random 32x32 crop ({@code
 *       CropPad(40)} + {@code RandomCrop(32)} item transforms; the centre, i.e. the original, on
 *       validation) and a horizontal flip with p 0.5, per-channel normalisation with the training
 *       stats, torchvision's resnet18 from random init, batch 64, {@code fitOneCycle(epochs,
 *       1e-2)}: RESULT {@code valid_accuracy}.
 *   <li>fastai's own recipe: {@code Vision.learner} with xresnet18 (fastai's stem) and the
 *       concat-pool head, {@code AugTransforms.defaults()} batch augmentation, same normalisation:
 *       RESULT {@code valid_accuracy_fastai}. {@code --fastai 0} skips it.
 * </ol>
 *
 * Flags: {@code --data DIR}, {@code --epochs N} (default 10), {@code --out DIR}, {@code --lr},
 * {@code --bs}, {@code --seed}, {@code --workers}, {@code --fastai 0|1}.
 */
public final class Cifar {
  private static final double[] MEAN = {0.4911, 0.4808, 0.4444};
  private static final double[] STD = {0.2463, 0.2444, 0.2622};

  private Cifar() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("cifar", argv, "lr", "bs", "seed", "workers", "fastai");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/cifar10-small"));
    int epochs = args.integer("epochs", 10);
    double lr = args.number("lr", 1e-2);
    int seed = args.integer("seed", 0);
    Path out = args.out();
    long start = System.nanoTime();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "cifar");
    result.put("epochs", epochs);
    result.put("lr", lr);

    // phase 1: the reference recipe
    List<Transform<?, ?>> flip =
        AugTransforms.builder()
            .maxRotate(0)
            .minZoom(1)
            .maxZoom(1)
            .maxWarp(0)
            .maxLighting(0)
            .build();
    ImageOptions o =
        options(args, seed)
            .itemTfms(new CropPad(40), new RandomCrop(32))
            .batchTfms(flip.get(0), Normalize.fromStats(MEAN, STD));
    double acc;
    try (DataLoaders dls = ImageDataLoaders.fromFolder(data, o)) {
      System.out.println(dls + ", classes " + dls.vocab());
      System.out.println(
          "reference recipe: " + dls.train().afterItem() + "; " + dls.train().afterBatch());
      dls.train().showBatch(16, ImageGrid.shower(out.resolve("batch.png")));
      Generator.manualSeed(seed);
      Learner learn =
          Learner.builder(dls, Models.resnet18(10)).metrics(Metrics.accuracy()).path(out).build();
      learn.fitOneCycle(epochs, lr);
      System.out.println("loss plot: " + learn.recorder().plotLoss());
      ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
      interp.printConfusionMatrix();
      System.out.println(
          "confusion matrix: " + interp.plotConfusionMatrix(out.resolve("confusion.png")));
      System.out.println("most confused: " + interp.mostConfused(10));
      acc = learn.recorder().lastValue("accuracy");
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      result.put("seconds_reference", (System.nanoTime() - start) / 1e9);
    }

    // phase 2: fastai's recipe
    if (args.integer("fastai", 1) != 0) {
      long t2 = System.nanoTime();
      ImageOptions f =
          options(args, seed)
              .batchTfms(AugTransforms.builder().array())
              .batchTfms(Normalize.fromStats(MEAN, STD));
      try (DataLoaders dls = ImageDataLoaders.fromFolder(data, f)) {
        System.out.println("fastai recipe: " + dls.train().afterBatch());
        dls.train().showBatch(16, ImageGrid.shower(out.resolve("batch_fastai.png")));
        Generator.manualSeed(seed);
        Learner learn =
            Vision.learner(
                dls,
                Arch.XRESNET18,
                VisionOptions.defaults().pretrained(Pretrained.NONE),
                Metrics.accuracy());
        learn.fitOneCycle(epochs, lr);
        System.out.println(
            "loss plot: " + learn.recorder().plotLoss(out.resolve("loss_fastai.png"), 5, true));
        Path res = Vision.showResults(learn, out.resolve("results_fastai.png"));
        System.out.println("results: " + res);
        result.put("valid_loss_fastai", learn.recorder().lastValue("valid_loss"));
        result.put("valid_accuracy_fastai", learn.recorder().lastValue("accuracy"));
        result.put("seconds_fastai", (System.nanoTime() - t2) / 1e9);
      }
    }
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("valid_accuracy", acc);
    ExampleArgs.printResult(result);
  }

  private static ImageOptions options(ExampleArgs args, int seed) {
    ImageOptions o =
        ImageOptions.of().folders("train", "test").bs(args.integer("bs", 64)).seed(seed);
    int workers = args.integer("workers", -1);
    return workers >= 0 ? o.numWorkers(workers) : o;
  }
}
