package org.boarfish.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.Csv;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Row;
import org.boarfish.learner.Prediction;
import org.boarfish.learner.Preds;
import org.boarfish.nn.LabelSmoothingCrossEntropy;
import org.boarfish.optim.LrRange;
import org.boarfish.tensor.Generator;
import org.boarfish.text.AwdLstmConfig;
import org.boarfish.text.LMLearner;
import org.boarfish.text.ProbEnsemble;
import org.boarfish.text.SnapshotPreds;
import org.boarfish.text.Text;
import org.boarfish.text.TextDataLoaders;
import org.boarfish.text.TextLearner;
import org.boarfish.text.TextOptions;
import org.boarfish.text.Vocab;

/**
 * {@code ./boarfish imdb-sample}: ULMFiT from scratch on IMDB_SAMPLE (../shared/data/imdb-sample),
 * forward and backward as fastai's IMDB recipe: for each direction a language model trained on
 * every text (the backward one on each text's tokens reversed), its encoder moved into a classifier
 * (re-seeded after the LM), trained with gradual unfreezing ({@code freezeTo(-2)}, {@code
 * freezeTo(-3)}, {@code unfreeze()}, rates {@code lr/2.6⁴ .. lr}); the classifiers' probabilities
 * are averaged. The two directions train at once on two threads, each with its own generator
 * ({@link Generator#forThisThread}), so the digits do not depend on the timing. The AWD-LSTM is
 * sized for a CPU (emb 200, hidden 400, 2 layers); fastai's full size stays the API's default. Each
 * classifier's validation probabilities after every epoch are written to {@code
 * OUT/preds_DIRh.tsv}. Flags: {@code --data FILE} (label,text,is_valid CSV), {@code --test FILE}
 * (same columns, reported as test_accuracy), {@code --dirs fwd,bwd|fwd|bwd}, {@code --threads 1}
 * (the directions one after the other), {@code --heads N} (classifiers per direction, each from its
 * own seed, default 1), {@code --epochs N} (LM epochs), {@code --out DIR}, {@code --seed N}, {@code
 * --emb N}, {@code --hidden N}, {@code --bs N}, {@code --lm-lr LR}, {@code --lm-drop M} (the LM's
 * dropMult), {@code --clas-drop M} (the classifier's), {@code --ls EPS} (label smoothing of the
 * classifier's loss), {@code --head-lr LR} (the frozen first stage), {@code --clas-epochs N}
 * (epochs of the last, unfrozen stage), {@code --clas-lr LR} (its top rate), {@code --enc FILE} /
 * {@code --enc-bwd FILE} (skip that direction's LM: use this saved encoder, made with the same data
 * and sizes; the classifiers are re-seeded after the LM, so they come out as in the full run). The
 * {@code --test} file is checked (columns, labels) before any training.
 */
public final class ImdbSample {
  /** Language-model epochs per direction. */
  private static final int LM_EPOCHS = 4;

  /** Epochs of the last (unfrozen) classifier stage. */
  private static final int CLAS_EPOCHS = 2;

  /** Classifier heads (members) per direction, each from its own generator seed. */
  private static final int HEADS = 1;

