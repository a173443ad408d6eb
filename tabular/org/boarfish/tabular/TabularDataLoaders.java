package org.boarfish.tabular;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Splitter;
import org.boarfish.data.Splitters;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * fastai's {@code TabularDataLoaders}: a table (or CSV file) with procs, categorical, continuous
 * and target columns and a split, straight to training and validation loaders. The loaders carry
 * the raw-row encoder, so a learner on them predicts from a {@code Map} or a Tablesaw {@code Row}
 * and exports what it needs to do so after {@code Learner.load}.
 *
 * <pre>{@code
 * var dls = TabularDataLoaders.fromCsv(Path.of("adult.csv"),
 *     List.of(new Categorify(), new FillMissing(), new Normalize()),
 *     List.of("workclass", "education"), List.of("age", "fnlwgt"), "salary",
 *     Splitters.random(0.2, 42), 64);
 * dls.showBatch();
 * }</pre>
 */
public final class TabularDataLoaders {
  private TabularDataLoaders() {}

  /** Loaders over a table, split by {@code splitter}, batch size {@code bs}. */
  public static DataLoaders fromDf(
      Table df,
      List<? extends TabularProc> procs,
      List<String> catNames,
      List<String> contNames,
      String yName,
      Splitter splitter,
      int bs) {
    return build(df, procs, catNames, contNames, yName, splitter, bs, null);
  }

  /** Loaders over a table whose rows {@code validIdx} validate. */
  public static DataLoaders fromDf(
      Table df,
      List<? extends TabularProc> procs,
      List<String> catNames,
      List<String> contNames,
      String yName,
      int[] validIdx,
      int bs) {
    return build(df, procs, catNames, contNames, yName, Splitters.index(validIdx), bs, null);
  }

  /** Loaders over a CSV file (see {@link #readCsv}), split by {@code splitter}. */
  public static DataLoaders fromCsv(
      Path csv,
      List<? extends TabularProc> procs,
      List<String> catNames,
      List<String> contNames,
      String yName,
      Splitter splitter,
      int bs) {
    return build(
        readCsv(csv, catNames), procs, catNames, contNames, yName, splitter, bs, csv.toString());
  }

  /** Loaders over a CSV file whose rows {@code validIdx} validate. */
  public static DataLoaders fromCsv(
      Path csv,
      List<? extends TabularProc> procs,
      List<String> catNames,
      List<String> contNames,
      String yName,
      int[] validIdx,
      int bs) {
    return fromCsv(csv, procs, catNames, contNames, yName, Splitters.index(validIdx), bs);
  }

  private static DataLoaders build(
      Table df,
      List<? extends TabularProc> procs,
      List<String> catNames,
      List<String> contNames,
      String yName,
      Splitter splitter,
      int bs,
      String source) {
    if (bs < 1) {
      throw new IllegalArgumentException("bs must be at least 1, got " + bs);
    }
    TabularData.Builder b =
        TabularData.builder(df)
            .procs(procs)
            .catNames(catNames)
            .contNames(contNames)
            .yNames(yName)
            .splitter(splitter);
    if (source != null) {
      b.source(source);
    }
    return b.build().dataloaders(bs);
  }

  /**
   * Reads a CSV file into a table, inferring column types, except that {@code catNames} are read as
   * text (so "12" and "12.0" stay what the file says); an error naming the file when it is missing
   * or empty.
   */
  public static Table readCsv(Path csv, List<String> catNames) {
    Map<String, ColumnType> types = new HashMap<>();
    for (String c : catNames) {
      types.put(c, ColumnType.STRING);
    }
    return readCsv(csv, types);
  }

  /** Reads a CSV file with the given column types (the others inferred). */
  public static Table readCsv(Path csv, Map<String, ColumnType> types) {
    try {
      if (!Files.isRegularFile(csv)) {
        throw new IllegalArgumentException("no CSV file at " + csv + ": check the path");
      }
      boolean blank;
      try (var lines = Files.lines(csv)) {
        blank = lines.allMatch(String::isBlank);
      }
      if (blank) {
        throw new IllegalArgumentException(
            "the CSV file " + csv + " is empty: it needs a header line and data rows");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    CsvReadOptions opts =
        CsvReadOptions.builder(csv.toFile())
            .tableName(csv.getFileName().toString())
            .columnTypesPartial(name -> Optional.ofNullable(types.get(name)))
            .build();
    Table t;
    try {
      t = Table.read().usingOptions(opts);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the CSV file " + csv + ": " + e.getMessage(), e);
    }
    if (t.rowCount() == 0) {
      throw new IllegalArgumentException(
          "the CSV file " + csv + " has a header but no data rows: add rows");
    }
    return t;
  }
}
