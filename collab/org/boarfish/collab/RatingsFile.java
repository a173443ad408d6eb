package org.boarfish.collab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a ratings file into a table of text columns: a CSV with a header ({@code
 * userId,movieId,rating,timestamp}, as MovieLens's {@code ratings.csv}) or GroupLens's {@code
 * u.data} (tab-separated, no header; its columns are named {@code userId, movieId, rating,
 * timestamp}).
 */
final class RatingsFile {
  static final String[] UDATA_COLUMNS = {"userId", "movieId", "rating", "timestamp"};

  private RatingsFile() {}

  static Table read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no ratings file at "
              + file
              + ": give ratings.csv (header userId,movieId,rating,timestamp) or GroupLens's u.data");
    }
    String first;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      first = r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ratings file " + file, e);
    }
    if (first == null || first.isBlank()) {
      throw new IllegalArgumentException("the ratings file " + file + " is empty");
    }
    first = first.replace("\uFEFF", "");
    boolean tab = first.indexOf('\t') >= 0;
    char sep = tab ? '\t' : ',';
    String firstField = first.split(tab ? "\t" : ",", -1)[0].trim();
    boolean header = !firstField.matches("-?\\d+(\\.\\d+)?");
    try {
      Table t =
          Table.read()
              .csv(
                  CsvReadOptions.builder(file.toFile())
                      .separator(sep)
                      .header(header)
                      .columnTypes(name -> ColumnType.STRING)
                      .build());
      if (!header) {
        for (int c = 0; c < Math.min(t.columnCount(), UDATA_COLUMNS.length); c++) {
          t.column(c).setName(UDATA_COLUMNS[c]);
        }
      }
      return t.setName(file.getFileName().toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot parse the ratings file "
              + file
              + " ("
              + (tab ? "tab" : "comma")
              + "-separated, "
              + (header ? "with" : "without")
              + " a header): "
              + e.getMessage(),
          e);
    }
  }
}
