package org.boarfish.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The epoch table of fastai's console output: names padded to 8 characters and joined by two
 * spaces; each value left-aligned under its name ({@code %.6f} for losses and metrics, {@code
 * mm:ss} for time).
 */
final class EpochTable {
  private EpochTable() {}

  static String header(List<String> names) {
    List<String> cells = new ArrayList<>();
    for (String n : names) {
      cells.add(pad(n, 8));
    }
    return String.join("  ", cells).stripTrailing();
  }

  static String row(List<String> names, int epoch, double[] values, double seconds) {
    List<String> cells = new ArrayList<>();
    cells.add(Integer.toString(epoch));
    for (double v : values) {
      cells.add(Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6f", v));
    }
    cells.add(formatTime(seconds));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size() && i < names.size(); i++) {
      int width = Math.max(8, names.get(i).length()) + 2;
      sb.append(pad(cells.get(i), width));
    }
    return sb.toString().stripTrailing();
  }

  /** fastai's {@code format_time}: {@code mm:ss}, or {@code h:mm:ss} past an hour. */
  static String formatTime(double seconds) {
    long t = Math.round(seconds);
    long h = t / 3600;
    long m = (t / 60) % 60;
    long s = t % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%02d:%02d", m, s);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
