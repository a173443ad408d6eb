package org.boarfish.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A plain confusion-matrix plot (Java2D): actual classes down, predicted across, counts in cells.
 */
public final class ConfusionPlot {
  private ConfusionPlot() {}

  /** The counts {@code m[actual][predicted]}. */
  public static int[][] matrix(long[] actual, long[] predicted, int classes) {
    int[][] m = new int[classes][classes];
    for (int i = 0; i < actual.length; i++) {
      m[(int) actual[i]][(int) predicted[i]]++;
    }
    return m;
  }

  /** The matrix as text, one row per actual class. */
  public static String text(int[][] m, List<String> names) {
    StringBuilder sb = new StringBuilder(String.format("%12s", "actual\\pred"));
    for (int j = 0; j < m.length; j++) {
      sb.append(String.format("%6.5s", names.get(j)));
    }
    sb.append('\n');
    for (int i = 0; i < m.length; i++) {
      sb.append(String.format("%12.12s", names.get(i)));
      for (int j = 0; j < m.length; j++) {
        sb.append(String.format("%6d", m[i][j]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes the plot as a PNG (atomically); returns the file. */
  public static Path save(int[][] m, List<String> names, Path file) {
    int n = m.length;
    int cell = 52;
    int left = 110;
    int top = 50;
    int bottom = 100;
    BufferedImage img =
        new BufferedImage(
            left + n * cell + 20, top + n * cell + bottom, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    int max = 1;
    for (int[] row : m) {
      for (int v : row) {
        max = Math.max(max, v);
      }
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString("Confusion matrix (rows: actual, columns: predicted)", 10, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        float t = (float) m[i][j] / max;
        Color c = new Color(1 - 0.8f * t, 1 - 0.6f * t, 1f);
        g.setColor(c);
        g.fillRect(left + j * cell, top + i * cell, cell, cell);
        g.setColor(t > 0.6f ? Color.WHITE : Color.BLACK);
        String s = String.valueOf(m[i][j]);
        g.drawString(
            s, left + j * cell + (cell - fm.stringWidth(s)) / 2, top + i * cell + cell / 2 + 4);
      }
      g.setColor(Color.BLACK);
      String name = names.get(i);
      g.drawString(name, left - fm.stringWidth(name) - 6, top + i * cell + cell / 2 + 4);
    }
    AffineTransform saved = g.getTransform();
    for (int j = 0; j < n; j++) {
      g.setTransform(saved);
      g.translate(left + j * cell + cell / 2 + 4, top + n * cell + 6);
      g.rotate(Math.PI / 3);
      g.drawString(names.get(j), 0, 0);
    }
    g.setTransform(saved);
    g.dispose();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "confusion", ".tmp");
      ImageIO.write(img, "png", tmp.toFile());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}
