package org.boarfish.collab;

import java.nio.file.Path;
import org.boarfish.learner.Learner;

/** Run in a fresh JVM by {@link CollabLearnerTest}: loads an export, prints one rating. */
public final class CollabExportedPredict {
  private CollabExportedPredict() {}

  public static void main(String[] args) {
    Learner learn = Learner.load(Path.of(args[0]));
    double r = learn.predict(UserItem.of(args[1], args[2])).probs().toDoubleArray()[0];
    System.out.println("PRED " + r);
  }
}
