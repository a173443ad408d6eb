package org.boarfish.data;

import java.io.PrintStream;
import java.util.List;

/**
 * Shows decoded samples, for {@link DataLoader#showBatch}: applications plug in drawing (vision
 * draws an image grid to a PNG); the default prints a table with one row per sample and one column
 * per element.
 */
@FunctionalInterface
public interface Shower {
  /** Shows the samples (already decoded: labels are labels, pixels are 0..255). */
  void show(List<Tuple> samples);

  /** The default: a text table on standard output. */
  static Shower table() {
    return table(System.out);
  }

  /** A text table printed to {@code out}. */
  static Shower table(PrintStream out) {
    return samples -> out.print(TableShower.render(samples));
  }
}
