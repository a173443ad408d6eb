package org.boarfish.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * Where the time of a small training step goes (W1 {@code mlp}, W4 {@code tabular}, W5 {@code
 * collab}): {@code ./boarfish small-profile WORKLOAD [blocks]} runs the workload's step from a
 * fresh JVM in blocks of 100 steps and prints, per block, wall time and the main thread's CPU time
 * per step, both split into forward (with the loss), backward, optimizer step and zeroGrad, and the
 * JIT compiler threads' CPU milliseconds during the block, then the CPU each thread of the process
 * used (JIT compiler threads included, read from /proc). CPU time, unlike wall time, stays
 * meaningful on a machine loaded by other work.
 */
public final class SmallProfile {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final String[] PHASES = {"forward", "backward", "step", "zeroGrad"};

  private SmallProfile() {}

  /**
   * Runs the profile; arguments: workload ({@code mlp}, {@code tabular} or {@code collab}), blocks
   * (30).
   */
  public static void main(String[] args) {
    if (org.boarfish.examples.ExampleArgs.helpRequested(args)) {
      System.out.println("usage: ./boarfish small-profile [mlp|tabular|collab] [BLOCKS]");
      return;
    }
    String name = args.length > 0 ? args[0] : "tabular";
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Optimizer[] opt = new Optimizer[1];
    Supplier<Tensor> loss = build(name, opt);
    System.out.printf(
        Locale.ROOT,
        "%-11s %10s %10s %15s %15s %15s %15s %6s %6s%n",
        "steps",
        "wall/step",
        "cpu/step",
        PHASES[0] + " cpu/wall",
        PHASES[1] + " cpu/wall",
        PHASES[2] + " cpu/wall",
        PHASES[3] + " cpu/wall",
        "JIT ms",
        "load");
    Map<String, Long> before = threadTicks();
    long jit = jitTicks();
    for (int b = 0; b < blocks; b++) {
      long[] phase = new long[2 * PHASES.length];
      long t0 = System.nanoTime();
      long c0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < 100; i++) {
        step(opt[0], loss, phase);
      }
      long c1 = MX.getCurrentThreadCpuTime();
      StringBuilder cols = new StringBuilder();
      for (int k = 0; k < PHASES.length; k++) {
        cols.append(
            String.format(
                Locale.ROOT, " %6.0f/%6.0fµs", phase[k] / 1e5, phase[PHASES.length + k] / 1e5));
      }
      long jitNow = jitTicks();
      System.out.printf(
          Locale.ROOT,
          "%4d-%-6d %8.0fµs %8.0fµs%s %6d %6.1f%n",
          b * 100,
          b * 100 + 99,
          (System.nanoTime() - t0) / 1e5,
          (c1 - c0) / 1e5,
          cols,
          (jitNow - jit) * 10,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      jit = jitNow;
    }
    System.out.println("CPU seconds by thread over the run:");
    threadTicks()
        .forEach(
            (k, v) -> {
              long d = v - before.getOrDefault(k, 0L);
              if (d > 0) {
                System.out.printf(Locale.ROOT, "  %-32s %6.2f s%n", k, d / 100.0);
              }
            });
  }

  private static Supplier<Tensor> build(String name, Optimizer[] opt) {
    if (name.equals("tabular")) {
      TabularBench.Parts p = TabularBench.parts();
      opt[0] = p.opt();
      return () -> F.crossEntropy(p.model().forward(List.of(p.xCat(), p.xCont())), p.y());
    }
    if (name.equals("mlp")) {
      Workloads.MlpParts p = Workloads.mlpParts();
      opt[0] = p.opt();
      return p.loss();
    }
    if (name.equals("collab")) {
      CollabWorkload.Parts p = CollabWorkload.parts();
      opt[0] = p.opt();
      return p.loss();
    }
    throw new IllegalArgumentException(
        "small-profile: workload is mlp, tabular or collab, got " + name);
  }

  /**
   * One step; adds its main-thread CPU nanoseconds per phase to {@code phase[0..4)} and its wall
   * nanoseconds to {@code phase[4..8)}.
   */
  private static void step(Optimizer opt, Supplier<Tensor> loss, long[] phase) {
    long[] c = new long[5];
    long[] w = new long[5];
    try (Scope s = Scope.open()) {
      mark(c, w, 0);
      Tensor l = loss.get();
      mark(c, w, 1);
      l.backward();
      mark(c, w, 2);
      try (Autograd.NoGrad ng = Autograd.noGrad()) {
        opt.step();
        mark(c, w, 3);
        opt.zeroGrad();
        mark(c, w, 4);
      }
      l.item();
    }
    for (int k = 0; k < 4; k++) {
      phase[k] += c[k + 1] - c[k];
      phase[4 + k] += w[k + 1] - w[k];
    }
  }

  private static void mark(long[] cpu, long[] wall, int k) {
    cpu[k] = MX.getCurrentThreadCpuTime();
    wall[k] = System.nanoTime();
  }

  /** CPU clock ticks (1/100 s) used so far by the JIT compiler threads. */
  private static long jitTicks() {
    long t = 0;
    for (Map.Entry<String, Long> e : threadTicks().entrySet()) {
      if (e.getKey().startsWith("C1 ") || e.getKey().startsWith("C2 ")) {
        t += e.getValue();
      }
    }
    return t;
  }

  /** CPU clock ticks (1/100 s) used so far by each thread of this process, by name/id. */
  private static Map<String, Long> threadTicks() {
    Map<String, Long> m = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(t.resolve("comm")).trim();
          String st = Files.readString(t.resolve("stat"));
          String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
          m.merge(
              comm + "/" + t.getFileName(),
              Long.parseLong(f[11]) + Long.parseLong(f[12]),
              Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  static {
    Generator.manualSeed(42);
  }
}
