package org.boarfish.text;

import java.nio.file.Path;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * Run in a fresh JVM by {@link TextLearnerTest}: loads an exported language model (its factory
 * comes from {@link TextExportPlugin} through the ServiceLoader) and prints its logits' sum.
 */
public final class ExportedLmMain {
  private ExportedLmMain() {}

  public static void main(String[] args) {
    StubTextInput.registerFactory(); // the test's encoder; text-data registers the real one
    Learner l = Learner.load(Path.of(args[0]));
    l.model().eval();
    try (var ng = Autograd.noGrad()) {
      Tensor logits = l.model().call(Tensor.of(new long[] {2, 3, 4, 5, 2, 6}, 2, 3));
      System.out.println(
          "LOGITS " + logits.sum().item() + " " + l.model().getClass().getSimpleName());
    }
  }
}
