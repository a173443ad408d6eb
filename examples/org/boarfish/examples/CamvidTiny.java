package org.boarfish.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Preds;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.Losses;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.vision.Arch;
import org.boarfish.vision.ImageFiles;
import org.boarfish.vision.ImageGrid;
import org.boarfish.vision.ImageOptions;
import org.boarfish.vision.Pretrained;
import org.boarfish.vision.SegmentationDataLoaders;
import org.boarfish.vision.Vision;
import org.boarfish.vision.VisionOptions;

/**
 * {@code ./boarfish camvid-tiny}: semantic segmentation of fastai's CAMVID_TINY (100 road scenes,
 * 128x96, 32 classes) with {@code Vision.unetLearner} over a resnet34 body from random init (no
 * ImageNet weights offline), {@code RandomSplitter(0.2, seed 42)}, batch 8, {@code
 * fitOneCycle(epochs, lr)}. {@code Void} (code 30) is the background: RESULT {@code
 * valid_foreground_acc} is the accuracy over the other pixels, and {@code
 * valid_foreground_acc_baseline} that of predicting the most frequent non-Void class of the
 * validation pixels everywhere. Saves the batch grid, the loss plot and a show-results grid in
 * {@code --out}. Flags: {@code --data DIR}, {@code --epochs N} (default 6), {@code --out DIR},
 * {@code --lr} (default 3e-3), {@code --bs}, {@code --seed}, {@code --arch} (resnet18/34).
 */
public final class CamvidTiny {
  private static final int VOID = 30;

  private CamvidTiny() {}

  public static void main(String[] argv) throws IOException {
    ExampleArgs args = ExampleArgs.parse("camvid-tiny", argv, "lr", "bs", "seed", "arch");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/camvid-tiny"));
    int epochs = args.integer("epochs", 6);
    double lr = args.number("lr", 3e-3);
    int seed = args.integer("seed", 0);
    Arch arch = Arch.of(args.string("arch", "resnet34"));
    Path out = args.out();
    long start = System.nanoTime();
    List<String> codes = Files.readAllLines(data.resolve("codes.txt"));
    if (codes.size() <= VOID || !codes.get(VOID).equals("Void")) {
      throw new IllegalArgumentException(
          data.resolve("codes.txt") + ": expected 'Void' at line " + VOID + ", got " + codes);
    }
    ImageOptions o = ImageOptions.of().validPct(0.2).seed(42).bs(args.integer("bs", 8));
    try (DataLoaders dls =
        SegmentationDataLoaders.fromLabelFunc(
            data,
            ImageFiles.getImageFiles(data.resolve("images")),
            f -> label(data, f),
            codes,
            o)) {
      System.out.println(dls + ", " + dls.c() + " codes");
      dls.train().showBatch(8, ImageGrid.shower(out.resolve("batch.png")));
      long[] counts = validCounts(dls, codes.size());
      int best = baselineClass(counts);
      double baseline = (double) counts[best] / foreground(counts);
      System.out.printf(
          "validation: %d non-Void pixels; most frequent class %s (%.4f)%n",
          foreground(counts), codes.get(best), baseline);

      Generator.manualSeed(seed);
      Learner learn =
          Vision.unetLearner(
              dls,
              arch,
              VisionOptions.defaults().pretrained(Pretrained.NONE).lossFunc(Losses.crossEntropy(1)),
              Metrics.foregroundAcc(VOID),
              Metrics.diceMulti());
      learn.fitOneCycle(epochs, lr);
      System.out.println(
          "loss plot: " + learn.recorder().plotLoss(out.resolve("loss.png"), 5, true));
      System.out.println("results: " + Vision.showResults(learn, out.resolve("results.png"), 4));

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("example", "camvid-tiny");
      result.put("arch", arch.archName());
      result.put("epochs", epochs);
      result.put("lr", lr);
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      result.put("valid_dice_multi", learn.recorder().lastValue("dice_multi"));
      result.put("baseline_class", codes.get(best));
      result.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put("valid_foreground_acc_baseline", baseline);
      result.put("valid_foreground_acc", foregroundAcc(learn));
      ExampleArgs.printResult(result);
    }
  }

  private static Path label(Path data, Path image) {
    String name = image.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path mask = data.resolve("labels").resolve(name.substring(0, dot) + "_P" + name.substring(dot));
    if (!Files.exists(mask)) {
      throw new UncheckedIOException(
          new IOException("no mask " + mask + " for image " + image + " (expected <stem>_P.png)"));
    }
    return mask;
  }

  /** Pixel counts per code over the validation masks. */
  private static long[] validCounts(DataLoaders dls, int nCodes) {
    long[] counts = new long[nCodes];
    for (Tuple b : dls.valid()) {
      for (long c : b.tensor(1).to(DType.INT64).contiguous().toLongArray()) {
        counts[(int) c]++;
      }
    }
    return counts;
  }

  /**
   * Accuracy over all non-Void validation pixels, from {@code getPreds} (the recorded metric
   * averages per batch instead).
   */
  private static double foregroundAcc(Learner learn) {
    Preds p = learn.getPreds(1, true, false);
    long[] pred = p.decoded().to(DType.INT64).contiguous().toLongArray();
    long[] targ = p.targets().to(DType.INT64).contiguous().toLongArray();
    long n = 0;
    long ok = 0;
    for (int i = 0; i < targ.length; i++) {
      if (targ[i] != VOID) {
        n++;
        ok += pred[i] == targ[i] ? 1 : 0;
      }
    }
    return (double) ok / n;
  }

  private static int baselineClass(long[] counts) {
    int best = VOID == 0 ? 1 : 0;
    for (int k = 0; k < counts.length; k++) {
      if (k != VOID && counts[k] > counts[best]) {
        best = k;
      }
    }
    return best;
  }

  private static long foreground(long[] counts) {
    long n = 0;
    for (int k = 0; k < counts.length; k++) {
      n += k == VOID ? 0 : counts[k];
    }
    return n;
  }
}
