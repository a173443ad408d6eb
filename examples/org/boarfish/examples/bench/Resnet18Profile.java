package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.boarfish.vision.Models;
import org.boarfish.vision.ResNet;

/**
 * Where the time of a resnet18 inference forward (W3i: 32×3×64×64, eval mode) goes: each leaf
 * module is re-run on the input it saw, and the times are summed by layer type. Run with {@code
 * ./boarfish resnet18-profile}.
 */
public final class Resnet18Profile {
  private Resnet18Profile() {}

  /** Prints milliseconds per forward by layer type, and the whole forward. */
  public static void main(String[] args) {
    Generator.manualSeed(42);
    ResNet model = Models.resnet18(10);
    model.eval();
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
                  inputs.add(in.copy());
                }));
      }
    }
    int reps = 10;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      model.call(x);
      hooks.forEach(org.boarfish.nn.HookHandle::close);
      for (int i = 0; i < 3; i++) {
        model.call(x);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        try (Scope s = Scope.open()) {
          model.call(x);
        }
      }
      double whole = (System.nanoTime() - t0) / 1e6 / reps;
      int n = leaves.size();
      Map<String, Double> byType = new LinkedHashMap<>();
      for (int k = 0; k < n; k++) {
        Module m = leaves.get(k);
        Tensor in = inputs.get(k);
        m.forward(in);
        long s0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          try (Scope s = Scope.open()) {
            m.forward(in);
          }
        }
        byType.merge(
            m.getClass().getSimpleName(), (System.nanoTime() - s0) / 1e6 / reps, Double::sum);
      }
      System.out.printf("resnet18 eval forward, batch 32, 64x64: %.1f ms per forward%n", whole);
      byType.forEach((k, v) -> System.out.printf("  %-20s %7.1f ms%n", k, v));
    }
  }
}
