package org.boarfish.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.vision.AugTransforms;
import org.boarfish.vision.ImageDataLoaders;
import org.boarfish.vision.ImageFiles;
import org.boarfish.vision.ImageGrid;
import org.boarfish.vision.ImageOptions;
import org.boarfish.vision.Resize;

/**
 * {@code ./boarfish augment-demo}: what {@code augTransforms} does, drawn. Loads CIFAR-10 images
 * ({@code --data}, default ../shared/data/cifar10-small) with presizing ({@code Resize(64)} per
 * item, then {@code augTransforms(size 48, minScale 0.75)} per batch) and writes a training batch,
 * a validation batch, and one image augmented nine times, to {@code --out}.
 */
public final class AugmentDemo {
  private AugmentDemo() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("augment-demo", argv, "seed");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/cifar10-small"));
    Path out = args.out();
    long seed = args.integer("seed", 42);
    long start = System.nanoTime();
    ImageOptions opts =
        ImageOptions.of()
            .folders("train", "test")
            .seed(seed)
            .bs(16)
            .itemTfms(new Resize(64))
            .batchTfms(AugTransforms.builder().size(48).minScale(0.75).build());
    Path train;
    Path valid;
    Path unique;
    try (DataLoaders dls = ImageDataLoaders.fromFolder(data, opts)) {
      train = out.resolve("augmented_batch.png");
      valid = out.resolve("valid_batch.png");
      dls.train().showBatch(16, ImageGrid.shower(train));
      dls.valid().showBatch(16, ImageGrid.shower(valid));
    }
    List<Path> one =
        new ArrayList<>(
            Collections.nCopies(9, ImageFiles.getImageFiles(data.resolve("train")).get(7)));
    List<String> labels = Collections.nCopies(9, "same image");
    ImageOptions same =
        ImageOptions.of()
            .validPct(0.0)
            .seed(seed)
            .bs(9)
            .itemTfms(new Resize(64))
            .batchTfms(AugTransforms.builder().size(48).minScale(0.75).build());
    try (DataLoaders dls = ImageDataLoaders.fromLists(data, one, labels, same)) {
      unique = out.resolve("one_image_augmented.png");
      dls.train().showBatch(9, ImageGrid.shower(unique));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "augment-demo");
    result.put("train_batch", train.toString());
    result.put("valid_batch", valid.toString());
    result.put("unique", unique.toString());
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    ExampleArgs.printResult(result);
  }
}
