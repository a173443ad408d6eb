package org.boarfish.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a table read from a CSV file ({@link Csv#read}): text values looked up by column name
 * or index. All rows of one file share their header. The items {@link ColReader} and {@link
 * Splitters#col} read.
 */
public final class Row {
  private final Header header;
  private final List<String> values;

  private Row(Header header, List<String> values) {
    if (values.size() != header.names.size()) {
      throw new IllegalArgumentException(
          "a row of "
              + values.size()
              + " values for "
              + header.names.size()
              + " columns "
              + header.names);
    }
    this.header = header;
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** A row with its own header. */
  public Row(List<String> columns, List<String> values) {
    this(new Header(columns), values);
  }

  /** Rows sharing one header. */
  public static List<Row> rows(List<String> columns, List<? extends List<String>> values) {
    Header h = new Header(columns);
    List<Row> out = new ArrayList<>(values.size());
    for (List<String> v : values) {
      out.add(new Row(h, v));
    }
    return Collections.unmodifiableList(out);
  }

  /** The value of a column; an error listing the columns if there is none of that name. */
  public String get(String column) {
    Integer i = header.index.get(column);
    if (i == null) {
      throw new IllegalArgumentException(
          "no column '" + column + "' in this row; the columns are " + header.names);
    }
    return values.get(i);
  }

  /** The value at a column index. */
  public String get(int column) {
    if (column < 0 || column >= values.size()) {
      throw new IndexOutOfBoundsException(
          "column " + column + " of a row of " + values.size() + " columns " + header.names);
    }
    return values.get(column);
  }

  /** True if the row has a column of that name. */
  public boolean has(String column) {
    return header.index.containsKey(column);
  }

  /** The column names. */
  public List<String> columns() {
    return header.names;
  }

  /** The values in column order. */
  public List<String> values() {
    return values;
  }

  /** Column name to value, in column order. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      m.put(header.names.get(i), values.get(i));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && header.names.equals(r.header.names) && values.equals(r.values);
  }

  @Override
  public int hashCode() {
    return header.names.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return "Row" + toMap();
  }

  private static final class Header {
    final List<String> names;
    final Map<String, Integer> index = new HashMap<>();

    Header(List<String> names) {
      this.names = Collections.unmodifiableList(new ArrayList<>(names));
      for (int i = 0; i < names.size(); i++) {
        if (index.putIfAbsent(names.get(i), i) != null) {
          throw new IllegalArgumentException(
              "column '" + names.get(i) + "' appears twice in the header " + names);
        }
      }
    }
  }
}
