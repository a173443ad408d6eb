package org.boarfish.collab;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.boarfish.learner.Learner;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a trained collab model learned (chapter 8 of the fastai book): the items with the highest
 * and lowest biases, PCA of the item factors with a labelled scatter plot, and the items nearest an
 * item by cosine similarity of their factors. Items are named by id or title.
 *
 * <pre>{@code
 * var interp = CollabInterpretation.from(learn);
 * interp.leastBiased(5);                      // liked less than their factors predict
 * interp.plotItemFactors(dls.mostRated(1000), 50, Path.of("pca.png"));
 * interp.similarItems("Silence of the Lambs, The (1991)", 5);
 * }</pre>
 */
public final class CollabInterpretation {
  private final CollabModel model;
  private final CollabClasses classes;

  private CollabInterpretation(CollabModel model) {
    this.model = model;
    this.classes = model.requireClasses("CollabInterpretation");
  }

  /** The interpretation of a learner's collab model. */
  public static CollabInterpretation from(Learner learn) {
    return from(learn.model());
  }

  /** The interpretation of a collab model that keeps its vocabularies. */
  public static CollabInterpretation from(Module model) {
    if (!(model instanceof CollabModel cm)) {
      throw new IllegalArgumentException(
          "CollabInterpretation needs an EmbeddingDotBias or EmbeddingNN, got " + model.name());
    }
    return new CollabInterpretation(cm);
  }

  // ---------------------------------------------------------------- biases

  /** The {@code k} items with the highest learned bias, highest first. */
  public List<ItemScore> mostBiased(int k) {
    return biased(k, true);
  }

  /** The {@code k} items with the lowest learned bias, lowest first. */
  public List<ItemScore> leastBiased(int k) {
    return biased(k, false);
  }

  private List<ItemScore> biased(int k, boolean most) {
    if (!(model instanceof EmbeddingDotBias dot)) {
      throw new IllegalStateException(
          "item biases exist only in EmbeddingDotBias; this model is an EmbeddingNN");
    }
    float[] b = dot.itemBiases().toFloatArray();
    Integer[] order = new Integer[b.length - 1];
    for (int i = 0; i < order.length; i++) {
      order[i] = i + 1;
    }
    java.util.Arrays.sort(
        order, (p, q) -> most ? Float.compare(b[q], b[p]) : Float.compare(b[p], b[q]));
    List<ItemScore> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, order.length); i++) {
      int r = order[i];
      out.add(new ItemScore(classes.items().get(r), classes.itemLabel(r), b[r]));
    }
    return out;
  }

  // ---------------------------------------------------------------- factors

  /** The factor rows of these items (ids or titles), {@code [k][d]}. */
  public double[][] factors(List<?> items) {
    Tensor w = model.itemFactors();
    int d = (int) w.size(1);
    float[] all = w.toFloatArray();
    double[][] out = new double[items.size()][d];
    for (int i = 0; i < items.size(); i++) {
      int r = classes.itemIndexStrict(items.get(i));
      for (int j = 0; j < d; j++) {
        out[i][j] = all[r * d + j];
      }
    }
    return out;
  }

  /** PCA (3 components) of these items' factors; the projections are in the items' order. */
  public Pca pca(List<?> items) {
    return Pca.of(factors(items), 3);
  }

  /**
   * A PNG scatter of the first two principal components of {@code basis}'s factors, with the first
   * {@code nShown} of them plotted and labelled (the book: PCA of the 1,000 most rated movies, 50
   * shown); written atomically, returns the file.
   */
  public Path plotItemFactors(List<?> basis, int nShown, Path png) {
    Pca p = pca(basis);
    int n = Math.min(nShown, basis.size());
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = p.projections()[i][0];
      y[i] = p.projections()[i][1];
    }
    XYChart c =
        new XYChartBuilder()
            .width(1000)
            .height(800)
            .title("Item factors: first two principal components")
            .xAxisTitle("PC1")
            .yAxisTitle("PC2")
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    XYSeries s = c.addSeries("items", x, y);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(new Color(31, 119, 180));
    for (int i = 0; i < n; i++) {
      String label = classes.itemLabel(classes.itemIndexStrict(basis.get(i)));
      c.addAnnotation(new AnnotationText(shorten(label), x[i], y[i], false));
    }
    return write(png, c);
  }

  /** {@code plotItemFactors(items, items.size(), png)}. */
  public Path plotItemFactors(List<?> items, Path png) {
    return plotItemFactors(items, items.size(), png);
  }

  private static String shorten(String s) {
    return s.length() > 32 ? s.substring(0, 30) + "…" : s;
  }

  // ---------------------------------------------------------------- similarity

  /** The {@code k} items whose factors are closest to {@code item}'s by cosine similarity. */
  public List<ItemScore> similarItems(Object item, int k) {
    int target = classes.itemIndexStrict(item);
    Tensor w = model.itemFactors();
    int rows = (int) w.size(0);
    int d = (int) w.size(1);
    float[] all = w.toFloatArray();
    double[] sim = cosine(all, rows, d, target);
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(sim[q], sim[p]));
    List<ItemScore> out = new ArrayList<>();
    for (int r : order) {
      if (out.size() == k) {
        break;
      }
      if (r != 0 && r != target) {
        out.add(new ItemScore(classes.items().get(r), classes.itemLabel(r), sim[r]));
      }
    }
    return out;
  }

  /** Cosine similarity of row {@code target} of {@code m} ({@code [rows, d]}) to every row. */
  static double[] cosine(float[] m, int rows, int d, int target) {
    double[] out = new double[rows];
    double tn = 0;
    for (int j = 0; j < d; j++) {
      tn += (double) m[target * d + j] * m[target * d + j];
    }
    tn = Math.sqrt(tn);
    for (int r = 0; r < rows; r++) {
      double dot = 0;
      double rn = 0;
      for (int j = 0; j < d; j++) {
        dot += (double) m[r * d + j] * m[target * d + j];
        rn += (double) m[r * d + j] * m[r * d + j];
      }
      double denom = Math.max(Math.sqrt(rn) * tn, 1e-8);
      out[r] = dot / denom;
    }
    return out;
  }

  /** A text table of items and numbers, for printing. */
  public static String table(String header, List<ItemScore> rows) {
    int w = header.length();
    for (ItemScore s : rows) {
      w = Math.max(w, s.title().length());
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-" + w + "s | %8s%n", header, "value"));
    sb.append("-".repeat(w + 11)).append('\n');
    for (ItemScore s : rows) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s | %8.4f%n", s.title(), s.value()));
    }
    return sb.toString();
  }

  private static Path write(Path png, XYChart c) {
    Path target = png.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream os = Files.newOutputStream(tmp)) {
        BitmapEncoder.saveBitmap(c, os, BitmapEncoder.BitmapFormat.PNG);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the plot to " + png, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original failure matters more than a leftover temporary file
      }
    }
  }
}
