package org.boarfish.data;

import java.util.ArrayList;
import java.util.List;

/** Renders decoded samples as an aligned text table. */
final class TableShower {
  private TableShower() {}

  static String render(List<Tuple> samples) {
    if (samples.isEmpty()) {
      return "(no samples)\n";
    }
    Tuple s0 = samples.get(0);
    List<String> header = new ArrayList<>();
    header.add("#");
    for (int e = 0; e < s0.size(); e++) {
      boolean input = e < s0.nInp();
      int k = input ? e : e - s0.nInp();
      int count = input ? s0.nInp() : s0.size() - s0.nInp();
      header.add((input ? "x" : "y") + (count > 1 ? String.valueOf(k) : ""));
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      List<String> r = new ArrayList<>();
      r.add(String.valueOf(i));
      for (Object o : samples.get(i)) {
        r.add(Describe.cell(o));
      }
      rows.add(r);
    }
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], c < r.size() ? r.get(c).length() : 0);
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

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      String v = c < cells.size() ? cells.get(c) : "";
      l.append(c == 0 ? "" : " | ").append(v).append(" ".repeat(w[c] - v.length()));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
