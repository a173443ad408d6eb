package org.boarfish.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fastai's tabular {@code Normalize}: each continuous column becomes {@code (x − mean) / std}, with
 * the mean and the population standard deviation (ddof 0) of the training rows plus 1e-7.
 */
public final class Normalize implements TabularProc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, double[]> stats = new LinkedHashMap<>();
  private boolean setup;

  /** A proc to set up on the training rows. */
  public Normalize() {}

  @Override
  public int order() {
    return 99;
  }

  @Override
  public void setup(TabularFrame frame, int[] trainRows) {
    stats.clear();
    for (String c : frame.contNames()) {
      double[] v = frame.cont(c);
      double sum = 0;
      int n = 0;
      for (int r : trainRows) {
        if (!Double.isNaN(v[r])) {
          sum += v[r];
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double ss = 0;
      for (int r : trainRows) {
        if (!Double.isNaN(v[r])) {
          ss += (v[r] - mean) * (v[r] - mean);
        }
      }
      double std = Math.sqrt(n == 0 ? 0 : ss / n) + 1e-7;
      stats.put(c, new double[] {mean, std});
    }
    setup = true;
  }

  @Override
  public void apply(TabularFrame frame) {
    if (!setup) {
      throw new IllegalStateException(
          "Normalize is not set up: give it to TabularData, which sets it up on the training rows");
    }
    for (String c : frame.contNames()) {
      double[] s = stats.get(c);
      if (s == null) {
        throw new IllegalStateException(
            "Normalize has no statistics for column '" + c + "' (it has " + stats.keySet() + ")");
      }
      double[] v = frame.cont(c);
      for (int i = 0; i < v.length; i++) {
        v[i] = (v[i] - s[0]) / s[1];
      }
    }
  }

  /** The training mean of a column. */
  public double mean(String column) {
    return stat(column)[0];
  }

  /** The training standard deviation (+1e-7) of a column. */
  public double std(String column) {
    return stat(column)[1];
  }

  /** The original value of a normalised one. */
  public double decode(String column, double normalised) {
    double[] s = stat(column);
    return normalised * s[1] + s[0];
  }

  private double[] stat(String column) {
    double[] s = stats.get(column);
    if (s == null) {
      throw new IllegalArgumentException(
          "Normalize has no column '" + column + "' (it has " + stats.keySet() + ")");
    }
    return s;
  }

  @Override
  public boolean isSetup() {
    return setup;
  }

  @Override
  public TabularProc fresh() {
    return new Normalize();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode().put("type", "Normalize");
    ObjectNode s = o.putObject("stats");
    stats.forEach((c, ms) -> s.putArray(c).add(ms[0]).add(ms[1]));
    return o;
  }

  static Normalize restore(JsonNode json) {
    Normalize p = new Normalize();
    json.path("stats")
        .fields()
        .forEachRemaining(
            e ->
                p.stats.put(
                    e.getKey(),
                    new double[] {e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()}));
    p.setup = true;
    return p;
  }

  @Override
  public String toString() {
    return "Normalize" + (setup ? stats.keySet() : "(not set up)");
  }
}
