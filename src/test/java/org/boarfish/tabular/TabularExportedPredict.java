package org.boarfish.tabular;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Prediction;

/**
 * Run in a fresh JVM by {@link TabularLearnerTest}: loads an export and predicts on the row given
 * as {@code column=value} arguments (an empty value is missing).
 */
public final class TabularExportedPredict {
  private TabularExportedPredict() {}

  public static void main(String[] args) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      row.put(kv[0], kv[1].isEmpty() ? null : kv[1]);
    }
    Prediction p = Learner.load(Path.of(args[0])).predict(row);
    float[] probs = p.probs().toFloatArray();
    System.out.println("PRED " + p.label() + " " + p.index() + " " + probs[0] + " " + probs[1]);
  }
}
