package org.boarfish.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: the distinct labels in a fixed order and the index of each, like fastai's {@code
 * CategoryMap}. Labels are sorted unless asked not to be; missing values (null, NaN) are dropped.
 * With {@code addNa}, {@value #NA} is put at index 0 and unknown labels map to it; without, looking
 * up an unknown label is an error.
 */
public final class CategoryMap implements Iterable<Object> {
  /** The label for missing or unknown values, at index 0 when {@code addNa} is set. */
  public static final String NA = "#na#";

  private final List<Object> items;
  private final Map<Object, Integer> index;
  private final boolean addNa;

  private CategoryMap(List<Object> items, boolean addNa) {
    this.items = Collections.unmodifiableList(items);
    this.addNa = addNa;
    this.index = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      index.putIfAbsent(items.get(i), i);
    }
  }

  /**
   * The distinct non-missing labels of {@code labels}, sorted if asked, with {@value #NA} first if
   * asked.
   */
  public static CategoryMap of(Iterable<?> labels, boolean sort, boolean addNa) {
    LinkedHashSet<Object> unique = new LinkedHashSet<>();
    for (Object o : labels) {
      if (!isMissing(o) && !(addNa && NA.equals(o))) {
        unique.add(o);
      }
    }
    List<Object> items = new ArrayList<>(unique);
    if (sort) {
      items.sort(ORDER);
    }
    if (addNa) {
      items.add(0, NA);
    }
    return new CategoryMap(items, addNa);
  }

  /** A vocabulary of the given labels sorted, without {@value #NA}. */
  public static CategoryMap of(Iterable<?> labels) {
    return of(labels, true, false);
  }

  /** True for null and NaN, the values fastai drops from vocabularies. */
  static boolean isMissing(Object o) {
    return o == null || (o instanceof Double d && d.isNaN()) || (o instanceof Float f && f.isNaN());
  }

  /** The number of labels (including {@value #NA} if present). */
  public int size() {
    return items.size();
  }

  /** The label at an index. */
  public Object get(int i) {
    if (i < 0 || i >= items.size()) {
      throw new IndexOutOfBoundsException(
          "index "
              + i
              + " is outside the vocabulary of "
              + items.size()
              + " labels "
              + preview(10));
    }
    return items.get(i);
  }

  /**
   * The index of a label; unknown labels give 0 with {@code addNa} and an error naming the label
   * otherwise.
   */
  public int indexOf(Object label) {
    Integer i = index.get(label);
    if (i != null) {
      return i;
    }
    if (addNa) {
      return 0;
    }
    throw new IllegalArgumentException(
        "label "
            + quote(label)
            + " is not in the vocabulary "
            + preview(10)
            + " ("
            + items.size()
            + (items.size() == 1 ? " label)" : " labels)")
            + hint(label)
            + "; use addNa=true to map unseen labels to "
            + NA
            + ", or give the full vocabulary");
  }

  /** True if the label is in the vocabulary. */
  public boolean contains(Object label) {
    return index.containsKey(label);
  }

  /** True when {@value #NA} is at index 0 and unknown labels map to it. */
  public boolean hasNa() {
    return addNa;
  }

  /** The labels in index order. */
  public List<Object> items() {
    return items;
  }

  @Override
  public Iterator<Object> iterator() {
    return items.iterator();
  }

  /** The first {@code n} labels as {@code [a, b, ...]}. */
  String preview(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(n, items.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
    }
    return sb.append(items.size() > n ? ", ...]" : "]").toString();
  }

  private String hint(Object label) {
    for (Object o : items) {
      if (o != null
          && label != null
          && o.getClass() != label.getClass()
          && o.toString().equals(label.toString())) {
        return " (the vocabulary holds "
            + o.getClass().getSimpleName()
            + " "
            + quote(o)
            + " but the label is a "
            + label.getClass().getSimpleName()
            + ")";
      }
    }
    return "";
  }

  static String quote(Object o) {
    return o instanceof String s ? "'" + s + "'" : String.valueOf(o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoryMap m && items.equals(m.items) && addNa == m.addNa;
  }

  @Override
  public int hashCode() {
    return items.hashCode() * 2 + (addNa ? 1 : 0);
  }

  @Override
  public String toString() {
    return "CategoryMap" + preview(20);
  }

  /**
   * Natural order when all labels are mutually comparable (numbers by value), else by their text.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<Object> ORDER =
      (a, b) -> {
        if (a instanceof Number x
            && b instanceof Number y
            && !(a instanceof Comparable && a.getClass() == b.getClass())) {
          return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
          return ca.compareTo(b);
        }
        int c = String.valueOf(a).compareTo(String.valueOf(b));
        return c != 0 ? c : a.getClass().getName().compareTo(b.getClass().getName());
      };
}
