package org.boarfish.tabular;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Turns table columns and raw rows into a {@link TabularFrame}'s arrays, with named errors. */
final class RawValues {
  private RawValues() {}

  /** The frame of a table's categorical and continuous columns. */
  static TabularFrame fromTable(
      Table df, List<String> catNames, List<String> contNames, String source) {
    TabularFrame f = new TabularFrame(df.rowCount());
    for (String c : catNames) {
      Column<?> col = column(df, c, "catNames", source);
      String[] v = new String[df.rowCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = col.isMissing(i) ? null : catKey(col.get(i));
      }
      f.putCat(c, v);
    }
    for (String c : contNames) {
      Column<?> col = column(df, c, "contNames", source);
      double[] v = new double[df.rowCount()];
      if (col instanceof NumericColumn<?> nc) {
        for (int i = 0; i < v.length; i++) {
          v[i] = nc.isMissing(i) ? Double.NaN : nc.getDouble(i);
        }
      } else {
        for (int i = 0; i < v.length; i++) {
          v[i] = col.isMissing(i) ? Double.NaN : contValue(col.get(i), c, "row " + i, source);
        }
      }
      f.putCont(c, v);
    }
    return f;
  }

  /** The frame of raw rows: each a {@code Map<String, ?>} or a Tablesaw {@link Row}. */
  static TabularFrame fromRows(List<?> rows, List<String> catNames, List<String> contNames) {
    TabularFrame f = new TabularFrame(rows.size());
    for (String c : catNames) {
      String[] v = new String[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = catKey(value(rows.get(i), c, i));
      }
      f.putCat(c, v);
    }
    for (String c : contNames) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = contValue(value(rows.get(i), c, i), c, "item " + i, "the input row");
      }
      f.putCont(c, v);
    }
    return f;
  }

  private static Object value(Object row, String col, int i) {
    if (row instanceof Map<?, ?> m) {
      return m.get(col); // an absent column is a missing value
    }
    if (row instanceof Row r) {
      if (!r.columnNames().contains(col)) {
        return null;
      }
      return r.isMissing(col) ? null : r.getObject(col);
    }
    throw new IllegalArgumentException(
        "a tabular learner predicts on a row given as a Map<String, Object> (column name to value) "
            + "or a Tablesaw Row; item "
            + i
            + " is "
            + (row == null ? "null" : row.getClass().getName()));
  }

  static Column<?> column(Table df, String name, String role, String source) {
    if (!df.columnNames().contains(name)) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' given in "
              + role
              + " is not in "
              + source
              + " (its columns: "
              + df.columnNames()
              + "): fix the name");
    }
    return df.column(name);
  }

  /** A categorical value as its vocabulary key; null for missing. */
  static String catKey(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return null;
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    String s = v.toString();
    return s.isEmpty() ? null : s;
  }

  /** A continuous value; NaN for missing; an error naming the column for text. */
  static double contValue(Object v, String col, String where, String source) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    String s = v.toString().strip();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "continuous column '"
              + col
              + "' holds text '"
              + s
              + "' at "
              + where
              + " of "
              + source
              + ": list the column in catNames instead, or fix the value");
    }
  }
}
