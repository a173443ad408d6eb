package org.boarfish.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quickstart trains a CNN learner on the bundled MNIST-tiny images to a real accuracy, exports,
 * and prints RESULT last.
 */
class QuickstartTest {

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  @Test
  void trainsToHighValidationAccuracy() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Quickstart.main(new String[] {"--epochs", "3", "--lr", "1e-2", "--out", dir.toString()});
    } finally {
      System.setOut(old);
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("RESULT {\"example\": \"quickstart\""), last);
    Matcher m = Pattern.compile("\"valid_accuracy\": ([0-9.]+)}$").matcher(last);
    assertTrue(m.find(), "valid_accuracy must be the last key: " + last);
    double acc = Double.parseDouble(m.group(1));
    assertTrue(acc >= 0.97, "MNIST-tiny 3-vs-7 accuracy after 3 epochs was " + acc);
    assertTrue(
        java.nio.file.Files.exists(dir.resolve("quickstart.boarfish")), "the export is written");
    assertTrue(java.nio.file.Files.exists(dir.resolve("loss.png")), "the loss plot is written");
  }
}
