package org.boarfish.examples.bench;

import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.boarfish.vision.Models;
import org.boarfish.vision.ResNet;

/** W3 {@code resnet18} and W3i {@code resnet18-infer}: torchvision's resnet18 on 32×3×64×64. */
final class VisionWorkloads {
  private VisionWorkloads() {}

  static Workload resnet18(boolean train) {
    Generator.manualSeed(42);
    ResNet model = Models.resnet18(10);
    Generator gen = new Generator(42);
    Tensor x = Tensor.randn(gen, 32, 3, 64, 64);
    Tensor y = Tensor.randint(gen, 0, 10, 32);
    long params = model.parameters().stream().mapToLong(Tensor::numel).sum();
    if (!train) {
      model.eval();
      return new Workload(
          "resnet18-infer",
          false,
          32,
          3,
          10,
          "samples/s",
          1,
          params,
          () -> {
            try (Scope s = Scope.open();
                Autograd.NoGrad ng = Autograd.noGrad()) {
              return model.call(x).sum().item();
            }
          });
    }
    model.train();
    Optimizer opt = Adam.of(model.parameters()).lr(1e-3).wd(0.01).build();
    return new Workload(
        "resnet18",
        true,
        32,
        3,
        5,
        "samples/s",
        1,
        params,
        () -> {
          try (Scope s = Scope.open()) {
            Tensor l = F.crossEntropy(model.call(x), y);
            l.backward();
            try (Autograd.NoGrad ng = Autograd.noGrad()) {
              opt.step();
              opt.zeroGrad();
            }
            return l.item();
          }
        });
  }
}
