package org.boarfish.learner;

import java.nio.file.Path;

/** Run in a fresh JVM by {@link EncoderExportTest}: loads an export and prints one prediction. */
public final class ExportedPredict {
  private ExportedPredict() {}

  public static void main(String[] args) {
    Prediction p = Learner.load(Path.of(args[0])).predict(args[1]);
    float[] probs = p.probs().toFloatArray();
    System.out.println("PRED " + p.index() + " " + probs[0] + " " + probs[1]);
  }
}
