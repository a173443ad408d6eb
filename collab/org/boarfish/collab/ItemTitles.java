package org.boarfish.collab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Csv;
import org.boarfish.data.Row;

/**
 * Item titles by item id, read from MovieLens's {@code movies.csv} (header {@code
 * movieId,title,...}) or GroupLens's {@code u.item} (pipe-separated, Latin-1, no header: id|title|
 * ...). Lets interpretation and {@code predict} take a title where an item id is expected.
 */
public final class ItemTitles {
  private final Map<String, String> byId;
  private final Map<String, List<String>> byTitle = new HashMap<>();

  /** Titles from a map of item id to title. */
  public ItemTitles(Map<?, String> titles) {
    Map<String, String> m = new LinkedHashMap<>();
    titles.forEach((k, v) -> m.put(IdVocab.key(k), v));
    this.byId = Collections.unmodifiableMap(m);
    byId.forEach((id, t) -> byTitle.computeIfAbsent(t, k -> new ArrayList<>()).add(id));
  }

  /**
   * Reads {@code movies.csv} (a header with an id column, the first one, and a {@code title}
   * column) or {@code u.item} (any other name: pipe-separated, Latin-1).
   */
  public static ItemTitles read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no titles file at " + file + ": give movies.csv (movieId,title) or GroupLens's u.item");
    }
    Map<String, String> m = new LinkedHashMap<>();
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      List<Row> rows = Csv.read(file);
      if (rows.isEmpty() || !rows.get(0).has("title")) {
        throw new IllegalArgumentException(
            file + " has no 'title' column; a titles CSV needs a header like movieId,title");
      }
      for (Row r : rows) {
        m.put(r.get(0), r.get("title"));
      }
    } else {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read titles file " + file, e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("\\|", 3);
        if (parts.length < 2) {
          throw new IllegalArgumentException(
              file + " line " + (i + 1) + " is not 'id|title|...' (u.item format): " + line);
        }
        m.put(parts[0], parts[1]);
      }
    }
    return new ItemTitles(m);
  }

  /** The title of an item id, or null. */
  public String title(Object id) {
    return byId.get(IdVocab.key(id));
  }

  /** The item ids with this title (several when a title repeats, as in ml-100k). */
  public List<String> idsOf(String title) {
    return byTitle.getOrDefault(title, List.of());
  }

  /** Every id → title. */
  public Map<String, String> asMap() {
    return byId;
  }

  /** The number of titles. */
  public int size() {
    return byId.size();
  }

  @Override
  public String toString() {
    return "ItemTitles[" + byId.size() + "]";
  }
}
