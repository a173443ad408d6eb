package org.boarfish.collab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ids of one column (users or items) as fastai's {@code Categorify} sees them: {@code #na#} at
 * index 0 (for ids never seen in training), then the training ids sorted (numerically when every id
 * is an integer, else as text). Ids are compared by their text form, so {@code 196}, {@code 196L},
 * {@code "196"} and {@code 196.0} are the same id.
 */
public final class IdVocab {
  /** The name of index 0, the row unseen ids use. */
  public static final String NA = "#na#";

  private final List<String> ids;
  private final Map<String, Integer> index;

  private IdVocab(List<String> ids) {
    this.ids = Collections.unmodifiableList(ids);
    this.index = new HashMap<>(ids.size() * 2);
    for (int i = 1; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
  }

  /** The vocabulary of these (training) ids: {@code #na#} first, then the distinct ids sorted. */
  public static IdVocab of(Collection<?> values) {
    List<String> keys = new ArrayList<>();
    boolean numeric = true;
    TreeSet<String> distinct = new TreeSet<>();
    for (Object v : values) {
      distinct.add(key(v));
    }
    for (String k : distinct) {
      numeric &= isLong(k);
      keys.add(k);
    }
    if (numeric) {
      keys.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    }
    List<String> all = new ArrayList<>(keys.size() + 1);
    all.add(NA);
    all.addAll(keys);
    return new IdVocab(all);
  }

  /** A vocabulary stored by {@link #ids()} (index 0 must be {@code #na#}). */
  public static IdVocab fromIds(List<String> ids) {
    if (ids.isEmpty() || !NA.equals(ids.get(0))) {
      throw new IllegalArgumentException(
          "a collab vocabulary starts with " + NA + " at index 0, got " + ids.subList(0, 1));
    }
    return new IdVocab(new ArrayList<>(ids));
  }

  /** The canonical text of an id: integral numbers without a fraction, everything else trimmed. */
  public static String key(Object v) {
    if (v == null) {
      return NA;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    String s = v.toString().trim();
    if (s.endsWith(".0") && isLong(s.substring(0, s.length() - 2))) {
      return s.substring(0, s.length() - 2);
    }
    return s;
  }

  private static boolean isLong(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    int start = s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The index of an id; 0 ({@code #na#}) if it was not seen in training. */
  public int indexOf(Object id) {
    return index.getOrDefault(key(id), 0);
  }

  /** Whether the id was seen in training. */
  public boolean contains(Object id) {
    return index.containsKey(key(id));
  }

  /** The id at an index (index 0 is {@code #na#}). */
  public String get(int i) {
    return ids.get(i);
  }

  /** The number of rows an embedding of this column needs, {@code #na#} included. */
  public int size() {
    return ids.size();
  }

  /** Every id in index order, {@code #na#} first. */
  public List<String> ids() {
    return ids;
  }

  @Override
  public String toString() {
    int n = Math.min(ids.size(), 6);
    return "IdVocab["
        + ids.size()
        + ": "
        + String.join(", ", ids.subList(0, n))
        + (ids.size() > n ? ", ..." : "")
        + "]";
  }
}
