package org.boarfish.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.Tuple;

/**
 * Turns raw rows (each a {@code Map<String, Object>} of column name to value, or a Tablesaw {@code
 * Row}) into a tabular model's inputs, through the procs set up in training: categorical codes
 * ({@code [n, nCat]} int64) and normalised continuous values ({@code [n, nCont]} float32). A
 * missing value or an unseen category still encodes (filled, or {@code #na#}). Its state is the
 * procs' JSON, so {@code Learner.load} rebuilds it in a fresh JVM ({@link TabularExportPlugin}).
 */
public final class TabularEncoder implements InputEncoder {
  /** The kind exports store. */
  public static final String KIND = "tabular";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> rawCatNames;
  private final List<String> contNames;
  private final List<TabularProc> procs;
  private final List<String> catNames;

  TabularEncoder(
      List<String> rawCatNames,
      List<String> contNames,
      List<TabularProc> procs,
      List<String> catNames) {
    this.rawCatNames = List.copyOf(rawCatNames);
    this.contNames = List.copyOf(contNames);
    this.procs = List.copyOf(procs);
    this.catNames = List.copyOf(catNames);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Tuple encode(List<?> items) {
    TabularFrame f = RawValues.fromRows(items, rawCatNames, contNames);
    for (TabularProc p : procs) {
      p.apply(f);
    }
    int n = items.size();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    int[][] cats = new int[catNames.size()][];
    for (int j = 0; j < cats.length; j++) {
      cats[j] = f.codes(catNames.get(j));
    }
    float[][] conts = new float[contNames.size()][n];
    for (int j = 0; j < conts.length; j++) {
      double[] d = f.cont(contNames.get(j));
      for (int i = 0; i < n; i++) {
        conts[j][i] = (float) d[i];
      }
    }
    return new Tuple(
        List.of(TabularLoaders.cats(cats, rows), TabularLoaders.conts(conts, rows)), 2);
  }

  /** The procs, set up, in processing order. */
  public List<TabularProc> procs() {
    return procs;
  }

  /** The model's categorical inputs, in order. */
  public List<String> catNames() {
    return catNames;
  }

  /** The model's continuous inputs, in order. */
  public List<String> contNames() {
    return contNames;
  }

  @Override
  public JsonNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    rawCatNames.forEach(o.putArray("rawCatNames")::add);
    contNames.forEach(o.putArray("contNames")::add);
    catNames.forEach(o.putArray("catNames")::add);
    ArrayNode ps = o.putArray("procs");
    procs.forEach(p -> ps.add(p.toJson()));
    return o;
  }

  /** Rebuilds an encoder from {@link #toJson()}. */
  public static TabularEncoder fromJson(JsonNode json) {
    List<TabularProc> procs = new ArrayList<>();
    json.path("procs").forEach(p -> procs.add(TabularProc.fromJson(p)));
    return new TabularEncoder(
        strings(json, "rawCatNames"), strings(json, "contNames"), procs, strings(json, "catNames"));
  }

  private static List<String> strings(JsonNode json, String key) {
    JsonNode a = json.get(key);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("the tabular encoder's state lacks '" + key + "'");
    }
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asText()));
    return out;
  }

  @Override
  public String toString() {
    return "TabularEncoder[cats " + catNames + ", conts " + contNames + "]";
  }
}
