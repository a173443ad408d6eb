package org.boarfish.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.boarfish.vision.Models;
import org.boarfish.vision.ResNet;

/**
 * {@code ./boarfish resnet18-profile --in-model [--train]}: resnet18 on 32×3×64×64 run as the model
 * runs it (fused batch norm, residual add and ReLU), with each part of the forward timed in place,
 * and the backward as one figure. Re-running each leaf alone ({@link Resnet18Profile}) finds its
 * input hot in the cache and skips the fusion; this shows what the parts cost inside a real step,
 * and how much of the whole lies between them (Java bookkeeping, scopes, autograd records).
 */
final class Resnet18ProfileInModel {
  private static final int REPS = 15;
  private static final int WARMUP = 5;

  private final Map<String, double[]> parts = new LinkedHashMap<>();
  private boolean recording;

  private Resnet18ProfileInModel() {}

  /** Prints the mean milliseconds per part of a forward (and the backward) inside the model. */
  static void run(boolean train) {
    new Resnet18ProfileInModel().profile(train);
  }

  private void profile(boolean train) {
    Generator.manualSeed(42);
    ResNet model = Models.resnet18(10);
    model.train(train);
    Tensor x = Tensor.randn(new Generator(1), 32, 3, 64, 64);
    double whole = 0;
    double backward = 0;
    for (int i = -WARMUP; i < REPS; i++) {
      recording = i >= 0;
      long t0 = System.nanoTime();
      try (Scope s = Scope.open()) {
        if (train) {
          Tensor out = forward(model, x);
          long b0 = System.nanoTime();
          out.sum().backward();
          backward += recording ? (System.nanoTime() - b0) / 1e6 : 0;
        } else {
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            forward(model, x).sum().item();
          }
        }
      }
      whole += recording ? (System.nanoTime() - t0) / 1e6 : 0;
    }
    double sum = 0;
    System.out.printf(
        "resnet18 %s in the model, batch 32, 64x64: %.1f ms per step (mean of %d)%n",
        train ? "train" : "eval", whole / REPS, REPS);
    System.out.printf("  %-28s %9s%n", "forward part", "ms");
    for (Map.Entry<String, double[]> e : parts.entrySet()) {
      double ms = e.getValue()[0] / REPS;
      sum += ms;
      System.out.printf("  %-28s %9.2f%n", e.getKey() + " ×" + (int) e.getValue()[1] / REPS, ms);
    }
    System.out.printf("  %-28s %9.2f%n", "forward parts together", sum);
    if (train) {
      System.out.printf("  %-28s %9.2f%n", "backward", backward / REPS);
    }
    System.out.printf("  %-28s %9.2f%n", "between the parts", whole / REPS - sum - backward / REPS);
  }

  private Tensor timed(String part, Supplier<Tensor> work) {
    long t0 = System.nanoTime();
    Tensor out = work.get();
    if (recording) {
      double[] p = parts.computeIfAbsent(part, k -> new double[2]);
      p[0] += (System.nanoTime() - t0) / 1e6;
      p[1]++;
    }
    return out;
  }

  /** ResNet.forward with its BasicBlocks unrolled, each part timed. */
  private Tensor forward(ResNet model, Tensor x) {
    Map<String, Module> c = model.namedChildren();
    Tensor h = timed("conv 3->64 k7 @64", () -> c.get("conv1").call(x));
    Tensor stem = h;
    h = timed("bn+relu @32", () -> ((BatchNorm2d) c.get("bn1")).forwardAct(stem, null, true));
    Tensor pooled = h;
    h = timed("maxpool", () -> c.get("maxpool").call(pooled));
    for (String layer : new String[] {"layer1", "layer2", "layer3", "layer4"}) {
      for (Module block : c.get(layer).children()) {
        h = block(block, h);
      }
    }
    Tensor feat = h;
    h = timed("avgpool", () -> c.get("avgpool").call(feat));
    Tensor flat = h.flatten(1, -1);
    return timed("fc", () -> c.get("fc").call(flat));
  }

  private Tensor block(Module block, Tensor x) {
    Map<String, Module> c = block.namedChildren();
    BatchNorm2d bn1 = (BatchNorm2d) c.get("bn1");
    BatchNorm2d bn2 = (BatchNorm2d) c.get("bn2");
    Module down = c.get("downsample");
    String at = " @" + x.size(2);
    Tensor h = timed("conv3x3" + at, () -> c.get("conv1").call(x));
    Tensor a = h;
    h = timed("bn+relu" + " @" + h.size(2), () -> bn1.forwardAct(a, null, true));
    Tensor b = h;
    h = timed("conv3x3 @" + h.size(2), () -> c.get("conv2").call(b));
    Tensor identity = down == null ? x : timed("downsample conv1x1+bn" + at, () -> down.call(x));
    Tensor d = h;
    return timed("bn+add+relu @" + h.size(2), () -> bn2.forwardAct(d, identity, true));
  }
}
