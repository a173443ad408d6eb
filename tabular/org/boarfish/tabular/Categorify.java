package org.boarfish.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * fastai's {@code Categorify}: per categorical column, a vocabulary of the training values with
 * {@value #NA} at index 0 and the known values at 1..k (sorted; numbers numerically). Missing and
 * unseen values map to 0, so a row with a category never seen in training still predicts. The
 * embedding of a column has {@code k + 1} rows.
 */
public final class Categorify implements TabularProc {
  /** The name of index 0: missing or unknown. */
  public static final String NA = "#na#";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, List<String>> vocabs = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> index = new HashMap<>();
  private boolean setup;

  /** A proc to set up on the training rows. */
  public Categorify() {}

  @Override
  public int order() {
    return 1;
  }

  @Override
  public void setup(TabularFrame frame, int[] trainRows) {
    vocabs.clear();
    index.clear();
    for (String c : frame.catNames()) {
      String[] v = frame.rawCat(c);
      TreeSet<String> seen = new TreeSet<>(VALUE_ORDER);
      for (int r : trainRows) {
        if (v[r] != null) {
          seen.add(v[r]);
        }
      }
      List<String> vocab = new ArrayList<>();
      vocab.add(NA);
      vocab.addAll(seen);
      put(c, vocab);
    }
    setup = true;
  }

  private void put(String col, List<String> vocab) {
    vocabs.put(col, List.copyOf(vocab));
    Map<String, Integer> m = new HashMap<>();
    for (int i = 1; i < vocab.size(); i++) {
      m.put(vocab.get(i), i);
    }
    index.put(col, m);
  }

  @Override
  public void apply(TabularFrame frame) {
    requireSetup();
    for (String c : frame.catNames()) {
      Map<String, Integer> m = index.get(c);
      if (m == null) {
        throw new IllegalStateException(
            "Categorify has no vocabulary for column '"
                + c
                + "' (it knows "
                + vocabs.keySet()
                + "): set it up on data with that column");
      }
      String[] v = frame.rawCat(c);
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = code(m, v[i]);
      }
      frame.putCodes(c, out);
    }
  }

  private static int code(Map<String, Integer> m, String value) {
    if (value == null) {
      return 0;
    }
    Integer i = m.get(value);
    if (i == null) {
      // raw input often lacks the CSV's padding (" Private" vs "Private")
      i = m.get(value.strip());
      if (i == null) {
        i = m.get(" " + value.strip());
      }
    }
    return i == null ? 0 : i;
  }

  /** The vocabulary of a column, {@value #NA} first. */
  public List<String> vocab(String column) {
    requireSetup();
    List<String> v = vocabs.get(column);
    if (v == null) {
      throw new IllegalArgumentException(
          "Categorify has no column '" + column + "' (it has " + vocabs.keySet() + ")");
    }
    return v;
  }

  /** The columns with a vocabulary, in order. */
  public List<String> columns() {
    return List.copyOf(vocabs.keySet());
  }

  /** The number of embedding rows of a column: its vocabulary size, {@value #NA} included. */
  public int cardinality(String column) {
    return vocab(column).size();
  }

  @Override
  public boolean isSetup() {
    return setup;
  }

  @Override
  public TabularProc fresh() {
    return new Categorify();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode().put("type", "Categorify");
    ObjectNode v = o.putObject("vocabs");
    vocabs.forEach(
        (c, list) -> {
          ArrayNode a = v.putArray(c);
          list.forEach(a::add);
        });
    return o;
  }

  static Categorify restore(JsonNode json) {
    Categorify c = new Categorify();
    json.path("vocabs")
        .fields()
        .forEachRemaining(
            e -> {
              List<String> vocab = new ArrayList<>();
              e.getValue().forEach(x -> vocab.add(x.asText()));
              c.put(e.getKey(), vocab);
            });
    c.setup = true;
    return c;
  }

  private void requireSetup() {
    if (!setup) {
      throw new IllegalStateException(
          "Categorify is not set up: give it to TabularData, which sets it up on the training rows");
    }
  }

  @Override
  public String toString() {
    return "Categorify" + (setup ? vocabs.keySet() : "(not set up)");
  }

  /** Numbers numerically, then strings alphabetically (numbers first). */
  static final Comparator<String> VALUE_ORDER =
      (a, b) -> {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
          int c = Double.compare(x, y);
          return c != 0 ? c : a.compareTo(b);
        }
        if (x != null) {
          return -1;
        }
        if (y != null) {
          return 1;
        }
        return a.compareTo(b);
      };

  private static Double number(String s) {
    if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
