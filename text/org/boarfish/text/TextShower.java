package org.boarfish.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.Category;
import org.boarfish.data.Shower;
import org.boarfish.data.Tuple;

/**
 * Shows decoded text samples as an aligned table, texts cut at {@code maxChars}: the input text and
 * the label (classification) or the target text (language model), as fastai's text {@code
 * show_batch}.
 */
public final class TextShower implements Shower {
  private final Numericalize num;
  private final int maxChars;
  private final PrintStream out;

  /** Prints to standard output, decoding leftover token ids with {@code num}'s vocabulary. */
  public TextShower(Numericalize num, int maxChars) {
    this(num, maxChars, System.out);
  }

  /** Prints to {@code out}. */
  public TextShower(Numericalize num, int maxChars, PrintStream out) {
    this.num = num;
    this.maxChars = maxChars;
    this.out = out;
  }

  @Override
  public void show(List<Tuple> samples) {
    out.print(render(samples));
  }

  /** The table as text. */
  public String render(List<Tuple> samples) {
    if (samples.isEmpty()) {
      return "(no samples)\n";
    }
    Tuple s0 = samples.get(0);
    List<String> header = new ArrayList<>();
    header.add("#");
    for (int e = 0; e < s0.size(); e++) {
      header.add(
          e < s0.nInp()
              ? "text"
              : s0.get(e) instanceof TensorText || s0.get(e) instanceof String
                  ? "text_"
                  : "category");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      List<String> r = new ArrayList<>();
      r.add(String.valueOf(i));
      for (Object o : samples.get(i)) {
        r.add(cell(o));
      }
      rows.add(r);
    }
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(w[c]));
    }
    sb.append(rule).append('\n');
    for (List<String> r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  private String cell(Object o) {
    String s;
    if (o instanceof TensorText t) {
      s = String.join(" ", num.decode(t).tokens());
    } else if (o instanceof Tokens t) {
      s = String.join(" ", t.tokens());
    } else if (o instanceof Category c) {
      s = c.text();
    } else {
      s = String.valueOf(o);
    }
    s = s.replace("\n", "\\n");
    return s.length() <= maxChars ? s : s.substring(0, maxChars - 3) + "...";
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      String v = cells.get(c);
      l.append(c == 0 ? "" : " | ").append(v).append(" ".repeat(w[c] - v.length()));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
