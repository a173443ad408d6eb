package org.boarfish.examples.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Getters;
import org.boarfish.data.LoaderConfig;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.data.Tuple;

/**
 * {@code ./boarfish bench data-mnist}: batches/s of a DataBlock loader over the PNGs of
 * ../shared/data/mnist_sample (decode with {@link PngDecoder#read} + IntToFloatTensor + Normalize,
 * batch 64, 33 batches an epoch), with 1 and 2 workers.
 *
 * <p>An epoch takes well under 0.1 s, and for the first seconds of a JVM the JIT compilers take
 * most of a core: timed right after start, the 2-worker loader shares the second core with them
 * (the 1-worker loader does not notice, the core is free), so the speed-up measured mostly the
 * compilers. Hence a warm-up of 3 s (both loaders), then 3 rounds of about 0.6 s per loader,
 * alternating, so that a burst of load from elsewhere hits both; the figures are the medians of the
 * per-epoch rates. {@code jit_ms_timed} and {@code gc_pct_timed} show what the JVM did meanwhile.
 */
final class LoaderBench {
  private LoaderBench() {}

  static Map<String, Object> run(boolean quick) {
    Path root =
        Path.of(System.getProperty("boarfish.root", "."), "..", "shared", "data", "mnist_sample")
            .normalize();
    DataBlock dblock =
        DataBlock.builder()
            .blocks(Blocks.tensorImage(), Blocks.category())
            .getItems(Getters.files(".png"))
            .getX(Path.class, PngDecoder::read)
            .getY(Getters.parentLabel())
            .splitter(Splitters.grandparent())
            .batchTfms(Normalize.fromStats(NormStats.MNIST))
            .build();
    double warmup = quick ? 0.3 : 3.0;
    double slice = quick ? 0.2 : 0.6;
    int rounds = quick ? 1 : 3;
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    long jit;
    long gc;
    long timed;
    try (var dls1 = dblock.dataloaders(root, LoaderConfig.defaults().withBs(64).withNumWorkers(1));
        var dls2 = dblock.dataloaders(root, LoaderConfig.defaults().withBs(64).withNumWorkers(2))) {
      epochs(dls2.train(), warmup / 2);
      epochs(dls1.train(), warmup / 2);
      jit = jitMillis();
      gc = gcMillis();
      long t0 = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        one.addAll(epochs(dls1.train(), slice));
        two.addAll(epochs(dls2.train(), slice));
      }
      timed = System.nanoTime() - t0;
      jit = jitMillis() - jit;
      gc = gcMillis() - gc;
    }
    double med1 = median(one);
    double med2 = median(two);
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("workload", "data-mnist");
    rec.put("mode", "load");
    rec.put("unit", "batches/s");
    rec.put("workers_1_median", Math.round(med1 * 10) / 10.0);
    rec.put("workers_2_median", Math.round(med2 * 10) / 10.0);
    rec.put("speedup_2_vs_1", Math.round(med2 / med1 * 100) / 100.0);
    rec.put("batch", 64);
    rec.put("epochs_timed", one.size() + two.size());
    rec.put("warmup_s", warmup);
    rec.put("jit_ms_timed", jit);
    rec.put("gc_pct_timed", Math.round(gc * 1e6 / timed * 1000) / 10.0);
    rec.put(
        "loadavg_1m_after",
        Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
            / 100.0);
    return rec;
  }

  /**
   * The rates (batches/s) of whole epochs run until {@code seconds} have passed (at least one
   * epoch).
   */
  private static List<Double> epochs(DataLoader dl, double seconds) {
    List<Double> rates = new ArrayList<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    do {
      long t0 = System.nanoTime();
      int n = 0;
      for (Tuple ignored : dl) {
        n++;
      }
      rates.add(n / ((System.nanoTime() - t0) / 1e9));
    } while (System.nanoTime() < end);
    return rates;
  }

  private static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s[s.length / 2];
  }

  private static long jitMillis() {
    var c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
  }

  private static long gcMillis() {
    long sum = 0;
    for (var g : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, g.getCollectionTime());
    }
    return sum;
  }
}
