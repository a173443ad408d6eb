package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar that downloads draw on stderr. */
class DownloadsProgressTest {
  @Test
  void withoutATerminalOnlyTheSummaryLineIsPrinted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBar bar =
        new ProgressBar("data.tgz", 3_200_000, ProgressBar.Unit.BYTES, print(bytes), false)) {
      bar.update(1_000_000);
      bar.update(3_200_000);
      bar.finish();
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.startsWith("data.tgz: 3.2 MB in ") && out.contains("/s)"), out);
    assertTrue(!out.contains("\r"), out);
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBar bar =
        new ProgressBar("data.tgz", 2_000_000, ProgressBar.Unit.BYTES, print(bytes), true)) {
      bar.update(2_000_000);
      bar.finish();
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\rdata.tgz [" + "#".repeat(30) + "] 100% 2.0/2.0 MB "), out);
    assertTrue(
        out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "a single line: " + out);
  }

  @Test
  void linesShowPercentAmountsAndRate() {
    ProgressBar bytes =
        new ProgressBar(
            "f", 4_000, ProgressBar.Unit.BYTES, print(new ByteArrayOutputStream()), true);
    assertEquals(
        "f [" + "#".repeat(15) + "-".repeat(15) + "]  50% 2.0/4.0 kB 2.0 kB/s",
        bytes.progressLine(2_000, 1_000_000_000L));
    ProgressBar unknown =
        new ProgressBar("f", -1, ProgressBar.Unit.BYTES, print(new ByteArrayOutputStream()), true);
    assertEquals("f 1.5 MB 1.5 MB/s", unknown.progressLine(1_500_000, 1_000_000_000L));
    ProgressBar items =
        new ProgressBar(
            "epoch", 10, ProgressBar.Unit.ITEMS, print(new ByteArrayOutputStream()), true);
    assertEquals(
        "epoch [" + "#".repeat(3) + "-".repeat(27) + "]  10% 1/10 2.0/s",
        items.progressLine(1, 500_000_000L));
    assertEquals("999 B", ProgressBar.humanBytes(999));
    assertEquals("3.2 MB", ProgressBar.humanBytes(3_214_948));
  }

  @Test
  void closingAfterAFailureEndsTheOpenLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBar bar = new ProgressBar("x", 10, ProgressBar.Unit.ITEMS, print(bytes), true)) {
      bar.update(3);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\rx [") && out.endsWith("\n"), out);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
