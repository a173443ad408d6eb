package org.boarfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM on the tests' class path: the export tests' proof that a loaded
 * learner needs none of the training code that ran in this JVM.
 */
public final class FreshJvm {
  private FreshJvm() {}

  /** The combined output of {@code main(args)} in a new JVM; fails the test unless it exits 0. */
  public static String run(Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "the fresh JVM finished");
    assertEquals(0, proc.exitValue(), out);
    return out;
  }

  /**
   * The first line of {@code out} starting with {@code prefix}; fails showing the output if none.
   */
  public static String line(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + out));
  }
}
