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
import org.boarfish.optim.LrRange;
import org.boarfish.tensor.Generator;
import org.boarfish.text.AwdLstmConfig;
import org.boarfish.text.LMLearner;
import org.boarfish.text.Text;
import org.boarfish.text.TextDataLoaders;
import org.boarfish.text.TextLearner;
import org.boarfish.text.TextOptions;
import org.boarfish.text.Vocab;

/**
 * {@code ./boarfish imdb-sample}: ULMFiT from scratch on IMDB_SAMPLE (../shared/data/imdb-sample):
 * a language model trained on every text, its encoder moved into a classifier, which trains with
 * gradual unfreezing ({@code freezeTo(-2)}, {@code freezeTo(-3)}, {@code unfreeze()}, rates {@code
 * lr/2.6⁴ .. lr}). The AWD-LSTM is sized for a CPU (emb 200, hidden 400, 2 layers); fastai's full
 * size stays the API's default. Flags: {@code --data FILE} (label,text,is_valid CSV), {@code --test
 * FILE} (same columns, reported as test_accuracy), {@code --epochs N} (LM epochs), {@code --out
 * DIR}, {@code --seed N}, {@code --emb N}, {@code --hidden N}, {@code --bs N}, {@code --lm-lr LR},
 * {@code --lm-drop M} (the LM's dropMult), {@code --clas-drop M} (the classifier's), {@code
 * --head-lr LR} (the frozen first stage), {@code --clas-epochs N} (epochs of the last, unfrozen
 * stage), {@code --clas-lr LR} (its top rate), {@code --enc FILE} (skip the LM: use this saved
 * encoder, made with the same data and sizes). The {@code --test} file is checked (columns, labels)
 * before any training.
 */
public final class ImdbSample {
  private ImdbSample() {}

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
            "enc");
    Path csv = args.path("data", Path.of("../shared/data/imdb-sample/texts.csv"));
    int lmEpochs = args.integer("epochs", 5);
    int clasEpochs = args.integer("clas-epochs", 3);
    int bs = args.integer("bs", 32);
    Path out = args.out();
    Generator.manualSeed(args.integer("seed", 42));
    AwdLstmConfig size =
        AwdLstmConfig.lm().withSizes(args.integer("emb", 200), args.integer("hidden", 400), 2);
    long start = System.nanoTime();
    Path test = args.pathOrNull("test");
    List<Row> testRows = test == null ? List.of() : checkedTestRows(test, labelsOf(csv));

    // 1. language model on every text (the valid rows' texts too: no labels are used)
    DataLoaders dlsLm =
        TextDataLoaders.fromCsv(csv, TextOptions.of().isLm(true).validPct(0.1).bs(bs));
    System.out.println("language model data: " + dlsLm + ", " + Vocab.of(dlsLm));
    LMLearner lm = Text.languageModelLearner(dlsLm, size, args.number("lm-drop", 0.5));
    Path enc = args.pathOrNull("enc");
    boolean trainLm = enc == null;
    if (trainLm) {
      lm.fitOneCycle(lmEpochs, args.number("lm-lr", 1e-2));
      System.out.println(
          "sample: "
              + lm.predict("This movie is", 20, 0.75, new Generator(args.integer("seed", 42))));
      enc = lm.saveEncoder(out.resolve("models/imdb_enc.safetensors"));
    }
    double lmSeconds = (System.nanoTime() - start) / 1e9;

    // 2. classifier with the LM's vocabulary and encoder, gradual unfreezing
    DataLoaders dls =
        TextDataLoaders.fromCsv(
            csv, TextOptions.of().validCol("is_valid").vocab(Vocab.of(dlsLm)).bs(bs));
    System.out.println("classifier data: " + dls);

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
    clas.fitOneCycle(clasEpochs, LrRange.of(lastLr / Math.pow(2.6, 4), lastLr));

    String review =
        "One of the best films I have seen this year: moving, funny and beautifully shot.";
    Prediction p = clas.learner().predict(review);
    System.out.printf("predict(\"%s\") -> %s%n", review, p);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "imdb-sample");
    result.put("epochs", lmEpochs);
    result.put("clas_epochs", 3 + clasEpochs);
    result.put("lm_seconds", lmSeconds);
    if (trainLm) {
      result.put("valid_lm_perplexity", lm.learner().recorder().lastValue("perplexity"));
    }
    if (test != null) {
      result.put(
          "test_accuracy", clas.learner().validate(dls.testDl(testRows, true)).metric("accuracy"));
    }
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("valid_accuracy", clas.learner().recorder().lastValue("accuracy"));
    ExampleArgs.printResult(result);
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
