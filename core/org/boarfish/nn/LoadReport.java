package org.boarfish.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Tensor;

/**
 * What loading a state dict found: keys the module has but the file lacks ({@code missing}), keys the file has but
 * the module lacks ({@code unexpected}), and keys whose shapes differ ({@code shapeMismatches}, one line each with
 * both shapes).
 */
public record LoadReport(List<String> missing, List<String> unexpected, List<String> shapeMismatches) {

  public LoadReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    shapeMismatches = List.copyOf(shapeMismatches);
  }

  /** Compares the shapes a module expects with the tensors found, key by key. */
  public static LoadReport compare(Map<String, long[]> expectedShapes, Map<String, Tensor> found) {
    List<String> missing = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    expectedShapes.forEach((k, shape) -> {
      Tensor t = found.get(k);
      if (t == null) {
        missing.add(k);
      } else if (!Arrays.equals(shape, t.shape())) {
        mismatches.add(k + ": expected " + Arrays.toString(shape) + ", found " + Arrays.toString(t.shape()));
      }
    });
    List<String> unexpected = new ArrayList<>();
    for (String k : found.keySet()) {
      if (!expectedShapes.containsKey(k)) {
        unexpected.add(k);
      }
    }
    return new LoadReport(missing, unexpected, mismatches);
  }

  /** True when every key matched in name and shape. */
  public boolean isClean() {
    return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
  }

  /** One line per problem, for error messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (!missing.isEmpty()) {
      sb.append("\n  missing keys (in the module, not in the file): ").append(String.join(", ", missing));
    }
    if (!unexpected.isEmpty()) {
      sb.append("\n  unexpected keys (in the file, not in the module): ").append(String.join(", ", unexpected));
    }
    for (String m : shapeMismatches) {
      sb.append("\n  shape mismatch: ").append(m);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return isClean()
        ? "LoadReport[all keys matched]"
        : "LoadReport[" + missing.size() + " missing, " + unexpected.size() + " unexpected, "
            + shapeMismatches.size() + " shape mismatches]";
  }
}
