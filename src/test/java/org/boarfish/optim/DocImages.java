package org.boarfish.optim;

import java.nio.file.Path;

/**
 * Writes the documentation's images: {@code docs/images/one-cycle.png}. Run from the project root.
 */
public final class DocImages {
  private DocImages() {}

  public static void main(String[] args) {
    Path png = Path.of(args.length > 0 ? args[0] : "docs/images/one-cycle.png");
    SchedulePlot.save(png, OneCycle.defaults().withLrMax(1e-2), 100);
    System.out.println("wrote " + png.toAbsolutePath());
  }
}
