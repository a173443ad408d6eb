package org.boarfish.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Csv;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Row;
import org.boarfish.data.Tuple;
import org.boarfish.text.TextDataLoaders;
import org.boarfish.text.TextOptions;
import org.boarfish.text.Tokenizer;
import org.boarfish.text.Vocab;

/**
 * {@code ./boarfish text-data}: the data half of the text application on IMDB_SAMPLE. Tokenizes a
 * review, times tokenizing every review on one thread and on all cores, builds the classifier and
 * language-model DataLoaders and shows a batch of each. Flags: {@code --data FILE} (a CSV with
 * {@code text}, {@code label}, {@code is_valid} columns; default
 * ../shared/data/imdb-sample/texts.csv), {@code --rounds N} (timing rounds, default 5).
 */
public final class TextData {
  private TextData() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("text-data", argv, "rounds");
    Path csv = args.path("data", Path.of("../shared/data/imdb-sample/texts.csv"));
    int rounds = args.integer("rounds", 5);
    long start = System.nanoTime();

    List<String> texts = new ArrayList<>();
    for (Row r : Csv.read(csv)) {
      texts.add(r.get("text"));
    }
    Tokenizer tok = Tokenizer.defaults();
    String sample = texts.get(0);
    System.out.println(
        "review 0 (" + sample.length() + " chars): " + sample.substring(0, 300) + "...");
    System.out.println("tokens: " + tok.tokenize(sample).subList(0, 60) + "...");

    int cores = Runtime.getRuntime().availableProcessors();
    double single = best(tok.withWorkers(1), texts, rounds);
    double parallel = best(tok.withWorkers(cores), texts, rounds);
    long tokens = 0;
    for (List<String> t : tok.tokenizeAll(texts)) {
      tokens += t.size();
    }
    System.out.printf(
        "tokenizing %d reviews (%d tokens): 1 thread %.1f ms, %d threads %.1f ms (best of %d)%n",
        texts.size(), tokens, single, cores, parallel, rounds);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "text-data");
    result.put("epochs", 0);
    try (DataLoaders dls = TextDataLoaders.fromCsv(csv, TextOptions.of().validCol("is_valid"))) {
      System.out.println("classifier: " + dls + ", vocab " + Vocab.of(dls).size());
      Tuple b = dls.oneBatch();
      System.out.println("one training batch: " + b);
      dls.showBatch();
      result.put("train_texts", dls.train().dataset().size());
      result.put("valid_texts", dls.valid().dataset().size());
      result.put("clas_vocab", Vocab.of(dls).size());
    }
    try (DataLoaders lm = TextDataLoaders.fromCsv(csv, TextOptions.of().isLm(true).validPct(0.1))) {
      System.out.println("language model: " + lm + ", vocab " + Vocab.of(lm).size());
      System.out.println("one training batch: " + lm.oneBatch());
      lm.train().showBatch(4);
      result.put("lm_vocab", Vocab.of(lm).size());
      result.put("lm_train_batches", lm.train().length());
    }
    result.put("tokens", tokens);
    result.put("tokenize_ms_1_thread", Math.round(single * 10) / 10.0);
    result.put("tokenize_ms_" + cores + "_threads", Math.round(parallel * 10) / 10.0);
    result.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    ExampleArgs.printResult(result);
  }

  private static double best(Tokenizer tok, List<String> texts, int rounds) {
    tok.tokenizeAll(texts); // warm-up
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      tok.tokenizeAll(texts);
      best = Math.min(best, (System.nanoTime() - t0) / 1e6);
    }
    return best;
  }
}
