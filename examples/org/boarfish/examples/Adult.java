package org.boarfish.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Splitter;
import org.boarfish.data.Splitters;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Prediction;
import org.boarfish.metrics.Metrics;
import org.boarfish.tabular.Categorify;
import org.boarfish.tabular.FillMissing;
import org.boarfish.tabular.Normalize;
import org.boarfish.tabular.Tabular;
import org.boarfish.tabular.TabularData;
import org.boarfish.tabular.TabularDataLoaders;
import org.boarfish.tensor.Generator;
import tech.tablesaw.api.Table;

/**
 * {@code ./boarfish adult}: fastai's tabular lesson on the UCI Adult census sample: Categorify,
 * FillMissing and Normalize on six categorical and three continuous columns, a RandomSplitter(0.2,
 * seed 42) split (or the reference's exact validation rows with {@code --valid-idx FILE}), a
 * TabularModel with layers [200, 100], {@code fitOneCycle(3, 1e-2)} at batch 64, then export,
 * reload and predict on a raw row. Flags: {@code --data FILE} (default
 * ../shared/data/adult/adult.csv), {@code --test FILE} (a CSV of the same columns, reported as
 * test_accuracy), {@code --epochs N}, {@code --out DIR}, {@code --lr LR}, {@code --bs N}, {@code
 * --seed N}, {@code --valid-idx FILE}.
 */
public final class Adult {
  static final List<String> CATS =
      List.of("workclass", "education", "marital-status", "occupation", "relationship", "race");
  static final List<String> CONTS = List.of("age", "fnlwgt", "education-num");

  private Adult() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("adult", argv, "lr", "bs", "seed", "valid-idx");
    Path data = args.path("data", ExampleArgs.bundled("../shared/data/adult/adult.csv"));
    int epochs = args.integer("epochs", 3);
    double lr = args.number("lr", 1e-2);
    int bs = args.integer("bs", 64);
    Path out = args.out();
    long start = System.nanoTime();

    Table df = TabularDataLoaders.readCsv(data, CATS);
    Path validIdx = args.pathOrNull("valid-idx");
    Splitter splitter =
        validIdx == null ? Splitters.random(0.2, 42) : Splitters.index(readIdx(validIdx));
    Generator.manualSeed(args.integer("seed", 42));
    long t0 = System.nanoTime();
    TabularData to =
        TabularData.builder(df)
            .procs(new Categorify(), new FillMissing(), new Normalize())
            .catNames(CATS)
            .contNames(CONTS)
            .yNames("salary")
            .splitter(splitter)
            .source(data.toString())
            .build();
    double procSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.println(to);
    System.out.printf(
        "procs: %.3f s; cardinalities %s%n",
        procSeconds, java.util.Arrays.toString(to.cardinalities()));
    try (DataLoaders dls = to.dataloaders(bs)) {
      dls.showBatch();
      double batchSeconds = timeBatches(dls.train());
      System.out.printf(
          "batch creation: one pass over the %d training batches takes %.3f s%n",
          dls.train().length(), batchSeconds);
      Learner learn = Tabular.learner(dls, List.of(200, 100), Metrics.accuracy());
      long fitStart = System.nanoTime();
      learn.fitOneCycle(epochs, lr);
      double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

      Path exported = out.resolve("adult.boarfish");
      learn.export(exported);
      Learner loaded = Learner.load(exported);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("age", 49);
      row.put("workclass", "Private");
      row.put("fnlwgt", 101320);
      row.put("education", "Assoc-acdm");
      row.put("education-num", 12.0);
      row.put("marital-status", "Married-civ-spouse");
      row.put("occupation", null);
      row.put("relationship", "Wife");
      row.put("race", "White");
      Prediction p = loaded.predict(row);
      System.out.printf("exported to %s; reloaded, it predicts %s for %s%n", exported, p, row);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("example", "adult");
      result.put("epochs", epochs);
      result.put("lr", lr);
      result.put("valid_loss", learn.recorder().lastValue("valid_loss"));
      result.put("fit_seconds", fitSeconds);
      result.put("batch_creation_seconds_per_epoch", batchSeconds);
      Path test = args.pathOrNull("test");
      if (test != null) {
        result.put("test_accuracy", testAccuracy(learn, to, test));
      }
      result.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put("valid_accuracy", learn.recorder().lastValue("accuracy"));
      ExampleArgs.printResult(result);
    }
  }

  /** One pass over the training loader, building every batch and nothing else. */
  static double timeBatches(DataLoader dl) {
    long t = System.nanoTime();
    long n = 0;
    for (var b : dl) {
      n += b.x().size(0);
    }
    if (n == 0) {
      throw new IllegalStateException("no training batches");
    }
    return (System.nanoTime() - t) / 1e9;
  }

  /** The accuracy on another CSV of the same columns, through the trained procs. */
  static double testAccuracy(Learner learn, TabularData to, Path test) {
    Table t = TabularDataLoaders.readCsv(test, CATS);
    try (DataLoaders tdls = to.testDataLoaders(t, 256, test.toString())) {
      return learn.validate(tdls.train()).metric("accuracy");
    }
  }

  static int[] readIdx(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .mapToInt(Integer::parseInt)
          .toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
