package org.boarfish.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Preds;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code ClassificationInterpretation}: the predictions of a learner on a data set (the
 * validation set by default) with their per-item losses, as a confusion matrix, the most confused
 * pairs, the top losses and a per-class report. On a segmentation ({@code [N, C, H, W]}
 * predictions, {@code [N, H, W]} masks) every pixel is an item, as fastai's flattened counts: the
 * confusion matrix, the most confused codes and the report work; the top losses, which rank images,
 * do not.
 *
 * <pre>{@code
 * var interp = ClassificationInterpretation.fromLearner(learn);
 * interp.printConfusionMatrix();
 * interp.plotConfusionMatrix(Path.of("out/confusion.png"));
 * interp.mostConfused(2);            // [(actual, predicted, count), ...]
 * interp.plotTopLosses(9, Path.of("out/top_losses.png"));
 * interp.printClassificationReport();
 * }</pre>
 */
public final class ClassificationInterpretation {
  /** One off-diagonal cell of the confusion matrix. */
  public record Confusion(String actual, String predicted, long count) {}

  /** One item among the top losses. */
  public record TopLoss(
      int index, double loss, String actual, String predicted, double probability) {}

  private final Learner learn;
  private final int dsIdx;
  private final float[][] probs;
  private final int[] targets;
  private final int[] decoded;
  private final double[] losses;
  private final List<String> vocab;
  private final boolean pixels;

