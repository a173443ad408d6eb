package org.boarfish.tabular;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.Shower;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Shows tabular samples as a table of decoded rows, like fastai's {@code show_batch}: category
 * names instead of codes, continuous values in their original units, the target's class name.
 */
final class TabularShower implements Shower {
  private final TabularData data;
  private final PrintStream out;

  TabularShower(TabularData data) {
    this(data, System.out);
  }

  TabularShower(TabularData data, PrintStream out) {
    this.data = data;
    this.out = out;
  }

  @Override
  public void show(List<Tuple> samples) {
    out.print(render(samples));
  }

  String render(List<Tuple> samples) {
    Categorify cat = data.categorify();
    Normalize norm = null;
    for (TabularProc p : data.procs()) {
      if (p instanceof Normalize n) {
        norm = n;
      }
    }
    List<String> header = new ArrayList<>(data.catNames());
    header.addAll(data.contNames());
    header.addAll(data.yNames());
    List<List<String>> rows = new ArrayList<>();
    for (Tuple s : samples) {
      List<String> r = new ArrayList<>();
      long[] codes = ((Tensor) s.get(0)).toLongArray();
      for (int j = 0; j < codes.length; j++) {
        r.add(cat.vocab(data.catNames().get(j)).get((int) codes[j]).strip());
      }
      float[] conts = ((Tensor) s.get(1)).toFloatArray();
      for (int j = 0; j < conts.length; j++) {
        double v = norm == null ? conts[j] : norm.decode(data.contNames().get(j), conts[j]);
        r.add(format(v));
      }
      Tensor y = (Tensor) s.get(2);
      if (data.yBlock() == YBlock.CATEGORY) {
        r.add(String.valueOf(data.yVocab().get((int) y.toLongArray()[0])));
      } else {
        for (float v : y.toFloatArray()) {
          r.add(format(v));
        }
      }
      rows.add(r);
    }
    return table(header, rows);
  }

  /** Six significant digits (float32 precision), without trailing zeros. */
  static String format(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    java.math.BigDecimal d =
        new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  static String table(List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    for (int c = 0; c < w.length; c++) {
      sb.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
    }
    sb.append('\n');
    for (List<String> r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    for (int c = 0; c < w.length; c++) {
      String s = cells.get(c);
      sb.append(c == 0 ? "" : "  ").append(s).append(" ".repeat(w[c] - s.length()));
    }
    sb.append('\n');
  }
}
