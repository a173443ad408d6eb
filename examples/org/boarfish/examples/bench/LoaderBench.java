package org.boarfish.examples.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.Getters;
import org.boarfish.data.LoaderConfig;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * {@code ./boarfish bench data-mnist}: batches/s of a DataBlock loader over the PNGs of ../shared/data/mnist_sample
 * (decode + IntToFloatTensor + Normalize, batch 64), with 1 and then 2 workers; 5 timed epochs each after a warm-up.
 */
final class LoaderBench {
  private LoaderBench() {}

  static Map<String, Object> run(boolean quick) {
    Path root = Path.of(System.getProperty("boarfish.root", "."), "..", "shared", "data", "mnist_sample").normalize();
    DataBlock dblock = DataBlock.builder()
        .blocks(Blocks.tensorImage(), Blocks.category())
        .getItems(Getters.files(".png"))
        .getX(Path.class, LoaderBench::readPng)
        .getY(Getters.parentLabel())
        .splitter(Splitters.grandparent())
        .batchTfms(Normalize.fromStats(NormStats.MNIST))
        .build();
    int epochs = quick ? 1 : 5;
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("workload", "data-mnist");
    rec.put("mode", "load");
    rec.put("unit", "batches/s");
    double one = 0;
    for (int workers : new int[] {1, 2}) {
      double[] rates = new double[epochs];
      try (var dls = dblock.dataloaders(root, LoaderConfig.defaults().withBs(64).withNumWorkers(workers))) {
        for (Tuple ignored : dls.train()) {
          // warm-up epoch
        }
        for (int e = 0; e < epochs; e++) {
          long t0 = System.nanoTime();
          int n = 0;
          for (Tuple ignored : dls.train()) {
            n++;
          }
          rates[e] = n / ((System.nanoTime() - t0) / 1e9);
        }
      }
      Arrays.sort(rates);
      double med = rates[rates.length / 2];
      rec.put("workers_" + workers + "_median", Math.round(med * 10) / 10.0);
      if (workers == 1) {
        one = med;
      } else {
        rec.put("speedup_2_vs_1", Math.round(med / one * 100) / 100.0);
      }
    }
    rec.put("batch", 64);
    rec.put("epochs_timed", epochs);
    rec.put("loadavg_1m_after", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
    return rec;
  }

  static Tensor readPng(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      int w = img.getWidth();
      int h = img.getHeight();
      return Tensor.of(img.getRaster().getPixels(0, 0, w, h, (int[]) null), 1, h, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