  private ClassificationInterpretation(
      Learner learn, int dsIdx, Tensor preds, Tensor targs, Tensor losses, List<String> vocab) {
    this.learn = learn;
    this.dsIdx = dsIdx;
    int n = (int) preds.size(0);
    int c = (int) preds.size(1);
    float[] p = preds.contiguous().toFloatArray();
    long[] t = targs.to(org.boarfish.tensor.DType.INT64).contiguous().toLongArray();
    this.probs = new float[n][c];
    this.targets = new int[n];
    this.decoded = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(p, i * c, probs[i], 0, c);
      targets[i] = (int) t[i];
      int best = 0;
      for (int k = 1; k < c; k++) {
        if (probs[i][k] > probs[i][best]) {
          best = k;
        }
      }
      decoded[i] = best;
    }
    this.losses =
        losses == null
            ? new double[n]
            : losses.to(org.boarfish.tensor.DType.FLOAT64).toDoubleArray();
    if (vocab == null) {
      List<String> v = new ArrayList<>();
      for (int k = 0; k < c; k++) {
        v.add(Integer.toString(k));
      }
      vocab = v;
    }
    if (vocab.size() != c) {
      throw new IllegalArgumentException(
          "the vocabulary has " + vocab.size() + " classes but the predictions have " + c);
    }
    this.vocab = List.copyOf(vocab);
    this.pixels = false;
  }

  /** Per-pixel counts for segmentation: no probabilities, no per-item losses. */
  private ClassificationInterpretation(
      Learner learn, int dsIdx, int[] targets, int[] decoded, List<String> vocab) {
    this.learn = learn;
    this.dsIdx = dsIdx;
    this.probs = null;
    this.targets = targets;
    this.decoded = decoded;
    this.losses = null;
    this.vocab = List.copyOf(vocab);
    this.pixels = true;
  }

  /** The interpretation of {@code learn}'s predictions on the validation set. */
  public static ClassificationInterpretation fromLearner(Learner learn) {
    return fromLearner(learn, 1);
  }

  /**
   * The interpretation of {@code learn}'s predictions on loader {@code dsIdx} (0 train, 1 valid).
   */
  public static ClassificationInterpretation fromLearner(Learner learn, int dsIdx) {
    Preds p = learn.getPreds(dsIdx, true, true);
    if (p.targets() == null) {
      throw new IllegalArgumentException("ClassificationInterpretation needs labelled data");
    }
    List<String> vocab = null;
    try {
      vocab = new ArrayList<>();
      for (Object o : learn.dls().vocab()) {
        vocab.add(String.valueOf(o));
      }
    } catch (RuntimeException e) {
      vocab = null;
    }
    if (isSegmentation(p.preds(), p.targets())) {
      return pixels(learn, dsIdx, p, vocab);
    }
    if (p.preds().dim() != 2) {
      throw new IllegalArgumentException(
          "ClassificationInterpretation needs [N, classes] predictions (or [N, classes, H, W] with"
              + " [N, H, W] masks), got shape "
              + java.util.Arrays.toString(p.preds().shape())
              + " for targets "
              + java.util.Arrays.toString(p.targets().shape())
              + "; it is for single-label classification and segmentation");
    }
    return new ClassificationInterpretation(
        learn, dsIdx, p.preds(), p.targets(), p.losses(), vocab);
  }

  private static boolean isSegmentation(Tensor preds, Tensor targs) {
    if (preds.dim() != 4 || targs.dim() != 3) {
      return false;
    }
    return preds.size(0) == targs.size(0)
        && preds.size(2) == targs.size(1)
        && preds.size(3) == targs.size(2);
  }

  /** fastai's flattened confusion counts of a segmentation: every pixel is one item. */
  private static ClassificationInterpretation pixels(
      Learner learn, int dsIdx, Preds p, List<String> vocab) {
    int c = (int) p.preds().size(1);
    long[] d = p.decoded().to(org.boarfish.tensor.DType.INT64).contiguous().toLongArray();
    long[] t = p.targets().to(org.boarfish.tensor.DType.INT64).contiguous().toLongArray();
    int[] decoded = new int[d.length];
    int[] targets = new int[t.length];
    for (int i = 0; i < d.length; i++) {
      decoded[i] = (int) d[i];
      targets[i] = (int) t[i];
      if (targets[i] < 0 || targets[i] >= c) {
        throw new IllegalArgumentException(
            "mask code " + targets[i] + " is outside the " + c + " predicted classes");
      }
    }
    if (vocab == null) {
      vocab = new ArrayList<>();
      for (int k = 0; k < c; k++) {
        vocab.add(Integer.toString(k));
      }
    }
    if (vocab.size() != c) {
      throw new IllegalArgumentException(
          "the vocabulary has " + vocab.size() + " codes but the predictions have " + c);
    }
    return new ClassificationInterpretation(learn, dsIdx, targets, decoded, vocab);
  }

  /** True when the items are the pixels of a segmentation (no per-item losses or pictures). */
  public boolean isPixels() {
    return pixels;
  }

  /**
   * An interpretation of given probabilities {@code [N, C]}, integer targets {@code [N]}, per-item
   * losses {@code [N]} (or null) and class names (or null for the indices); it has no inputs to
   * plot.
   */
  public static ClassificationInterpretation of(
      Tensor probs, Tensor targets, Tensor losses, List<String> vocab) {
    return new ClassificationInterpretation(null, 1, probs, targets, losses, vocab);
  }

  /** The class names. */
  public List<String> vocab() {
    return vocab;
  }

  /** {@code cm[actual][predicted]} counts over the vocabulary indices. */
  public long[][] confusionMatrix() {
    int c = vocab.size();
    long[][] cm = new long[c][c];
    for (int i = 0; i < targets.length; i++) {
      cm[targets[i]][decoded[i]]++;
    }
    return cm;
  }

  /** The confusion matrix as an aligned text table (rows actual, columns predicted). */
  public String confusionMatrixTable() {
    long[][] cm = confusionMatrix();
    int w = 6;
    for (String v : vocab) {
      w = Math.max(w, v.length() + 1);
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-" + w + "s", "actual\\pred"));
    for (String v : vocab) {
      s.append(String.format(Locale.ROOT, "%" + w + "s", v));
    }
    s.append('\n');
    for (int a = 0; a < cm.length; a++) {
      s.append(String.format(Locale.ROOT, "%-" + w + "s", vocab.get(a)));
      for (long v : cm[a]) {
        s.append(String.format(Locale.ROOT, "%" + w + "d", v));
      }
      s.append('\n');
    }
    return s.toString();
  }

  /**
   * Prints {@link #confusionMatrixTable()} to the learner's output (standard output without one).
   */
  public void printConfusionMatrix() {
    out().print(confusionMatrixTable());
  }

  /** Writes the confusion matrix as a PNG heat map (counts). */
  public Path plotConfusionMatrix(Path png) {
    return plotConfusionMatrix(png, false);
  }

  /**
   * Writes the confusion matrix as a PNG heat map; {@code normalize} divides each row by its sum
   * (recall per class). Y axis actual, x axis predicted, as fastai.
   */
  public Path plotConfusionMatrix(Path png, boolean normalize) {
    long[][] cm = confusionMatrix();
    int c = cm.length;
    double[][] v = new double[c][c];
    double max = 0;
    for (int a = 0; a < c; a++) {
      long row = 0;
      for (long x : cm[a]) {
        row += x;
      }
      for (int p = 0; p < c; p++) {
        v[a][p] = normalize ? (row == 0 ? 0 : (double) cm[a][p] / row) : cm[a][p];
        max = Math.max(max, v[a][p]);
      }
    }
    int cell = Math.max(28, Math.min(60, 600 / Math.max(1, c)));
    int left = 110;
    int top = 40;
    int size = c * cell;
    BufferedImage img =
        new BufferedImage(left + size + 20, top + size + 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString("Confusion matrix", left, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(12, cell / 3 + 2)));
    FontMetrics fm = g.getFontMetrics();
    for (int a = 0; a < c; a++) {
      for (int p = 0; p < c; p++) {
        double f = max == 0 ? 0 : v[a][p] / max;
        g.setColor(blues(f));
        g.fillRect(left + p * cell, top + a * cell, cell, cell);
        g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
        String txt =
            normalize ? String.format(Locale.ROOT, "%.2f", v[a][p]) : Long.toString(cm[a][p]);
        g.drawString(
            txt, left + p * cell + (cell - fm.stringWidth(txt)) / 2, top + a * cell + cell / 2 + 4);
      }
      g.setColor(Color.BLACK);
      String name = clip(vocab.get(a), 14);
      g.drawString(name, left - 6 - fm.stringWidth(name), top + a * cell + cell / 2 + 4);
      Graphics2D r = (Graphics2D) g.create();
      r.translate(left + a * cell + cell / 2 + 4, top + size + 6);
      r.rotate(Math.PI / 2);
      r.drawString(clip(vocab.get(a), 12), 0, 0);
      r.dispose();
    }
    g.drawString("Predicted", left + size / 2 - 25, top + size + 85);
    Graphics2D r = (Graphics2D) g.create();
    r.translate(14, top + size / 2 + 20);
    r.rotate(-Math.PI / 2);
    r.drawString("Actual", 0, 0);
    r.dispose();
    g.dispose();
    return ImageGrid.write(img, png);
  }

  private static Color blues(double f) {
    int r = (int) (247 - f * (247 - 8));
    int gg = (int) (251 - f * (251 - 48));
    int b = (int) (255 - f * (255 - 107));
    return new Color(r, gg, b);
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  /**
   * The off-diagonal cells with at least {@code minVal} items, most frequent first (fastai's {@code
   * most_confused}).
   */
  public List<Confusion> mostConfused(long minVal) {
    long[][] cm = confusionMatrix();
    List<Confusion> out = new ArrayList<>();
    for (int a = 0; a < cm.length; a++) {
      for (int p = 0; p < cm.length; p++) {
        if (a != p && cm[a][p] >= minVal && cm[a][p] > 0) {
          out.add(new Confusion(vocab.get(a), vocab.get(p), cm[a][p]));
        }
      }
    }
    out.sort(Comparator.comparingLong(Confusion::count).reversed());
    return out;
  }

  /** {@link #mostConfused(long)} with minVal 1. */
  public List<Confusion> mostConfused() {
    return mostConfused(1);
  }

  /** The {@code k} items with the largest losses, largest first. */
  public List<TopLoss> topLosses(int k) {
    requireItems("topLosses");
    Integer[] idx = new Integer[losses.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(losses[b], losses[a]));
    List<TopLoss> out = new ArrayList<>();
    for (int j = 0; j < Math.min(k, idx.length); j++) {
      int i = idx[j];
      out.add(
          new TopLoss(
              i, losses[i], vocab.get(targets[i]), vocab.get(decoded[i]), probs[i][decoded[i]]));
    }
    return out;
  }

  /**
   * Writes the inputs of the {@code k} top losses as an image grid, each titled {@code
   * predicted/actual/loss/probability} as fastai.
   */
  public Path plotTopLosses(int k, Path png) {
    requireItems("plotTopLosses");
    if (learn == null || learn.dls() == null) {
      throw new IllegalStateException(
          "plotTopLosses needs the inputs: make the interpretation with fromLearner(learn)");
    }
    List<TopLoss> top = topLosses(k);
    java.util.Map<Integer, BufferedImage> images = new java.util.HashMap<>();
    java.util.Set<Integer> wanted = new java.util.HashSet<>();
    top.forEach(t -> wanted.add(t.index()));
    DataLoader dl = learn.dls().get(dsIdx);
    DataLoader ordered = dl.shuffle() ? dl.toBuilder().shuffle(false).dropLast(false).build() : dl;
    int offset = 0;
    for (Tuple batch : ordered) {
      int bs = (int) batch.tensor(0).size(0);
      List<Tuple> decoded = null;
      for (int i = 0; i < bs; i++) {
        if (wanted.contains(offset + i)) {
          decoded = decoded == null ? ordered.decodeBatch(batch) : decoded;
          images.put(offset + i, ImageGrid.picture(decoded.get(i).get(0)));
        }
      }
      offset += bs;
      if (images.size() == wanted.size()) {
        break;
      }
    }
    List<ImageGrid.Cell> cells = new ArrayList<>();
    for (TopLoss t : top) {
      cells.add(
          new ImageGrid.Cell(
              images.get(t.index()),
              String.format(
                  Locale.ROOT,
                  "%s/%s/%.2f/%.2f",
                  t.predicted(),
                  t.actual(),
                  t.loss(),
                  t.probability())));
    }
    return ImageGrid.save(cells, png);
  }

  private void requireItems(String what) {
    if (pixels) {
      throw new IllegalStateException(
          what
              + " ranks items by their loss, but this interpretation of a segmentation counts"
              + " pixels; use Vision.showResults(learn, png) to look at predicted masks");
    }
  }

  /** sklearn's {@code classification_report}: precision, recall, f1 and support per class. */
  public String classificationReport() {
    long[][] cm = confusionMatrix();
    int c = cm.length;
    int w = 12;
    for (String v : vocab) {
      w = Math.max(w, v.length() + 2);
    }
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%" + w + "s %9s %9s %9s %9s%n%n",
            "",
            "precision",
            "recall",
            "f1-score",
            "support"));
    double[] macro = new double[3];
    double[] weighted = new double[3];
    long total = 0;
    long correct = 0;
    for (int k = 0; k < c; k++) {
      long tp = cm[k][k];
      long support = 0;
      long predicted = 0;
      for (int j = 0; j < c; j++) {
        support += cm[k][j];
        predicted += cm[j][k];
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = support == 0 ? 0 : (double) tp / support;
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      s.append(
          String.format(
              Locale.ROOT, "%" + w + "s %9.2f %9.2f %9.2f %9d%n", vocab.get(k), p, r, f, support));
      double[] m = {p, r, f};
      for (int i = 0; i < 3; i++) {
        macro[i] += m[i] / c;
        weighted[i] += m[i] * support;
      }
      total += support;
      correct += tp;
    }
    s.append('\n');
    s.append(
        String.format(
            Locale.ROOT,
            "%" + w + "s %9s %9s %9.2f %9d%n",
            "accuracy",
            "",
            "",
            total == 0 ? 0 : (double) correct / total,
            total));
    s.append(
        String.format(
            Locale.ROOT,
            "%" + w + "s %9.2f %9.2f %9.2f %9d%n",
            "macro avg",
            macro[0],
            macro[1],
            macro[2],
            total));
    for (int i = 0; i < 3; i++) {
      weighted[i] = total == 0 ? 0 : weighted[i] / total;
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%" + w + "s %9.2f %9.2f %9.2f %9d%n",
            "weighted avg",
            weighted[0],
            weighted[1],
            weighted[2],
            total));
    return s.toString();
  }

  /** Prints {@link #classificationReport()}. */
  public void printClassificationReport() {
    out().print(classificationReport());
  }

  private PrintStream out() {
    return learn == null ? System.out : learn.out();
  }

  @Override
  public String toString() {
    return "ClassificationInterpretation["
        + targets.length
        + " items, "
        + vocab.size()
        + " classes]";
  }
}
