package org.boarfish.text;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boarfish.data.Blocks;
import org.boarfish.data.ColReader;
import org.boarfish.data.Csv;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Datasets;
import org.boarfish.data.Getters;
import org.boarfish.data.LoaderConfig;
import org.boarfish.data.Row;
import org.boarfish.data.Splitters;
import org.boarfish.data.Transform;
import org.boarfish.data.TransformBlock;

/**
 * Text {@link DataLoaders} in one call, like fastai's {@code TextDataLoaders}: from a CSV file, a
 * list of table rows, or a folder of {@code .txt} files; for classification ({@link SortedDL}
 * batches padded with {@link PadInput#chunk}) or a language model ({@link LMDataLoader} layout).
 * The loaders get a {@link TextEncoder}, so {@link Vocab#of}, {@code learn.predict("some text")}
 * and exports work.
 *
 * <pre>{@code
 * var dls = TextDataLoaders.fromCsv(Path.of("texts.csv"), TextOptions.of().validCol("is_valid"));
 * dls.showBatch();
 * var lm = TextDataLoaders.fromCsv(Path.of("texts.csv"), TextOptions.of().isLm(true).validPct(0.1));
 * }</pre>
 */
public final class TextDataLoaders {
  private TextDataLoaders() {}

  /** {@link #fromCsv(Path, TextOptions)} with fastai's defaults. */
  public static DataLoaders fromCsv(Path csv) {
    return fromCsv(csv, TextOptions.of());
  }

  /** Loaders from a UTF-8 CSV file with a header line; an error naming the file if not UTF-8. */
  public static DataLoaders fromCsv(Path csv, TextOptions opts) {
    List<Row> rows;
    try {
      rows = Csv.read(csv);
    } catch (UncheckedIOException e) {
      if (TextReader.isMalformed(e)) {
        throw new IllegalArgumentException(
            "CSV file "
                + csv
                + " is not valid UTF-8 text; convert it (e.g. iconv -f latin1 -t utf-8 in > out)",
            e);
      }
      throw e;
    }
    return fromDf(rows, opts);
  }

  /**
   * Loaders from table rows ({@link Row}s, or maps from column name to value). Checks first that
   * the text, label and validation columns exist (naming the columns there are) and that no text is
   * empty (naming the row).
   */
  public static DataLoaders fromDf(List<?> rows, TextOptions opts) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows: a text table needs at least one row");
    }
    List<String> columns = columns(rows.get(0));
    for (String c : opts.textCols()) {
      requireColumn("text", c, columns);
    }
    if (!opts.isLm()) {
      requireColumn("label", opts.labelCol(), columns);
    }
    if (opts.validCol() != null) {
      requireColumn("validation", opts.validCol(), columns);
    }
    TextReader reader = new TextReader(opts.textCols());
    for (int i = 0; i < rows.size(); i++) {
      String text = reader.encode(rows.get(i));
      if (text.replace(SpecialTokens.FLD, "").replaceAll("\\d", "").isBlank()) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " (counting from 0, header not counted): the text column"
                + (opts.textCols().size() > 1 ? "s " : " ")
                + String.join(", ", opts.textCols())
                + (opts.textCols().size() > 1 ? " are" : " is")
                + " empty; remove the row or fill it in");
      }
    }
    DataBlock.Builder b = DataBlock.builder();
    TransformBlock text = TextBlock.fromDf(opts.textCols(), opts);
    if (opts.isLm()) {
      b.blocks(text);
    } else {
      b.blocks(text, Blocks.category()).getY(ColReader.of(opts.labelCol()));
    }
    b.splitter(
        opts.validCol() != null
            ? Splitters.col(opts.validCol())
            : Splitters.random(opts.validPct(), opts.seed()));
    DataLoaders dls = b.build().dataloaders(rows, config(opts));
    return withEncoder(dls, opts.textCols(), opts.seqLen());
  }

  /**
   * Loaders from a folder of UTF-8 {@code .txt} files. With a validation subfolder ({@code valid}),
   * the files of the training and validation subfolders split by folder (fastai's
   * GrandparentSplitter); otherwise every file, split at random by {@code validPct}. Labels are the
   * files' folder names (classification).
   */
  public static DataLoaders fromFolder(Path path, TextOptions opts) {
    boolean byFolder = Files.isDirectory(path.resolve(opts.validFolder()));
    List<Path> files =
        byFolder
            ? Getters.getFiles(
                path, List.of(".txt"), true, List.of(opts.trainFolder(), opts.validFolder()))
            : Getters.getFiles(path, List.of(".txt"), true, List.of());
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .txt files under " + path);
    }
    DataBlock.Builder b = DataBlock.builder();
    TransformBlock text = TextBlock.fromFolder(opts);
    if (opts.isLm()) {
      b.blocks(text);
    } else {
      b.blocks(text, Blocks.category()).getY(Getters.parentLabel());
    }
    b.splitter(
        byFolder
            ? Splitters.grandparent(opts.trainFolder(), opts.validFolder())
            : Splitters.random(opts.validPct(), opts.seed()));
    DataLoaders dls = b.build().dataloaders(files, config(opts));
    return withEncoder(dls, List.of(), opts.seqLen());
  }

  /**
   * Sets a {@link TextEncoder} on loaders made with a {@link TextBlock} (from the vocabulary and
   * tokenizer of their input pipeline, padding in chunks of {@code seqLen}); returns them.
   */
  public static DataLoaders withEncoder(DataLoaders dls, List<String> textCols, int seqLen) {
    TextEncoders.register();
    Numericalize num =
        numericalize(dls)
            .orElseThrow(
                () -> new IllegalArgumentException("these loaders have no TextBlock input"));
    Tokenize tok = (Tokenize) find(dls, Tokenize.class).orElseThrow();
    boolean backwards = find(dls, ReverseText.class).isPresent();
    return dls.inputEncoder(
        new TextEncoder(num.vocab(), tok.tokenizer(), seqLen, textCols, backwards));
  }

  /** The {@link Numericalize} of loaders' input pipeline, if they have one. */
  public static Optional<Numericalize> numericalize(DataLoaders dls) {
    return find(dls, Numericalize.class).map(t -> (Numericalize) t);
  }

  private static Optional<Transform<?, ?>> find(DataLoaders dls, Class<?> type) {
    if (!(dls.train().dataset() instanceof Datasets ds)) {
      return Optional.empty();
    }
    for (Transform<?, ?> t : ds.pipelines().get(0).transforms()) {
      if (type.isInstance(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static LoaderConfig config(TextOptions o) {
    LoaderConfig c = LoaderConfig.defaults().withBs(o.bs()).withSeed(o.seed());
    return o.numWorkers() >= 0 ? c.withNumWorkers(o.numWorkers()) : c;
  }

  private static List<String> columns(Object row) {
    if (row instanceof Row r) {
      return r.columns();
    }
    if (row instanceof Map<?, ?> m) {
      List<String> out = new ArrayList<>();
      for (Object k : m.keySet()) {
        out.add(String.valueOf(k));
      }
      return out;
    }
    throw new IllegalArgumentException(
        "text tables are lists of Rows (Csv.read) or maps, not "
            + (row == null ? "null" : row.getClass().getSimpleName()));
  }

  private static void requireColumn(String what, String col, List<String> columns) {
    if (!columns.contains(col)) {
      throw new IllegalArgumentException(
          what + " column '" + col + "' is not in the table; its columns are " + columns);
    }
  }
}
