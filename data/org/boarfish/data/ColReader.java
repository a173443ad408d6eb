package org.boarfish.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * fastai's {@code ColReader}: reads one column (or several, giving a list) of a row item,
 * optionally adding a prefix and suffix (for file names) or splitting on a label delimiter (for
 * multi-label columns). Rows are {@link Row}s, maps keyed by column name, or (by index only) arrays
 * and lists.
 *
 * <pre>{@code
 * .getX(ColReader.of("name").prefix(path))          // Path path/train/3/7.png
 * .getY(ColReader.of("tags").labelDelim(" "))       // ["cloudy", "road"]
 * }</pre>
 */
public final class ColReader implements Function<Object, Object> {
  private final List<Object> cols;
  private final String prefix;
  private final String suffix;
  private final String labelDelim;
  private final boolean asPath;

  private ColReader(
      List<Object> cols, String prefix, String suffix, String labelDelim, boolean asPath) {
    if (cols.isEmpty()) {
      throw new IllegalArgumentException("ColReader needs at least one column");
    }
    this.cols = List.copyOf(cols);
    this.prefix = prefix;
    this.suffix = suffix;
    this.labelDelim = labelDelim;
    this.asPath = asPath;
  }

  /** Reads the named column(s). */
  public static ColReader of(String... columns) {
    return new ColReader(Arrays.asList((Object[]) columns), "", "", null, false);
  }

  /** Reads the column(s) at these indices. */
  public static ColReader of(int... columns) {
    List<Object> c = new ArrayList<>();
    for (int i : columns) {
      c.add(i);
    }
    return new ColReader(c, "", "", null, false);
  }

  /** Prepends text to each value. */
  public ColReader prefix(String prefix) {
    return new ColReader(cols, prefix, suffix, labelDelim, false);
  }

  /** Resolves each value against a folder, giving a {@link Path}. */
  public ColReader prefix(Path folder) {
    return new ColReader(
        cols, folder.toString() + java.io.File.separator, suffix, labelDelim, true);
  }

  /** Appends text to each value (e.g. a file extension). */
  public ColReader suffix(String suffix) {
    return new ColReader(cols, prefix, suffix, labelDelim, asPath);
  }

  /** Splits each value on a delimiter into a list of labels (empty text gives an empty list). */
  public ColReader labelDelim(String delim) {
    if (delim == null || delim.isEmpty()) {
      throw new IllegalArgumentException("labelDelim must be non-empty text");
    }
    return new ColReader(cols, prefix, suffix, delim, asPath);
  }

  @Override
  public Object apply(Object row) {
    if (cols.size() == 1) {
      return one(row, cols.get(0));
    }
    List<Object> out = new ArrayList<>();
    for (Object c : cols) {
      out.add(one(row, c));
    }
    return out;
  }

  private Object one(Object row, Object col) {
    Object o = read(row, col);
    if (labelDelim != null) {
      String s = o == null ? "" : o.toString();
      return s.isEmpty()
          ? List.of()
          : List.of(s.split(java.util.regex.Pattern.quote(labelDelim), -1));
    }
    if (prefix.isEmpty() && suffix.isEmpty()) {
      return o;
    }
    String s = prefix + o + suffix;
    return asPath ? Path.of(s) : s;
  }

  static Object read(Object row, Object col) {
    if (row instanceof Row r) {
      return col instanceof Integer i ? r.get(i) : r.get((String) col);
    }
    if (row instanceof Map<?, ?> m) {
      if (!m.containsKey(col)) {
        throw new IllegalArgumentException(
            "ColReader: no column "
                + CategoryMap.quote(col)
                + " in the row; its keys are "
                + m.keySet());
      }
      return m.get(col);
    }
    if (col instanceof Integer i) {
      if (row instanceof Object[] a) {
        return a[i];
      }
      if (row instanceof List<?> l) {
        return l.get(i);
      }
    } else if (row instanceof Object[] || row instanceof List<?>) {
      throw new IllegalArgumentException(
          "ColReader: column '"
              + col
              + "' is a name but the row is an array or list without a header; "
              + "use a column index, or read the file with Csv.read to get Rows");
    }
    throw new IllegalArgumentException(
        "ColReader reads Rows, maps, arrays or lists, not " + Describe.of(row));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ColReader(");
    for (int i = 0; i < cols.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(CategoryMap.quote(cols.get(i)));
    }
    if (!prefix.isEmpty()) {
      sb.append(", prefix=").append(prefix);
    }
    if (!suffix.isEmpty()) {
      sb.append(", suffix=").append(suffix);
    }
    if (labelDelim != null) {
      sb.append(", labelDelim='").append(labelDelim).append('\'');
    }
    return sb.append(')').toString();
  }
}
