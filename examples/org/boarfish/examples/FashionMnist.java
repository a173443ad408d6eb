package org.boarfish.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LoaderConfig;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Preds;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.boarfish.vision.AugTransforms;
import org.boarfish.vision.IdxImages;
import org.boarfish.vision.IdxReader;
import org.boarfish.vision.ImageBlock;
import org.boarfish.vision.ImageGrid;
import org.boarfish.vision.SimpleCnns;

/**
 * {@code ./boarfish fashion-mnist}: the reference recipe of task 1 in ACCURACY.md. The 60k
 * Fashion-MNIST training images train, the official 10k test images validate; the plain CNN of
 * {@link SimpleCnns}, batch 128, {@code fitOneCycle(epochs, 0.06)}. Saves a batch grid, the loss
 * plot and the confusion matrix in {@code --out}, and prints how each epoch splits between waiting
 * for data and training. Flags: {@code --data DIR} (the four IDX files), {@code --epochs N}
 * (default 3), {@code --out DIR}, {@code --lr}, {@code --bs}, {@code --seed}, {@code --workers},
 * {@code --aug 1} (adds {@code AugTransforms} defaults: not the recipe, for the loading profile).
 */
public final class FashionMnist {
  static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnist() {}

  public static void main(String[] argv) {
    ExampleArgs args =
        ExampleArgs.parse("fashion-mnist", argv, "lr", "bs", "seed", "workers", "aug");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/fashion-mnist"));
    int epochs = args.integer("epochs", 3);
    double lr = args.number("lr", 0.06);
    Path out = args.out();
    Generator.manualSeed(args.integer("seed", 0));
    long start = System.nanoTime();

    IdxImages train = IdxReader.readImages(data.resolve("train-images-idx3-ubyte.gz"));
    int[] trainY = IdxReader.readLabels(data.resolve("train-labels-idx1-ubyte.gz"));
    IdxImages test = IdxReader.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
    int[] testY = IdxReader.readLabels(data.resolve("t10k-labels-idx1-ubyte.gz"));
    int nTrain = train.count();
    List<Integer> items = new ArrayList<>(nTrain + test.count());
    for (int i = 0; i < nTrain + test.count(); i++) {
      items.add(i);
    }
    System.out.printf(
        "%s: %d training and %d test images of %dx%d%n",
        data, nTrain, test.count(), train.rows(), train.cols());

    boolean aug = args.integer("aug", 0) != 0;
    DataBlock.Builder builder =
        DataBlock.builder()
            .blocks(ImageBlock.grey(), Blocks.category(CLASSES, false, false))
            .getX(
                i ->
                    (Integer) i < nTrain
                        ? train.image((Integer) i)
                        : test.image((Integer) i - nTrain))
            .getY(
                i ->
                    CLASSES.get(
                        (Integer) i < nTrain ? trainY[(Integer) i] : testY[(Integer) i - nTrain]))
            .splitter(Splitters.func(i -> (Integer) i >= nTrain))
            .batchTfms(Normalize.fromStats(new double[] {0.2860}, new double[] {0.3530}));
    if (aug) {
      // not part of the reference recipe: shows what fastai's batch augmentation costs the loader
      builder.batchTfms(AugTransforms.builder().array());
    }
    DataBlock dblock = builder.build();
    LoaderConfig cfg = LoaderConfig.defaults().withBs(args.integer("bs", 128));
    int workers = args.integer("workers", -1);
    if (workers >= 0) {
      cfg = cfg.withNumWorkers(workers);
    }
    try (DataLoaders dls = dblock.dataloaders(items, cfg)) {
      System.out.println(dls + ", " + dls.train());
      dls.train().showBatch(16, ImageGrid.shower(out.resolve("batch.png")));
      LoadProfile profile = new LoadProfile();
      Learner learn =
          Learner.builder(dls, SimpleCnns.fashionMnist())
              .metrics(Metrics.accuracy())
              .callbacks(profile)
              .path(out)
              .build();
      learn.fitOneCycle(epochs, lr);
      System.out.println("loss plot: " + learn.recorder().plotLoss());

      Preds p = learn.getPreds(1, true, false);
      int[][] cm =
          ConfusionPlot.matrix(
              p.targets().toLongArray(), p.decoded().toLongArray(), CLASSES.size());
      System.out.print(ConfusionPlot.text(cm, CLASSES));
      System.out.println(
          "confusion matrix: " + ConfusionPlot.save(cm, CLASSES, out.resolve("confusion.png")));

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("example", "fashion-mnist");
      result.put("epochs", epochs);
      result.put("lr", lr);
      result.put("aug", aug ? 1 : 0);
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      result.put("data_wait_seconds", profile.waitSeconds());
      result.put("train_step_seconds", profile.stepSeconds());
      result.put("data_wait_fraction", profile.waitFraction());
      result.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put("valid_accuracy", learn.recorder().lastValue("accuracy"));
      ExampleArgs.printResult(result);
    }
  }
}
