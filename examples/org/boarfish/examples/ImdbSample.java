package org.boarfish.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.Csv;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Row;
import org.boarfish.learner.Prediction;
import org.boarfish.learner.Preds;
import org.boarfish.optim.LrRange;
import org.boarfish.tensor.Generator;
import org.boarfish.text.AwdLstmConfig;
import org.boarfish.text.LMLearner;
import org.boarfish.text.ProbEnsemble;
import org.boarfish.text.Text;
import org.boarfish.text.TextDataLoaders;
import org.boarfish.text.TextLearner;
import org.boarfish.text.TextOptions;
import org.boarfish.text.Vocab;

/**
 * {@code ./boarfish imdb-sample}: ULMFiT from scratch on IMDB_SAMPLE (../shared/data/imdb-sample),
 * forward and backward as fastai's IMDB recipe: for each direction a language model trained on
 * every text (the backward one on each text's tokens reversed), its encoder moved into a
 * classifier, which trains with gradual unfreezing ({@code freezeTo(-2)}, {@code freezeTo(-3)},
 * {@code unfreeze()}, rates {@code lr/2.6⁴ .. lr}); the two classifiers' probabilities are
 * averaged. The AWD-LSTM is sized for a CPU (emb 200, hidden 400, 2 layers); fastai's full size
 * stays the API's default. Flags: {@code --data FILE} (label,text,is_valid CSV), {@code --test
 * FILE} (same columns, reported as test_accuracy), {@code --dirs fwd,bwd|fwd|bwd}, {@code --epochs
 * N} (LM epochs), {@code --out DIR}, {@code --seed N}, {@code --emb N}, {@code --hidden N}, {@code
 * --bs N}, {@code --lm-lr LR}, {@code --lm-drop M} (the LM's dropMult), {@code --clas-drop M} (the
 * classifier's), {@code --head-lr LR} (the frozen first stage), {@code --clas-epochs N} (epochs of
 * the last, unfrozen stage), {@code --clas-lr LR} (its top rate), {@code --enc FILE} / {@code
 * --enc-bwd FILE} (skip that direction's LM: use this saved encoder, made with the same data and
 * sizes). The {@code --test} file is checked (columns, labels) before any training.
 */
public final class ImdbSample {
  /** Language-model epochs per direction. */
  private static final int LM_EPOCHS = 4;

  /** Epochs of the last (unfrozen) classifier stage. */
  private static final int CLAS_EPOCHS = 2;

  private ImdbSample() {}

  /** What one direction (forward or backward) produced. */
  private record Direction(
      String name, double perplexity, double accuracy, Preds valid, Preds test, double seconds) {}

  public static void main(String[] argv) {
    ExampleArgs args =
        ExampleArgs.parse(
            "imdb-sample",
            argv,
            "seed",
            "emb",
            "hidden",
            "clas-epochs",
            "clas-lr",
            "bs",
            "lm-lr",
            "lm-drop",
            "clas-drop",
            "head-lr",
            "enc",
            "enc-bwd",
            "dirs");
    Path csv = args.path("data", Path.of("../shared/data/imdb-sample/texts.csv"));
    String dirs = args.string("dirs", "fwd,bwd");
    if (!List.of("fwd,bwd", "fwd", "bwd").contains(dirs)) {
      throw new IllegalArgumentException(
          "--dirs must be fwd,bwd (the ensemble), fwd or bwd, got '" + dirs + "'");
    }
    long start = System.nanoTime();
    Path test = args.pathOrNull("test");
    List<Row> testRows = test == null ? List.of() : checkedTestRows(test, labelsOf(csv));

    List<Direction> done = new ArrayList<>();
    for (String d : dirs.split(",")) {
      done.add(direction(args, csv, d.equals("bwd"), testRows));
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "imdb-sample");
    result.put("dirs", dirs);
    result.put("epochs", args.integer("epochs", LM_EPOCHS));
    result.put("clas_epochs", 3 + args.integer("clas-epochs", CLAS_EPOCHS));
    for (Direction d : done) {
      if (!Double.isNaN(d.perplexity())) {
        result.put(d.name() + "_lm_perplexity", d.perplexity());
      }
      result.put(d.name() + "_accuracy", d.accuracy());
      result.put(d.name() + "_seconds", d.seconds());
    }
    Preds valid = ProbEnsemble.average(done.stream().map(Direction::valid).toList());
    if (test != null) {
      result.put(
          "test_accuracy",
          ProbEnsemble.accuracy(ProbEnsemble.average(done.stream().map(Direction::test).toList())));
    }
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("valid_accuracy", ProbEnsemble.accuracy(valid));
    ExampleArgs.printResult(result);
  }

