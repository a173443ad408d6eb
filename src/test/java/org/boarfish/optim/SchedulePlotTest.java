package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule plot is a readable PNG, made headless. */
class SchedulePlotTest {

  @Test
  void oneCyclePlotIsAPngWithTwoPanels(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("plots/one-cycle.png");
    SchedulePlot.save(png, OneCycle.defaults().withLrMax(1e-2), 100);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1120, img.getWidth());
    assertEquals(400, img.getHeight());
    assertTrue(distinctColours(img) > 10, "the chart should have drawn something");
  }

  @Test
  void anySchedulesCanBePlotted(@TempDir Path dir) throws IOException {
    Map<String, Schedule> panels = new LinkedHashMap<>();
    panels.put("flat-cos lr", Schedules.flatCos(1e-3));
    panels.put("sgdr lr", Schedules.sgdr(1e-2, 3, 1, 2));
    panels.put("linear", Schedules.lin(0, 1));
    Path png = dir.resolve("three.png");
    SchedulePlot.save(png, 70, panels);
    assertEquals(1680, ImageIO.read(png.toFile()).getWidth());
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
