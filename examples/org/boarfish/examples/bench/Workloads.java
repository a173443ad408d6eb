package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.boarfish.nn.Linear;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/** The workloads written with the raw Tensor API, each step in its own {@link Scope}. */
final class Workloads {
  static final Map<String, Supplier<Workload>> ALL =
      new TreeMap<>(
          Map.ofEntries(
              // One line per workload of ../shared/bench/WORKLOADS.md; applications add theirs
              // here.
              Map.entry("collab", CollabWorkload::collab),
              Map.entry("mlp", Workloads::mlp),
              Map.entry("simple-cnn", () -> simpleCnn(true)),
              Map.entry("simple-cnn-infer", () -> simpleCnn(false)),
              Map.entry("resnet18", () -> VisionWorkloads.resnet18(true)),
              Map.entry("resnet18-infer", () -> VisionWorkloads.resnet18(false)),
              Map.entry("tabular", TabularBench::workload),
              Map.entry("lstm-lm", LstmLmBench::lstmLm)));

  private Workloads() {}

  /** W1's parameters, optimizer and loss of the fixed batch. */
  record MlpParts(List<Tensor> params, Optimizer opt, Supplier<Tensor> loss) {}

  static MlpParts mlpParts() {
    Generator gen = new Generator(42);
    // as the reference's nn.Sequential; Sequential runs the Linear + ReLU pair as one fused op
    Sequential model =
        new Sequential(new Linear(784, 256, true, gen), new ReLU(), new Linear(256, 10, true, gen));
    List<Tensor> p = model.parameters();
    Tensor x = Tensor.randn(gen, 256, 784);
    Tensor y = Tensor.randint(gen, 0, 10, 256);
    Optimizer opt = Adam.of(p).lr(1e-3).wd(0.01).build();
    return new MlpParts(p, opt, () -> F.crossEntropy(model.call(x), y));
  }

  /**
   * W1: Linear(784,256) → ReLU → Linear(256,10) as an {@code nn} Sequential, cross-entropy, AdamW;
   * batch 256.
   */
  static Workload mlp() {
    MlpParts p = mlpParts();
    return new Workload(
        "mlp",
        true,
        256,
        20,
        100,
        "samples/s",
        1,
        count(p.params()),
        () -> trainStep(p.opt(), p.loss()));
  }

  /**
   * W2 / W2i: five conv(k3, s2, p1) + BatchNorm (+ ReLU) blocks, 1→8→16→32→64→10 on 28×28; batch
   * 128.
   */
  static Workload simpleCnn(boolean train) {
    Generator gen = new Generator(42);
    int[] ch = {1, 8, 16, 32, 64, 10};
    List<Tensor> params = new ArrayList<>();
    List<Tensor[]> bnStats = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      double bound = 1 / Math.sqrt(ch[i] * 9.0);
      params.add(uniform(gen, bound, ch[i + 1], ch[i], 3, 3));
      params.add(uniform(gen, bound, ch[i + 1]));
      params.add(Tensor.ones(ch[i + 1]).requiresGrad(true));
      params.add(Tensor.zeros(ch[i + 1]).requiresGrad(true));
      bnStats.add(new Tensor[] {Tensor.zeros(ch[i + 1]), Tensor.ones(ch[i + 1])});
    }
    Tensor x = Tensor.randn(gen, 128, 1, 28, 28);
    Tensor y = Tensor.randint(gen, 0, 10, 128);
    Function<Boolean, Tensor> forward =
        training -> {
          Tensor h = x;
          for (int i = 0; i < 5; i++) {
            h = F.conv2d(h, params.get(4 * i), params.get(4 * i + 1), 2, 1);
            h =
                F.batchNorm(
                    h,
                    bnStats.get(i)[0],
                    bnStats.get(i)[1],
                    params.get(4 * i + 2),
                    params.get(4 * i + 3),
                    training,
                    0.1,
                    1e-5);
            if (i < 4) {
              h = h.relu();
            }
          }
          return h.flatten(1, -1);
        };
    if (!train) {
      return new Workload(
          "simple-cnn-infer",
          false,
          128,
          10,
          100,
          "samples/s",
          1,
          count(params),
          () -> {
            try (Scope s = Scope.open();
                Autograd.NoGrad ng = Autograd.noGrad()) {
              return forward.apply(false).sum().item();
            }
          });
    }
    Optimizer opt = Adam.of(params).lr(1e-3).wd(0.01).build();
    return new Workload(
        "simple-cnn",
        true,
        128,
        10,
        50,
        "samples/s",
        1,
        count(params),
        () -> trainStep(opt, () -> F.crossEntropy(forward.apply(true), y)));
  }

  static double trainStep(Optimizer opt, Supplier<Tensor> loss) {
    try (Scope s = Scope.open()) {
      Tensor l = loss.get();
      l.backward();
      try (Autograd.NoGrad ng = Autograd.noGrad()) {
        opt.step();
        opt.zeroGrad();
      }
      return l.item();
    }
  }

  /** U(−bound, bound), as PyTorch's default Linear and Conv init. */
  private static Tensor uniform(Generator gen, double bound, long... shape) {
    return Tensor.rand(gen, shape).mul(2 * bound).sub(bound).detach().requiresGrad(true);
  }

  private static long count(List<Tensor> params) {
    return params.stream().mapToLong(Tensor::numel).sum();
  }
}