  /**
   * One ULMFiT direction: the language model on every text (reversed for {@code backwards}), its
   * encoder in a classifier trained with gradual unfreezing; returns the classifier's probabilities
   * on the validation (and test) rows.
   */
  private static Direction direction(
      ExampleArgs args, Path csv, boolean backwards, List<Row> testRows) {
    String name = backwards ? "bwd" : "fwd";
    long start = System.nanoTime();
    int seed = args.integer("seed", 42);
    // the backward model starts from other random weights than the forward one
    Generator.manualSeed(backwards ? seed + 1000L : seed);
    int bs = args.integer("bs", 32);
    AwdLstmConfig size =
        AwdLstmConfig.lm().withSizes(args.integer("emb", 200), args.integer("hidden", 400), 2);

    // 1. language model on every text (the valid rows' texts too: no labels are used)
    DataLoaders dlsLm =
        TextDataLoaders.fromCsv(
            csv, TextOptions.of().isLm(true).validPct(0.1).bs(bs).backwards(backwards));
    System.out.println(name + " language model data: " + dlsLm + ", " + Vocab.of(dlsLm));
    LMLearner lm = Text.languageModelLearner(dlsLm, size, args.number("lm-drop", 0.2));
    Path enc = args.pathOrNull(backwards ? "enc-bwd" : "enc");
    double perplexity = Double.NaN;
    if (enc == null) {
      lm.fitOneCycle(args.integer("epochs", LM_EPOCHS), args.number("lm-lr", 2e-2));
      perplexity = lm.learner().recorder().lastValue("perplexity");
      if (!backwards) {
        System.out.println("sample: " + lm.predict("This movie is", 20, 0.75, new Generator(seed)));
      }
      enc = lm.saveEncoder(args.out().resolve("models/imdb_enc_" + name + ".safetensors"));
    }
    lm.close();
    System.out.printf("%s language model: %.1f s%n", name, (System.nanoTime() - start) / 1e9);

    // 2. classifier with the LM's vocabulary and encoder, gradual unfreezing
    DataLoaders dls =
        TextDataLoaders.fromCsv(
            csv,
            TextOptions.of()
                .validCol("is_valid")
                .vocab(Vocab.of(dlsLm))
                .bs(bs)
                .backwards(backwards));
    System.out.println(name + " classifier data: " + dls);
    AwdLstmConfig clasCfg =
        AwdLstmConfig.clas().withSizes(size.embSz(), size.nHid(), size.nLayers());
    TextLearner clas = Text.classifierLearner(dls, clasCfg, args.number("clas-drop", 0.5));
    clas.loadEncoder(enc); // freezes all but the head
    clas.fitOneCycle(1, args.number("head-lr", 2e-2));
    clas.freezeTo(-2);
    clas.fitOneCycle(1, LrRange.of(1e-2 / Math.pow(2.6, 4), 1e-2));
    clas.freezeTo(-3);
    clas.fitOneCycle(1, LrRange.of(5e-3 / Math.pow(2.6, 4), 5e-3));
    clas.unfreeze();
    double lastLr = args.number("clas-lr", 2e-3);
    clas.fitOneCycle(
        args.integer("clas-epochs", CLAS_EPOCHS), LrRange.of(lastLr / Math.pow(2.6, 4), lastLr));

    String review =
        "One of the best films I have seen this year: moving, funny and beautifully shot.";
    Prediction p = clas.learner().predict(review);
    System.out.printf("%s predict(\"%s\") -> %s%n", name, review, p);
    Preds valid = clas.learner().getPreds();
    Preds test =
        testRows.isEmpty()
            ? null
            : clas.learner().getPreds(dls.testDl(testRows, true), false, false);
    double accuracy = clas.learner().recorder().lastValue("accuracy");
    clas.close();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s direction: accuracy %.4f, %.1f s%n", name, accuracy, seconds);
    return new Direction(name, perplexity, accuracy, valid, test, seconds);
  }

  /** The labels of the training file's rows. */
  static CategoryMap labelsOf(Path csv) {
    List<String> labels = new ArrayList<>();
    for (Row r : Csv.read(csv)) {
      labels.add(r.get("label"));
    }
    return CategoryMap.of(labels);
  }

  /**
   * The rows of the {@code --test} file, checked before any training result is spent on them: the
   * label and text columns must exist and every label must be one the classifier was trained on.
   */
  static List<Row> checkedTestRows(Path file, CategoryMap labels) {
    List<Row> rows = Csv.read(file);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("--test " + file + ": the file has no rows");
    }
    for (String col : List.of("label", "text")) {
      if (!rows.get(0).has(col)) {
        throw new IllegalArgumentException(
            "--test "
                + file
                + ": no column '"
                + col
                + "' (its columns are "
                + rows.get(0).columns()
                + "); give it the training file's columns label,text[,is_valid]");
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      String label = rows.get(i).get("label");
      if (!labels.contains(label)) {
        throw new IllegalArgumentException(
            "--test "
                + file
                + ": row "
                + (i + 1)
                + " has label '"
                + label
                + "', which the training data does not have (its labels: "
                + labels.items()
                + ")");
      }
    }
    return rows;
  }
}
