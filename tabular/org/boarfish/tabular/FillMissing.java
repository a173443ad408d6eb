package org.boarfish.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fastai's {@code FillMissing}: fills missing continuous values with a statistic of the training
 * rows (median by default, or mode, or a constant) and, for each column that had missing values in
 * training, adds a categorical column {@code <col>_na} ("True" where the value was missing). At
 * inference a missing value is filled the same way, in any continuous column, so such a row still
 * predicts.
 */
public final class FillMissing implements TabularProc {
  /** How the fill value is chosen. */
  public enum Strategy {
    /** The median of the training values. */
    MEDIAN,
    /** The most frequent training value (the smallest on ties). */
    MODE,
    /** A given constant per column (0 when none is given). */
    CONSTANT
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Strategy strategy;
  private final boolean addCol;
  private final Map<String, Double> fillVals;
  private final Map<String, Double> fills = new LinkedHashMap<>();
  private final List<String> naCols = new ArrayList<>();
  private boolean setup;

  /** Median fill with {@code _na} columns, as fastai's default. */
  public FillMissing() {
    this(Strategy.MEDIAN, true, Map.of());
  }

  /**
   * A fill strategy, whether to add the {@code _na} columns, and the constants for {@link
   * Strategy#CONSTANT} by column.
   */
  public FillMissing(Strategy strategy, boolean addCol, Map<String, Double> fillVals) {
    this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
    this.addCol = addCol;
    this.fillVals = Map.copyOf(fillVals);
  }

  @Override
  public int order() {
    return 0;
  }

  @Override
  public void setup(TabularFrame frame, int[] trainRows) {
    fills.clear();
    naCols.clear();
    for (String c : frame.contNames()) {
      double[] v = frame.cont(c);
      double[] vals = new double[trainRows.length];
      int n = 0;
      for (int r : trainRows) {
        if (!Double.isNaN(v[r])) {
          vals[n++] = v[r];
        }
      }
      if (n < trainRows.length) {
        naCols.add(c);
      }
      fills.put(c, fillValue(c, Arrays.copyOf(vals, n)));
    }
    setup = true;
  }

  private double fillValue(String col, double[] vals) {
    if (strategy == Strategy.CONSTANT) {
      return fillVals.getOrDefault(col, 0.0);
    }
    if (vals.length == 0) {
      return 0;
    }
    Arrays.sort(vals);
    if (strategy == Strategy.MEDIAN) {
      int m = vals.length / 2;
      return vals.length % 2 == 1 ? vals[m] : (vals[m - 1] + vals[m]) / 2;
    }
    double best = vals[0];
    int bestCount = 0;
    for (int i = 0; i < vals.length; ) {
      int j = i;
      while (j < vals.length && vals[j] == vals[i]) {
        j++;
      }
      if (j - i > bestCount) {
        bestCount = j - i;
        best = vals[i];
      }
      i = j;
    }
    return best;
  }

  @Override
  public void apply(TabularFrame frame) {
    if (!setup) {
      throw new IllegalStateException(
          "FillMissing is not set up: give it to TabularData, which sets it up on the training rows");
    }
    for (String c : List.copyOf(frame.contNames())) {
      Double fill = fills.get(c);
      double[] v = frame.cont(c);
      boolean marked = addCol && naCols.contains(c);
      String[] na = marked ? new String[v.length] : null;
      for (int i = 0; i < v.length; i++) {
        boolean missing = Double.isNaN(v[i]);
        if (missing) {
          v[i] = fill != null ? fill : 0;
        }
        if (marked) {
          na[i] = missing ? "True" : "False";
        }
      }
      if (marked) {
        frame.putCat(c + "_na", na);
      }
    }
  }

  /** The fill value of each continuous column. */
  public Map<String, Double> fills() {
    return Map.copyOf(fills);
  }

  /** The columns that had missing values in training (each has a {@code _na} column). */
  public List<String> naColumns() {
    return List.copyOf(naCols);
  }

  @Override
  public boolean isSetup() {
    return setup;
  }

  @Override
  public TabularProc fresh() {
    return new FillMissing(strategy, addCol, fillVals);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o =
        JSON.createObjectNode()
            .put("type", "FillMissing")
            .put("strategy", strategy.name())
            .put("addCol", addCol);
    ObjectNode fv = o.putObject("fillVals");
    fillVals.forEach(fv::put);
    ObjectNode f = o.putObject("fills");
    fills.forEach(f::put);
    naCols.forEach(o.putArray("naCols")::add);
    return o;
  }

  static FillMissing restore(JsonNode json) {
    Map<String, Double> fv = new LinkedHashMap<>();
    json.path("fillVals")
        .fields()
        .forEachRemaining(e -> fv.put(e.getKey(), e.getValue().asDouble()));
    FillMissing p =
        new FillMissing(
            Strategy.valueOf(json.path("strategy").asText("MEDIAN")),
            json.path("addCol").asBoolean(true),
            fv);
    json.path("fills")
        .fields()
        .forEachRemaining(e -> p.fills.put(e.getKey(), e.getValue().asDouble()));
    json.path("naCols").forEach(x -> p.naCols.add(x.asText()));
    p.setup = true;
    return p;
  }

  @Override
  public String toString() {
    return "FillMissing(" + strategy.name().toLowerCase() + (setup ? ", fills=" + fills : "") + ")";
  }
}
