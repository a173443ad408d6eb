package org.boarfish.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for a terminal: {@code mnist_sample.tgz [#######-------] 52% 1.7/3.2 MB
 * 4.1 MB/s}.
 *
 * <p>On a terminal the line is redrawn in place (with {@code \r}) at most ten times a second. When
 * the output is not a terminal (a log file, a test, CI) nothing is drawn until {@link #finish()},
 * which always prints one summary line, e.g. {@code mnist_sample.tgz: 3.2 MB in 0.8 s (4.1 MB/s)}.
 * {@link #close()} ends a line left open by a failure, so try-with-resources keeps the terminal
 * tidy. Not thread-safe: one thread reports progress.
 *
 * <pre>{@code
 * try (var bar = ProgressBar.items("epoch 1", batches)) {
 *     for (int i = 0; i < batches; i++) { step(); bar.update(i + 1); }
 *     bar.finish();
 * }
 * }</pre>
 */
public final class ProgressBar implements AutoCloseable {
  /**
   * What is counted: bytes are shown as kB/MB/GB and their rate per second, items as counts and
   * items/s.
   */
  public enum Unit {
    BYTES,
    ITEMS
  }

  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final String label;
  private final long total;
  private final Unit unit;
  private final PrintStream out;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos = startNanos - REDRAW_NANOS; // the first update draws
  private long done;
  private int drawnWidth;
  private boolean lineOpen;
  private boolean finished;

  /**
   * @param total the count at completion, or a negative number if unknown (then no bar or
   *     percentage is shown)
   * @param interactive true to redraw one line in place; false to print only the final line
   */
  public ProgressBar(String label, long total, Unit unit, PrintStream out, boolean interactive) {
    if (label == null || unit == null || out == null) {
      throw new IllegalArgumentException("label, unit and out must not be null");
    }
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.interactive = interactive;
  }

  /** A bar counting bytes on stderr, drawn in place only when the JVM has a console. */
  public static ProgressBar bytes(String label, long totalBytes) {
    return new ProgressBar(label, totalBytes, Unit.BYTES, System.err, System.console() != null);
  }

  /**
   * A bar counting items (batches, files) on stderr, drawn in place only when the JVM has a
   * console.
   */
  public static ProgressBar items(String label, long total) {
    return new ProgressBar(label, total, Unit.ITEMS, System.err, System.console() != null);
  }

  /** Sets the count done so far (not an increment). */
  public void update(long doneSoFar) {
    done = doneSoFar;
    if (!interactive || finished) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDrawNanos >= REDRAW_NANOS || (total >= 0 && done >= total)) {
      lastDrawNanos = now;
      draw(progressLine(done, now - startNanos));
    }
  }

  /** Adds {@code delta} to the count done. */
  public void advance(long delta) {
    update(done + delta);
  }

  /**
   * Prints the summary line (always, terminal or not) and ends the line. Later calls do nothing.
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    String line = summaryLine(done, System.nanoTime() - startNanos);
    if (interactive) {
      draw(line);
      out.println();
    } else {
      out.println(line);
    }
    lineOpen = false;
    out.flush();
  }

  /** Ends a line left half-drawn (after a failure) without printing a summary. */
  @Override
  public void close() {
    if (lineOpen) {
      out.println();
      out.flush();
      lineOpen = false;
    }
    finished = true;
  }

  /** The in-place line for {@code done} after {@code elapsedNanos}. */
  String progressLine(long doneSoFar, long elapsedNanos) {
    StringBuilder s = new StringBuilder(label).append(' ');
    if (total > 0) {
      double fraction = Math.min(1.0, (double) doneSoFar / total);
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      s.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
      s.append(String.format(Locale.ROOT, "%3d%% ", (int) Math.floor(fraction * 100)));
      s.append(amount(doneSoFar, total));
    } else {
      s.append(amount(doneSoFar, -1));
    }
    return s.append(' ').append(rate(doneSoFar, elapsedNanos)).toString();
  }

  /** The final line: how much, how long, how fast. */
  String summaryLine(long doneSoFar, long elapsedNanos) {
    return String.format(
        Locale.ROOT,
        "%s: %s in %.1f s (%s)",
        label,
        amount(doneSoFar, -1),
        elapsedNanos / 1e9,
        rate(doneSoFar, elapsedNanos));
  }

  private void draw(String line) {
    int pad = Math.max(0, drawnWidth - line.length());
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    drawnWidth = line.length();
    lineOpen = true;
  }

  private String amount(long n, long of) {
    if (unit == Unit.ITEMS) {
      return of >= 0 ? n + "/" + of : Long.toString(n);
    }
    if (of < 0) {
      return humanBytes(n);
    }
    double scale = scaleOf(of);
    if (scale == 1) {
      return n + "/" + of + " B";
    }
    return String.format(Locale.ROOT, "%.1f/%.1f %s", n / scale, of / scale, unitName(scale));
  }

  private String rate(long n, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    double perSecond = n / seconds;
    if (unit == Unit.ITEMS) {
      return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
    return humanBytes((long) perSecond) + "/s";
  }

  private static double scaleOf(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return 1e9;
    }
    return bytes >= 1_000_000L ? 1e6 : bytes >= 1_000L ? 1e3 : 1;
  }

  private static String unitName(double scale) {
    return scale == 1e9 ? "GB" : scale == 1e6 ? "MB" : scale == 1e3 ? "kB" : "B";
  }

  /**
   * {@code 3214948} gives {@code "3.2 MB"} (decimal units, as download sizes are usually quoted).
   */
  static String humanBytes(long bytes) {
    double scale = scaleOf(bytes);
    return scale == 1
        ? bytes + " B"
        : String.format(Locale.ROOT, "%.1f %s", bytes / scale, unitName(scale));
  }

  @Override
  public String toString() {
    return "ProgressBar[" + label + " " + amount(done, total) + "]";
  }
}