  /** Label smoothing of the classifier's loss (0: plain cross-entropy). */
  private static final double LABEL_SMOOTHING = 0;

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
            "dirs",
            "heads",
            "ls",
            "threads");
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
    boolean parallel = args.integer("threads", 2) > 1 && dirs.contains(",");
    if (parallel) {
      done.addAll(inParallel(args, csv, testRows));
    } else {
      for (String d : dirs.split(",")) {
        done.add(direction(args, csv, d.equals("bwd"), testRows));
      }
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "imdb-sample");
    result.put("dirs", dirs);
    result.put("epochs", args.integer("epochs", LM_EPOCHS));
    result.put("clas_epochs", 3 + args.integer("clas-epochs", CLAS_EPOCHS));
    result.put("heads", args.integer("heads", HEADS));
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
    Vocab vocab = Vocab.of(dlsLm);
    lm.close();
    System.out.printf("%s language model: %.1f s%n", name, (System.nanoTime() - start) / 1e9);

    // 2. classifier with the LM's vocabulary and encoder, gradual unfreezing; the generator is
    // re-seeded first, so the classifier's draws do not depend on what the LM consumed (a saved
    // encoder through --enc gives the same classifier as the full run)
    int heads = args.integer("heads", HEADS);
    List<Preds> valid = new ArrayList<>();
    List<Preds> test = new ArrayList<>();
    double accuracy = 0;
    for (int h = 0; h < heads; h++) {
      Generator.manualSeed(classifierSeed(seed, backwards, h));
      // each head gets its own loaders: closing a learner closes its loaders
      DataLoaders dls =
          TextDataLoaders.fromCsv(
              csv, TextOptions.of().validCol("is_valid").vocab(vocab).bs(bs).backwards(backwards));
      if (h == 0) {
        System.out.println(name + " classifier data: " + dls);
      }
      String member = heads == 1 ? name : name + h;
      SnapshotPreds snaps = new SnapshotPreds();
      TextLearner clas = classifier(args, dls, size, enc, snaps);
      writeSnapshots(args.out().resolve("preds_" + member + ".tsv"), snaps.snapshots());
      Preds v = snaps.averageOfLast(1);
      valid.add(v);
      double acc = ProbEnsemble.accuracy(v);
      accuracy += acc / heads;
      System.out.printf(
          "%s classifier: accuracy %.4f (last epoch %.4f)%n",
          member, acc, clas.learner().recorder().lastValue("accuracy"));
      if (h == 0) {
        String review =
            "One of the best films I have seen this year: moving, funny and beautifully shot.";
        Prediction p = clas.learner().predict(review);
        System.out.printf("%s predict(\"%s\") -> %s%n", name, review, p);
      }
      if (!testRows.isEmpty()) {
        test.add(clas.learner().getPreds(dls.testDl(testRows, true), false, false));
      }
      clas.close();
    }
    Preds validMean = ProbEnsemble.average(valid);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s direction: accuracy %.4f (members' mean %.4f), %.1f s%n",
        name, ProbEnsemble.accuracy(validMean), accuracy, seconds);
    return new Direction(
        name,
        perplexity,
        ProbEnsemble.accuracy(validMean),
        validMean,
        test.isEmpty() ? null : ProbEnsemble.average(test),
        seconds);
  }

  /**
   * Both directions at once, each on its own thread with its own generator ({@link
   * Generator#forThisThread}), so each gives the same digits as when run alone.
   */
  private static List<Direction> inParallel(ExampleArgs args, Path csv, List<Row> testRows) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    PrintStream console = System.out;
    System.setOut(new PrintStream(new LinePrefixes(console), true, StandardCharsets.UTF_8));
    try {
      List<Future<Direction>> futures = new ArrayList<>();
      for (boolean backwards : new boolean[] {false, true}) {
        futures.add(
            pool.submit(
                () -> {
                  LinePrefixes.PREFIX.set(backwards ? "bwd | " : "fwd | ");
                  try (Generator.ThreadOwn own = Generator.forThisThread(0)) {
                    return direction(args, csv, backwards, testRows);
                  }
                }));
      }
      List<Direction> out = new ArrayList<>();
      for (Future<Direction> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training the two directions", e);
    } finally {
      pool.shutdownNow();
      System.setOut(console);
    }
  }

  /**
   * Standard output shared by the two direction threads: each thread's text is buffered up to the
   * end of a line and written whole, after that thread's prefix ("fwd | ", "bwd | "), so that the
   * two epoch tables stay readable when interleaved.
   */
  private static final class LinePrefixes extends OutputStream {
    static final ThreadLocal<String> PREFIX = ThreadLocal.withInitial(() -> "");
    private final ThreadLocal<ByteArrayOutputStream> line =
        ThreadLocal.withInitial(ByteArrayOutputStream::new);
    private final PrintStream to;

    LinePrefixes(PrintStream to) {
      this.to = to;
    }

    @Override
    public void write(int b) {
      ByteArrayOutputStream buf = line.get();
      buf.write(b);
      if (b == '\n') {
        emit(buf);
      }
    }

    @Override
    public void flush() {
      // a part of a line waits for its end: flushing it now would split it between the prefixes
    }

    private void emit(ByteArrayOutputStream buf) {
      synchronized (to) {
        to.print(PREFIX.get());
        to.print(buf.toString(StandardCharsets.UTF_8));
        to.flush();
      }
      buf.reset();
    }
  }

  /** The generator seed of classifier head {@code head} of a direction. */
  static long classifierSeed(int seed, boolean backwards, int head) {
    return seed + (backwards ? 3000L : 2000L) + 100L * head;
  }

  /**
   * A classifier on the LM's encoder trained with gradual unfreezing: the head alone, then the last
   * two, three and all layer groups, at rates falling by 2.6 per group.
   */
  private static TextLearner classifier(
      ExampleArgs args, DataLoaders dls, AwdLstmConfig size, Path enc, SnapshotPreds snaps) {
    AwdLstmConfig clasCfg =
        AwdLstmConfig.clas().withSizes(size.embSz(), size.nHid(), size.nLayers());
    TextLearner clas = Text.classifierLearner(dls, clasCfg, args.number("clas-drop", 0.5));
    double ls = args.number("ls", LABEL_SMOOTHING);
    if (ls > 0) {
      clas.learner().setLossFunc(new LabelSmoothingCrossEntropy(ls));
    }
    clas.learner().addCbs(snaps);
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
    return clas;
  }

  /**
   * Writes each epoch's validation probabilities (one line per epoch: the probabilities of every
   * item, class by class) after a first line of targets, for comparing ensembles offline.
   */
  private static void writeSnapshots(Path file, List<Preds> snaps) {
    StringBuilder sb = new StringBuilder();
    long[] y = snaps.get(0).targets().toLongArray();
    sb.append("targets");
    for (long t : y) {
      sb.append('\t').append(t);
    }
    sb.append('\n');
    for (int e = 0; e < snaps.size(); e++) {
      sb.append(e);
      for (float v : snaps.get(e).preds().toFloatArray()) {
        sb.append('\t').append(v);
      }
      sb.append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
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
