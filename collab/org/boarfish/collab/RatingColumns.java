package org.boarfish.collab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The three columns of a ratings table that collab uses, checked: the user and item ids as
 * canonical text ({@link IdVocab#key}) and the ratings as numbers.
 */
final class RatingColumns {
  final String userName;
  final String itemName;
  final String ratingName;
  final String[] users;
  final String[] items;
  final float[] ratings;

  private RatingColumns(
      String userName,
      String itemName,
      String ratingName,
      String[] users,
      String[] items,
      float[] ratings) {
    this.userName = userName;
    this.itemName = itemName;
    this.ratingName = ratingName;
    this.users = users;
    this.items = items;
    this.ratings = ratings;
  }

  /**
   * Picks the columns (null names: the 1st, 2nd and 3rd column, as fastai) and reads them; the
   * errors name the column, the row and the fix.
   */
  static RatingColumns of(Table t, String userName, String itemName, String ratingName) {
    String src = t.name() == null ? "the ratings table" : "'" + t.name() + "'";
    if (t.columnCount() < 3 && (userName == null || itemName == null || ratingName == null)) {
      throw new IllegalArgumentException(
          src
              + " has "
              + t.columnCount()
              + " columns "
              + t.columnNames()
              + "; collab needs user, item and rating columns");
    }
    String u = column(t, userName, 0, "userName", src);
    String i = column(t, itemName, 1, "itemName", src);
    String r = column(t, ratingName, 2, "ratingName", src);
    int n = t.rowCount();
    if (n == 0) {
      throw new IllegalArgumentException(src + " has no ratings");
    }
    String[] us = ids(t.column(u), src);
    String[] is = ids(t.column(i), src);
    float[] rs = ratings(t.column(r), src);
    return new RatingColumns(u, i, r, us, is, rs);
  }

  private static String column(Table t, String name, int pos, String param, String src) {
    if (name == null) {
      return t.column(pos).name();
    }
    if (!t.containsColumn(name)) {
      throw new IllegalArgumentException(
          param
              + " '"
              + name
              + "' is not a column of "
              + src
              + "; its columns are "
              + t.columnNames()
              + " (pass one of them, or null for the "
              + (pos + 1)
              + (pos == 0 ? "st" : pos == 1 ? "nd" : "rd")
              + " column)");
    }
    return name;
  }

  private static String[] ids(Column<?> c, String src) {
    String[] out = new String[c.size()];
    for (int k = 0; k < out.length; k++) {
      if (c.isMissing(k)) {
        throw new IllegalArgumentException(
            src + ": row " + (k + 1) + " has no value in column '" + c.name() + "'");
      }
      out[k] = IdVocab.key(c.get(k));
      if (out[k].isEmpty()) {
        throw new IllegalArgumentException(
            src + ": row " + (k + 1) + " has an empty id in column '" + c.name() + "'");
      }
    }
    return out;
  }

  private static float[] ratings(Column<?> c, String src) {
    float[] out = new float[c.size()];
    NumericColumn<?> num = c instanceof NumericColumn<?> nc ? nc : null;
    for (int k = 0; k < out.length; k++) {
      double v;
      if (c.isMissing(k)) {
        v = Double.NaN;
      } else if (num != null) {
        v = num.getDouble(k);
      } else {
        String s = String.valueOf(c.get(k)).trim();
        try {
          v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              src
                  + ": rating '"
                  + s
                  + "' in row "
                  + (k + 1)
                  + " of column '"
                  + c.name()
                  + "' is not a number; ratings must be numeric (is ratingName the right column?)");
        }
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            src + ": row " + (k + 1) + " has no numeric rating in column '" + c.name() + "'");
      }
      out[k] = (float) v;
    }
    return out;
  }

  int size() {
    return ratings.length;
  }

  /** The number of rows whose (user, item) pair occurred in an earlier row. */
  int duplicatePairs() {
    Set<String> seen = new HashSet<>(users.length * 2);
    int dup = 0;
    for (int k = 0; k < users.length; k++) {
      if (!seen.add(users[k] + '\u0000' + items[k])) {
        dup++;
      }
    }
    return dup;
  }

  /** The values of {@code ids} at {@code rows}. */
  static List<String> pick(String[] ids, int[] rows) {
    List<String> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(ids[r]);
    }
    return out;
  }
}
