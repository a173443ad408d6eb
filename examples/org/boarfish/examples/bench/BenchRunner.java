package org.boarfish.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./boarfish bench [workload...]}: runs workloads of ../shared/bench/WORKLOADS.md and prints
 * one JSON line per workload in the format of the PyTorch reference ({@code bench.py}). Several
 * workloads run one fresh JVM each, so that peak RSS is per workload, as the reference does.
 */
public final class BenchRunner {
  private static final int REPEATS = 5;

  private BenchRunner() {}

  public static void main(String[] args) throws Exception {
    if (org.boarfish.examples.ExampleArgs.helpRequested(args)) {
      System.out.println(
          "usage: ./boarfish bench [--quick] [WORKLOAD...]   (all when none); workloads: "
              + Workloads.ALL.keySet()
              + ", simple-cnn-learner, data-mnist");
      return;
    }
    boolean quick = Arrays.asList(args).contains("--quick");
    List<String> names = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--") && !a.equals("--quick") && !a.equals("--in-process")) {
        throw new IllegalArgumentException(
            "unknown flag '" + a + "'; usage: ./boarfish bench [--quick] [WORKLOAD...]");
      }
      if (!a.startsWith("--")) {
        if (!Workloads.ALL.containsKey(a)
            && !a.equals("data-mnist")
            && !a.equals("simple-cnn-learner")) {
          throw new IllegalArgumentException(
              "unknown workload '"
                  + a
                  + "'; available: "
                  + Workloads.ALL.keySet()
                  + ", simple-cnn-learner and data-mnist");
        }
        names.add(a);
      }
    }
    if (names.isEmpty()) {
      names.addAll(Workloads.ALL.keySet());
    }
    if (names.size() == 1 && Arrays.asList(args).contains("--in-process")) {
      String name = names.get(0);
      Map<String, Object> rec =
          name.equals("data-mnist")
              ? LoaderBench.run(quick)
              : name.equals("simple-cnn-learner")
                  ? LearnerBench.run(quick)
                  : run(Workloads.ALL.get(name).get(), quick);
      System.out.println(json(rec));
      return;
    }
    for (String name : names) {
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      cmd.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "org.boarfish.examples.Examples",
              "bench",
              name,
              "--in-process"));
      if (quick) {
        cmd.add("--quick");
      }
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      System.out.print(new String(p.getInputStream().readAllBytes()));
      System.out.flush();
      int rc = p.waitFor();
      System.err.printf(
          Locale.ROOT,
          "# %s: %.1fs wall%s%n",
          name,
          (System.nanoTime() - t0) / 1e9,
          rc == 0 ? "" : ", FAILED (exit " + rc + ")");
    }
  }

  static Map<String, Object> run(Workload w, boolean quick) {
    int warmup = quick ? 1 : w.warmup();
    int steps = quick ? Math.max(1, w.steps() / 10) : w.steps();
    int repeats = quick ? 1 : REPEATS;
    double last = 0;
    for (int i = 0; i < warmup; i++) {
      last = w.step().getAsDouble();
    }
    long rssStart = status("VmRSS");
    double[] rates = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        last = w.step().getAsDouble();
      }
      rates[r] = (double) steps * w.batch() * w.perSample() / ((System.nanoTime() - t0) / 1e9);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    double med = sorted[sorted.length / 2];
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("workload", w.name());
    rec.put("mode", w.train() ? "train" : "infer");
    rec.put("unit", w.unit());
    rec.put("median", round(med, 2));
    rec.put("min", round(sorted[0], 2));
    rec.put("max", round(sorted[sorted.length - 1], 2));
    rec.put("samples_per_s", round(med / w.perSample(), 2));
    rec.put("batch", w.batch());
    rec.put("warmup", warmup);
    rec.put("steps_per_repeat", steps);
    rec.put("repeats", repeats);
    rec.put("step_ms_median", round(1000.0 * w.batch() * w.perSample() / med, 3));
    rec.put("peak_rss_mb", round(status("VmHWM") / 1024.0, 1));
    rec.put("rss_after_warmup_mb", round(rssStart / 1024.0, 1));
    rec.put("rss_end_mb", round(status("VmRSS") / 1024.0, 1));
    rec.put("boarfish", "0.1.0-SNAPSHOT");
    rec.put("nd4j", "1.0.0-M2.1");
    rec.put(
        "threads",
        Integer.parseInt(
            System.getenv()
                .getOrDefault(
                    "OMP_NUM_THREADS",
                    String.valueOf(Runtime.getRuntime().availableProcessors()))));
    rec.put("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", ""));
    rec.put(
        "loadavg_1m_after",
        round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
    rec.put("n_params", w.params());
    if (w.train()) {
      rec.put("last_loss", round(last, 5));
    }
    return rec;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return -1;
  }

  static String json(Map<String, Object> rec) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : rec.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append('"').append(e.getKey()).append("\": ");
      Object v = e.getValue();
      sb.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
    }
    return sb.append('}').toString();
  }
}
