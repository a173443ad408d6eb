package org.boarfish.data;

import java.nio.file.Path;
import java.util.Collection;
import org.boarfish.tensor.Tensor;

/**
 * Short, type-revealing descriptions of pipeline values for summaries, tables and error messages.
 */
final class Describe {
  private static final int MAX = 80;

  private Describe() {}

  /**
   * E.g. {@code TensorImage[1x28x28 float32]}, {@code Category[3, index 0]}, {@code '3' (String)}.
   */
  static String of(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Tensor t) {
      return TensorItem.describe("Tensor", t);
    }
    if (o instanceof TensorItem
        || o instanceof Category
        || o instanceof MultiCategory
        || o instanceof Tuple) {
      return o.toString();
    }
    if (o instanceof String s) {
      return "'" + cut(s) + "' (String)";
    }
    if (o instanceof Path p) {
      return cut(p.toString()) + " (Path)";
    }
    if (o instanceof Collection<?> c) {
      String kind =
          c instanceof java.util.List
              ? "List"
              : c instanceof java.util.Set ? "Set" : c.getClass().getSimpleName();
      return cut(c.toString()) + " (" + kind + " of " + c.size() + ")";
    }
    if (o.getClass().isArray()) {
      return o.getClass().getComponentType().getSimpleName()
          + "["
          + java.lang.reflect.Array.getLength(o)
          + "]";
    }
    return cut(String.valueOf(o)) + " (" + o.getClass().getSimpleName() + ")";
  }

  /**
   * What a table cell shows: labels for categories, the value for scalars, the description
   * otherwise.
   */
  static String cell(Object o) {
    if (o instanceof Category c) {
      return c.text();
    }
    if (o instanceof MultiCategory m) {
      return m.text();
    }
    if (o instanceof Tensor t && t.numel() == 1) {
      return String.valueOf(t.item());
    }
    if (o instanceof String s) {
      return cut(s);
    }
    if (o instanceof Number || o instanceof Path) {
      return String.valueOf(o);
    }
    return of(o);
  }

  /**
   * The name a function shows in summaries: its own {@code toString()} if it has one, else {@code
   * fallback}.
   */
  static String fnName(Object fn, String fallback) {
    if (fn == null) {
      return fallback;
    }
    String s = fn.toString();
    boolean unnamed =
        s.contains("$$Lambda")
            || s.equals(fn.getClass().getName() + "@" + Integer.toHexString(fn.hashCode()));
    return unnamed ? fallback : s;
  }

  static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX - 3) + "...";
  }
}
