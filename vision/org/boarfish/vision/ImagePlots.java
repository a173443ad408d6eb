package org.boarfish.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/** Image grids as PNG with Java2D, for show-results and top-losses plots. */
final class ImagePlots {
  private static final int CELL = 128;
  private static final int TITLE = 34;

  private ImagePlots() {}

  /** Tensor {@code [C, H, W]} (any scale) or a mask {@code [H, W]} as an image. */
  static BufferedImage toImage(Tensor t) {
    if (t.dim() == 2) {
      return maskImage(t);
    }
    long[] s = t.shape();
    int c = (int) s[0];
    int h = (int) s[1];
    int w = (int) s[2];
    float[] v = t.detach().contiguous().toFloatArray();
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    float range = hi > lo ? hi - lo : 1;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] rgb = new int[3];
        for (int k = 0; k < 3; k++) {
          int ch = c >= 3 ? k : 0;
          rgb[k] = Math.round(255 * (v[(ch * h + y) * w + x] - lo) / range);
        }
        img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
      }
    }
    return img;
  }

  private static BufferedImage maskImage(Tensor m) {
    int h = (int) m.size(0);
    int w = (int) m.size(1);
    long[] v = m.to(org.boarfish.tensor.DType.INT64).contiguous().toLongArray();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, Color.HSBtoRGB((v[y * w + x] * 0.137f) % 1f, 0.65f, 0.95f));
      }
    }
    return img;
  }

  /**
   * A grid of images with a title line (or two, split on newline) above each; written atomically.
   */
  static Path grid(List<BufferedImage> images, List<String> titles, Path png) {
    int n = images.size();
    int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    int rows = Math.max(1, (n + cols - 1) / cols);
    BufferedImage out =
        new BufferedImage(cols * CELL, rows * (CELL + TITLE), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < n; i++) {
      int x0 = (i % cols) * CELL;
      int y0 = (i / cols) * (CELL + TITLE);
      BufferedImage im = images.get(i);
      double scale = Math.min((CELL - 4.0) / im.getWidth(), (CELL - 4.0) / im.getHeight());
      int w = (int) (im.getWidth() * scale);
      int h = (int) (im.getHeight() * scale);
      g.drawImage(im, x0 + (CELL - w) / 2, y0 + TITLE, w, h, null);
      g.setColor(Color.BLACK);
      String[] lines = titles.get(i).split("\n");
      for (int l = 0; l < lines.length && l < 2; l++) {
        g.drawString(lines[l], x0 + 3, y0 + 13 + 14 * l);
      }
    }
    g.dispose();
    return write(out, png);
  }

  static Path write(BufferedImage img, Path png) {
    try {
      Path abs = png.toAbsolutePath();
      Files.createDirectories(abs.getParent());
      Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      try {
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return abs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  /** The label of class {@code i}: the vocab's entry when the data has one, else the index. */
  static String label(Learner learn, int i) {
    try {
      return String.valueOf(learn.dls().vocab().get(i));
    } catch (RuntimeException e) {
      return Integer.toString(i);
    }
  }

  static Path showResults(Learner learn, Path png, int max) {
    Tuple batch = learn.dls().valid().oneBatch();
    Tensor x = batch.tensor(0);
    Tensor y = batch.size() > 1 ? batch.tensor(1) : null;
    Module model = learn.model();
    boolean training = model.isTraining();
    model.eval();
    Tensor pred;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      pred = model.call(x);
    } finally {
      model.train(training);
    }
    int n = (int) Math.min(max, x.size(0));
    List<BufferedImage> imgs = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    boolean segmentation = pred.dim() == 4;
    for (int i = 0; i < n; i++) {
      Tensor xi = x.slice(0, i, i + 1).squeeze(0);
      if (segmentation) {
        Tensor pm = pred.slice(0, i, i + 1).squeeze(0).argmax(0);
        imgs.add(toImage(xi));
        titles.add("input");
        if (y != null) {
          imgs.add(toImage(y.slice(0, i, i + 1).squeeze(0)));
          titles.add("target");
        }
        imgs.add(toImage(pm));
        titles.add("prediction");
      } else {
        int p = (int) pred.slice(0, i, i + 1).argmax(1).item();
        String actual = y == null ? "?" : label(learn, (int) y.slice(0, i, i + 1).item());
        imgs.add(toImage(xi));
        titles.add("actual: " + actual + "\npred: " + label(learn, p));
      }
    }
    return grid(imgs, titles, png);
  }
}
