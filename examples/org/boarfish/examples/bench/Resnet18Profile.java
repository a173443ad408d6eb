package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.boarfish.vision.Models;
import org.boarfish.vision.ResNet;

/**
 * Where the time of resnet18 on 32×3×64×64 (W3 / W3i) goes: each leaf module is re-run on the input
 * it saw in a real forward, forward alone ({@code ./boarfish resnet18-profile}) or forward plus
 * backward ({@code ./boarfish resnet18-profile --train}), and the median of the repeats is summed
 * by layer type and listed per convolution shape. Besides the median wall time it reports the mean
 * process CPU time of the same repeats (all threads; the OS counts it in 10 ms ticks, hence the
 * mean), which a busy machine inflates much less. {@code --in-model} times the parts inside the
 * real, fused forward instead ({@link Resnet18ProfileInModel}).
 */
public final class Resnet18Profile {
  private static final int REPS = 15;

  private Resnet18Profile() {}

  /** Prints milliseconds per forward (and backward) by layer type and by conv shape. */
  public static void main(String[] args) {
    for (String a : args) {
      if (!a.equals("--train") && !a.equals("--in-model")) {
        System.out.println("usage: ./boarfish resnet18-profile [--train] [--in-model]");
        if (!org.boarfish.examples.ExampleArgs.helpRequested(args)) {
          throw new IllegalArgumentException("unknown argument '" + a + "'");
        }
        return;
      }
    }
    boolean train = Arrays.asList(args).contains("--train");
    if (Arrays.asList(args).contains("--in-model")) {
      Resnet18ProfileInModel.run(train);
      return;
    }
    Generator.manualSeed(42);
    ResNet model = Models.resnet18(10);
    if (train) {
      model.train();
    } else {
      model.eval();
    }
    Tensor x = Tensor.randn(new Generator(1), 32, 3, 64, 64);
    List<Module> leaves = new ArrayList<>();
    List<Tensor> inputs = new ArrayList<>();
    List<org.boarfish.nn.HookHandle> hooks = new ArrayList<>();
    for (Module m : model.modules()) {
      if (m.children().isEmpty()) {
        hooks.add(
            m.registerForwardHook(
                (mod, in, out) -> {
                  leaves.add(mod);
                  inputs.add(in.detach().copy());
                }));
      }
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      model.call(x);
    }
    hooks.forEach(org.boarfish.nn.HookHandle::close);
    double[] whole = new double[REPS];
    long wholeCpu = 0;
    for (int i = -2; i < REPS; i++) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      try (Scope s = Scope.open()) {
        if (train) {
          model.call(x).sum().backward();
        } else {
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            model.call(x);
          }
        }
      }
      if (i >= 0) {
        whole[i] = (System.nanoTime() - t0) / 1e6;
        wholeCpu += cpuNanos() - c0;
      }
    }
    Map<String, double[]> byType = new LinkedHashMap<>();
    Map<String, double[]> byConv = new LinkedHashMap<>();
    for (int k = 0; k < leaves.size(); k++) {
      Module m = leaves.get(k);
      Tensor in = train ? inputs.get(k).requiresGrad(k > 0) : inputs.get(k);
      double[] wall = new double[REPS];
      long cpu = 0;
      for (int i = -1; i < REPS; i++) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        try (Scope s = Scope.open()) {
          if (train) {
            m.forward(in).sum().backward();
          } else {
            try (Autograd.NoGrad ng = Autograd.noGrad()) {
              m.forward(in);
            }
          }
        }
        if (i >= 0) {
          wall[i] = (System.nanoTime() - t0) / 1e6;
          cpu += cpuNanos() - c0;
        }
      }
      double[] t = {median(wall), 1, cpu / 1e6 / REPS};
      add(byType, m.getClass().getSimpleName(), t);
      if (m instanceof Conv2d) {
        long[] ws = m.parameters().get(0).shape();
        long[] xs = in.shape();
        String key = String.format("%4d->%-4d k%d on %2dx%-2d", ws[1], ws[0], ws[2], xs[2], xs[3]);
        add(byConv, key, t);
      }
    }
    System.out.printf(
        "resnet18 %s, batch 32, 64x64: %.1f ms per %s (median of %d), %.1f cpu ms%n",
        train ? "train" : "eval",
        median(whole),
        train ? "forward+backward" : "forward",
        REPS,
        wholeCpu / 1e6 / REPS);
    System.out.printf("  %-26s %9s %9s%n", "by layer type", "ms", "cpu ms");
    byType.forEach(
        (k, v) -> System.out.printf("  %-26s %9.1f %9.1f%n", k + " ×" + (int) v[1], v[0], v[2]));
    System.out.printf("  %-26s %9s %9s%n", "by conv shape", "ms", "cpu ms");
    byConv.forEach(
        (k, v) -> System.out.printf("  %-26s %9.1f %9.1f%n", k + " ×" + (int) v[1], v[0], v[2]));
  }

  private static void add(Map<String, double[]> m, String key, double[] t) {
    m.merge(key, t.clone(), (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
  }

  /** CPU time of the whole process (every thread, libnd4j's and OpenBLAS's included). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
