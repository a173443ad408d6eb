package org.boarfish.vision;

import java.nio.file.Path;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Prediction;

/**
 * Run in a fresh JVM by {@link VisionExportFreshJvmTest}: loads an exported vision learner and
 * prints its prediction on each image file given as {@code PRED label p0 p1 ...}, one line each.
 */
public final class ExportedImagePredict {
  private ExportedImagePredict() {}

  public static void main(String[] args) {
    Learner learn = Learner.load(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      Prediction p = learn.predict(Path.of(args[i]));
      StringBuilder sb = new StringBuilder("PRED ").append(p.label());
      for (float f : p.probs().toFloatArray()) {
        sb.append(' ').append(f);
      }
      System.out.println(sb);
    }
  }
}
