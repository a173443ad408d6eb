package org.boarfish.learner;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.optim.SchedulePlot;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The Recorder's PNG plots (XChart, headless). */
final class TrainingPlots {
  private static final Color BLUE = new Color(31, 119, 180);
  private static final Color ORANGE = new Color(255, 127, 14);
  private static final Color[] MARKS = {
    new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189), new Color(140, 86, 75)
  };

  private TrainingPlots() {}

  static Path loss(
      Path png,
      List<Double> losses,
      List<Integer> iters,
      List<double[]> values,
      int skipStart,
      boolean withValid) {
    if (losses.size() <= skipStart) {
      throw new IllegalStateException(
          "plotLoss: only "
              + losses.size()
              + " training batches recorded, fewer than the "
              + skipStart
              + " skipped at the start; train longer or skip fewer");
    }
    XYChart c = chart("Losses", "iteration", "loss");
    int n = losses.size() - skipStart;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + skipStart;
      y[i] = losses.get(i + skipStart);
    }
    line(c, "train", x, y, BLUE);
    if (withValid && !values.isEmpty()) {
      int m = Math.min(iters.size(), values.size());
      double[] vx = new double[m];
      double[] vy = new double[m];
      int k = 0;
      for (int e = 0; e < m; e++) {
        if (!Double.isNaN(values.get(e)[1])) {
          vx[k] = iters.get(e);
          vy[k] = values.get(e)[1];
          k++;
        }
      }
      if (k > 0) {
        XYSeries s =
            c.addSeries("valid", java.util.Arrays.copyOf(vx, k), java.util.Arrays.copyOf(vy, k));
        s.setLineColor(ORANGE);
        s.setMarkerColor(ORANGE);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
      }
    }
    return write(png, c);
  }

  static Path lrFind(
      Path png, List<Double> lrs, List<Double> losses, int skipEnd, LrFind suggestions) {
    int n = Math.min(lrs.size(), losses.size()) - skipEnd;
    if (n < 2) {
      throw new IllegalStateException(
          "plotLrFind: too few points recorded (" + lrs.size() + "); run lrFind first");
    }
    XYChart c = chart("Learning rate finder", "learning rate (log scale)", "loss");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setXAxisDecimalPattern("0.0E0");
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lrs.get(i);
      y[i] = losses.get(i);
    }
    line(c, "loss", x, y, BLUE);
    if (suggestions != null) {
      int k = 0;
      for (Map.Entry<String, Double> e : suggestions.suggestions().entrySet()) {
        double lr = e.getValue();
        if (!(lr > 0)) {
          continue;
        }
        double ly = interpolate(x, y, lr);
        XYSeries s =
            c.addSeries(
                e.getKey() + String.format(java.util.Locale.ROOT, " %.2e", lr),
                new double[] {lr},
                new double[] {ly});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(MARKS[k++ % MARKS.length]);
      }
    }
    return write(png, c);
  }

  static Path sched(Path png, Map<Hyper, double[]> hps) {
    Map<String, double[]> panels = new LinkedHashMap<>();
    hps.forEach((h, v) -> panels.put(h.fastaiName(), v));
    SchedulePlot.saveValues(png, panels, null);
    return png;
  }

  private static double interpolate(double[] x, double[] y, double at) {
    double lx = Math.log(at);
    for (int i = 1; i < x.length; i++) {
      double a = Math.log(x[i - 1]);
      double b = Math.log(x[i]);
      if ((lx >= a && lx <= b) || (lx <= a && lx >= b)) {
        double t = b == a ? 0 : (lx - a) / (b - a);
        return y[i - 1] + t * (y[i] - y[i - 1]);
      }
    }
    return lx < Math.log(x[0]) ? y[0] : y[y.length - 1];
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart c =
        new XYChartBuilder()
            .width(720)
            .height(480)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    var st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setYAxisDecimalPattern("0.000");
    return c;
  }

  private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(2f));
  }

  private static Path write(Path png, XYChart c) {
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(png)) {
        BitmapEncoder.saveBitmap(c, os, BitmapEncoder.BitmapFormat.PNG);
      }
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the plot to " + png, e);
    }
  }
}
