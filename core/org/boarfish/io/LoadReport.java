package org.boarfish.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Tensor;

/**
 * How a state dict matched a model: the names the model expects but the dict lacks, the names the
 * dict has but the model does not, and the names whose shapes differ (each {@code "name: expected
 * [..] found [..]"}).
 *
 * @param missing names expected but not found, in the model's order
 * @param unexpected names found but not expected, in the dict's order
 * @param shapeMismatches one {@code "name: expected [a, b] found [c, d]"} per differing shape, in
 *     the model's order
 */
public record LoadReport(
    List<String> missing, List<String> unexpected, List<String> shapeMismatches) {
  /** A report; the lists are copied. */
  public LoadReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    shapeMismatches = List.copyOf(shapeMismatches);
  }

  /** Compares the shapes a model expects, by name, with the tensors of a state dict. */
  public static LoadReport compare(Map<String, long[]> expectedShapes, Map<String, Tensor> found) {
    List<String> missing = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    expectedShapes.forEach(
        (name, shape) -> {
          Tensor t = found.get(name);
          if (t == null) {
            missing.add(name);
          } else if (!Arrays.equals(shape, t.shape())) {
            mismatches.add(
                name
                    + ": expected "
                    + Arrays.toString(shape)
                    + " found "
                    + Arrays.toString(t.shape()));
          }
        });
    List<String> unexpected =
        found.keySet().stream().filter(k -> !expectedShapes.containsKey(k)).toList();
    return new LoadReport(missing, unexpected, mismatches);
  }

  /** True when every expected tensor was found with its shape and nothing else was. */
  public boolean isClean() {
    return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
  }

  /** {@code LoadReport[clean]}, or every problem, one per line. */
  @Override
  public String toString() {
    if (isClean()) {
      return "LoadReport[clean]";
    }
    StringBuilder sb =
        new StringBuilder("LoadReport[")
            .append(missing.size())
            .append(" missing, ")
            .append(unexpected.size())
            .append(" unexpected, ")
            .append(shapeMismatches.size())
            .append(shapeMismatches.size() == 1 ? " shape mismatch]" : " shape mismatches]");
    missing.forEach(n -> sb.append("\n  missing: ").append(n));
    unexpected.forEach(n -> sb.append("\n  unexpected: ").append(n));
    shapeMismatches.forEach(n -> sb.append("\n  shape mismatch: ").append(n));
    return sb.toString();
  }
}
