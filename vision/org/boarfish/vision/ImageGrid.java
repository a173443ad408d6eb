package org.boarfish.vision;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
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
import java.util.Objects;
import javax.imageio.ImageIO;
import org.boarfish.data.Category;
import org.boarfish.data.MultiCategory;
import org.boarfish.data.Shower;
import org.boarfish.data.TensorImage;
import org.boarfish.data.TensorMask;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * Draws images with titles in a grid and writes it as a PNG: what {@code showBatch}, {@code
 * showResults} and {@code plotTopLosses} show.
 *
 * <pre>{@code
 * var cells = List.of(ImageGrid.Cell.of(img.toFloatTensor(), "cat"), ImageGrid.Cell.of(other, "dog"));
 * ImageGrid.save(cells, Path.of("grid.png"));          // ceil(sqrt(n)) columns
 * dls.train().showBatch(9, ImageGrid.shower(Path.of("batch.png")));
 * }</pre>
 *
 * <p>Small images are enlarged by an integer factor (nearest neighbour) to at least {@value
 * #MIN_CELL} pixels, so a 28x28 digit stays readable. The file is written atomically.
 */
public final class ImageGrid {
  /** The smallest side, in pixels, a cell's image is enlarged to. */
  public static final int MIN_CELL = 112;

  private static final int TITLE_H = 18;
  private static final int GAP = 6;

  private ImageGrid() {}

  /**
   * One cell: an image and its title (may be empty).
   *
   * @param image the picture
   * @param title the text above it
   */
  public record Cell(BufferedImage image, String title) {
    /** Checks the values. */
    public Cell {
      Objects.requireNonNull(image, "image");
      title = title == null ? "" : title;
    }

    /**
     * A cell from a {@code [C, H, W]} tensor (1 or 3 channels): float tensors are read as [0, 1]
     * (clamped), integer tensors as 0..255.
     */
    public static Cell of(Tensor chw, String title) {
      return new Cell(toImage(chw), title);
    }

    /** A cell from an {@link Image}. */
    public static Cell of(Image img, String title) {
      return new Cell(img.toBufferedImage(), title);
    }
  }

  /** Writes the cells in {@code ceil(sqrt(n))} columns to {@code file}; returns the file. */
  public static Path save(List<Cell> cells, Path file) {
    return save(cells, (int) Math.ceil(Math.sqrt(Math.max(1, cells.size()))), file);
  }

  /** Writes the cells in {@code cols} columns to {@code file}; returns the file. */
  public static Path save(List<Cell> cells, int cols, Path file) {
    return write(render(cells, cols), file);
  }

  /** The grid as an image. */
  public static BufferedImage render(List<Cell> cells, int cols) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("ImageGrid: no cells to draw");
    }
    if (cols < 1) {
      throw new IllegalArgumentException("ImageGrid: cols must be at least 1, got " + cols);
    }
    int cw = 0;
    int ch = 0;
    List<BufferedImage> scaled = new ArrayList<>();
    for (Cell c : cells) {
      BufferedImage s = enlarge(c.image());
      scaled.add(s);
      cw = Math.max(cw, s.getWidth());
      ch = Math.max(ch, s.getHeight());
    }
    int rows = (cells.size() + cols - 1) / cols;
    int n = Math.min(cols, cells.size());
    int width = n * cw + (n + 1) * GAP;
    int height = rows * (ch + TITLE_H) + (rows + 1) * GAP;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (int i = 0; i < cells.size(); i++) {
        int x = GAP + (i % cols) * (cw + GAP);
        int y = GAP + (i / cols) * (ch + TITLE_H + GAP);
        String t = fit(cells.get(i).title(), fm, cw);
        g.setColor(Color.BLACK);
        g.drawString(t, x + (cw - fm.stringWidth(t)) / 2, y + TITLE_H - 5);
        BufferedImage s = scaled.get(i);
        g.drawImage(s, x + (cw - s.getWidth()) / 2, y + TITLE_H, null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * A {@link Shower} for decoded samples that writes their grid to {@code file} and prints where:
   * the first image of each sample is drawn, a mask over it in colour, points as dots; categories
   * and other values make the title.
   */
  public static Shower shower(Path file) {
    Objects.requireNonNull(file, "file");
    return samples -> {
      Path p = save(cells(samples), file);
      System.out.println("showBatch: wrote " + samples.size() + " samples to " + p);
    };
  }

  /** {@link #shower(Path)} to {@code show_batch.png} in the working directory. */
  public static Shower shower() {
    return shower(Path.of("show_batch.png"));
  }

  /** The cells of decoded samples, as {@link #shower(Path)} draws them. */
  public static List<Cell> cells(List<Tuple> samples) {
    List<Cell> cells = new ArrayList<>();
    for (Tuple s : samples) {
      BufferedImage img = null;
      List<String> title = new ArrayList<>();
      for (Object o : s) {
        if (img == null && (o instanceof TensorImage || o instanceof Image)) {
          img = o instanceof Image i ? i.toBufferedImage() : toImage(((TensorImage) o).tensor());
        } else if (img != null && o instanceof TensorMask m) {
          img = overlay(img, m.tensor());
        } else if (img != null && o instanceof TensorPoints p) {
          img = drawPoints(img, p.tensor());
        } else if (o instanceof Category c) {
          title.add(c.text());
        } else if (o instanceof MultiCategory m) {
          title.add(String.join(";", m.labels().stream().map(String::valueOf).toList()));
        } else if (o instanceof Tensor t && t.numel() <= 4) {
          title.add(java.util.Arrays.toString(t.to(DType.FLOAT32).toFloatArray()));
        } else if (o instanceof String || o instanceof Number) {
          title.add(String.valueOf(o));
        }
      }
      if (img == null) {
        throw new IllegalArgumentException(
            "ImageGrid: sample has no image to draw: " + s + " (the first input must be an image)");
      }
      cells.add(new Cell(img, String.join(" / ", title)));
    }
    return cells;
  }

  /** A {@code [C, H, W]} tensor as a picture (float: [0, 1]; integer: 0..255). */
  public static BufferedImage toImage(Tensor chw) {
    if (chw.dim() == 2) {
      chw = chw.unsqueeze(0);
    }
    if (chw.dim() != 3 || (chw.size(0) != 1 && chw.size(0) != 3)) {
      throw new IllegalArgumentException(
          "ImageGrid: expected a [C, H, W] image tensor with 1 or 3 channels, got shape "
              + java.util.Arrays.toString(chw.shape()));
    }
    boolean floating = chw.dtype() == DType.FLOAT32 || chw.dtype() == DType.FLOAT64;
    double scale = floating ? 255.0 : 1.0;
    double[] v = chw.to(DType.FLOAT64).toDoubleArray();
    int c = (int) chw.size(0);
    int h = (int) chw.size(1);
    int w = (int) chw.size(2);
    int[] px = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      px[i] = (int) Math.max(0, Math.min(255, Math.round(v[i] * scale)));
    }
    return Image.ofPixels(px, c, h, w).toBufferedImage();
  }

  private static BufferedImage enlarge(BufferedImage img) {
    int side = Math.min(img.getWidth(), img.getHeight());
    int f = side >= MIN_CELL ? 1 : (MIN_CELL + side - 1) / side;
    if (f == 1 && img.getType() == BufferedImage.TYPE_INT_RGB) {
      return img;
    }
    BufferedImage out =
        new BufferedImage(img.getWidth() * f, img.getHeight() * f, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  private static BufferedImage overlay(BufferedImage img, Tensor mask) {
    long[] codes = mask.to(DType.INT64).toLongArray();
    int h = (int) mask.size(mask.dim() - 2);
    int w = (int) mask.size(mask.dim() - 1);
    BufferedImage out =
        new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int code = (int) codes[(y * h / out.getHeight()) * w + x * w / out.getWidth()];
        Color c = Color.getHSBColor((code * 0.618034f) % 1f, 0.8f, 1f);
        int p = img.getRGB(x, y);
        int r = (((p >> 16) & 0xFF) + c.getRed()) / 2;
        int gg = (((p >> 8) & 0xFF) + c.getGreen()) / 2;
        int b = ((p & 0xFF) + c.getBlue()) / 2;
        out.setRGB(x, y, (r << 16) | (gg << 8) | b);
      }
    }
    return out;
  }

  private static BufferedImage drawPoints(BufferedImage img, Tensor pts) {
    BufferedImage out = enlarge(img);
    float[] xy = pts.to(DType.FLOAT32).toFloatArray();
    Graphics2D g = out.createGraphics();
    g.setColor(Color.MAGENTA);
    g.setStroke(new BasicStroke(2));
    for (int i = 0; i + 1 < xy.length; i += 2) {
      int x = Math.round((xy[i] + 1) / 2 * out.getWidth());
      int y = Math.round((xy[i + 1] + 1) / 2 * out.getHeight());
      g.fillOval(x - 3, y - 3, 7, 7);
    }
    g.dispose();
    return out;
  }

  private static String fit(String t, FontMetrics fm, int width) {
    if (fm.stringWidth(t) <= width) {
      return t;
    }
    String s = t;
    while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "…";
  }

  static Path write(BufferedImage img, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        if (!ImageIO.write(img, "png", tmp.toFile())) {
          throw new IllegalStateException("no PNG writer available");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
