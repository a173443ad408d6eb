package org.boarfish.learner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Learner#validate()} measured: the batch-size weighted loss and each metric's value.
 *
 * @param loss the mean loss over the items
 * @param metrics each metric's value by name, in the learner's order
 */
public record Validation(double loss, Map<String, Double> metrics) {
  /** Copies the metrics. */
  public Validation {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The value of one metric. */
  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no metric '" + name + "'; the learner has " + metrics.keySet());
    }
    return v;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Validation[loss=%.6f", loss));
    metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ", %s=%.6f", k, v)));
    return sb.append(']').toString();
  }
}
