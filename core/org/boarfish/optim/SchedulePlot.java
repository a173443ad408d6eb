package org.boarfish.optim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of hyper-parameter schedules over iterations, one panel per hyper-parameter side by
 * side (like fastai's {@code plot_sched}); works headless.
 *
 * <pre>{@code
 * SchedulePlot.save(Path.of("one-cycle.png"), OneCycle.defaults().withLrMax(1e-2), 100);
 * }</pre>
 */
public final class SchedulePlot {
  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 400;
  private static final Color[] COLORS = {
    new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44)
  };

  private SchedulePlot() {}

  /**
   * The learning rate and momentum of a one-cycle schedule over {@code iterations} (fastai
   * indexing).
   */
  public static void save(Path png, OneCycle oneCycle, int iterations) {
    Map<String, double[]> panels = new LinkedHashMap<>();
    panels.put("learning rate", oneCycle.lrs(iterations, OneCycle.Indexing.FASTAI));
    panels.put("momentum", oneCycle.moms(iterations, OneCycle.Indexing.FASTAI));
    saveValues(
        png, panels, "one-cycle, lrMax " + oneCycle.lrMax() + ", pctStart " + oneCycle.pctStart());
  }

  /** One panel per named schedule, sampled at {@code pos = i/iterations} for each iteration i. */
  public static void save(Path png, int iterations, Map<String, Schedule> schedules) {
    Map<String, double[]> panels = new LinkedHashMap<>();
    schedules.forEach((name, s) -> panels.put(name, s.sample(iterations)));
    saveValues(png, panels, null);
  }

  /**
   * One panel per named series of per-iteration values (e.g. the hypers a training run recorded).
   */
  public static void saveValues(Path png, Map<String, double[]> values, String subtitle) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to plot: give at least one series");
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<XYChart> charts = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      charts.add(panel(e.getKey(), e.getValue(), subtitle, COLORS[k++ % COLORS.length]));
    }
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(png)) {
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the plot to " + png, e);
    }
  }

  private static XYChart panel(String name, double[] ys, String subtitle, Color color) {
    if (ys.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' is empty");
    }
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(subtitle == null ? name : name + " (" + subtitle + ")")
            .xAxisTitle("iteration")
            .yAxisTitle(name)
            .build();
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    long every = labelStep(ys.length);
    st.setxAxisTickLabelsFormattingFunction(
        x -> Math.round(x) % every == 0 ? Long.toString(Math.round(x)) : "");
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setYAxisDecimalPattern(decimalPattern(ys));
    double[] xs = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(2f));
    return chart;
  }

  /**
   * A round label spacing (1, 2 or 5 times a power of ten) giving at most about ten labels over n
   * iterations.
   */
  private static long labelStep(int n) {
    long step = 1;
    while (n / step > 10) {
      long base = step;
      step = base * 2;
      if (n / step > 10) {
        step = base * 5;
      }
      if (n / step > 10) {
        step = base * 10;
      }
    }
    return step;
  }

  /**
   * Plain decimals with enough places for the largest value, e.g. {@code 0.000} for learning rates
   * near 1e-2.
   */
  private static String decimalPattern(double[] ys) {
    double max = 0;
    for (double y : ys) {
      max = Math.max(max, Math.abs(y));
    }
    if (max == 0 || max >= 1) {
      return "0.00";
    }
    int places = Math.min(12, (int) Math.ceil(-Math.log10(max)) + 2);
    return "0." + "0".repeat(places);
  }
}
