package org.boarfish.examples.bench;

import java.util.List;
import java.util.function.Supplier;
import org.boarfish.collab.EmbeddingDotBias;
import org.boarfish.collab.YRange;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * W5 {@code collab}: {@link EmbeddingDotBias}(50 factors, 944 users, 1683 items, yRange (0, 5.5)),
 * MSE, AdamW with wd 0.1 on every parameter; batch 64 of random (user, item) pairs and ratings
 * 1..5.
 */
final class CollabWorkload {
  private CollabWorkload() {}

  /** W5's optimizer and loss of the fixed batch. */
  record Parts(List<Tensor> params, Optimizer opt, Supplier<Tensor> loss) {}

  static Parts parts() {
    Generator gen = new Generator(42);
    EmbeddingDotBias model = new EmbeddingDotBias(50, 944, 1683, YRange.of(0, 5.5), gen);
    model.train();
    int bs = 64;
    Tensor users = Tensor.randint(gen, 0, 944, bs, 1);
    Tensor items = Tensor.randint(gen, 0, 1683, bs, 1);
    Tensor x = Tensor.cat(List.of(users, items), 1).to(DType.INT64);
    Tensor y = Tensor.randint(gen, 1, 6, bs).to(DType.FLOAT32);
    List<Tensor> params = model.parameters();
    Optimizer opt = Adam.of(params).lr(1e-3).wd(0.1).build();
    return new Parts(params, opt, () -> F.mseLoss(model.call(x), y, Reduction.MEAN));
  }

  static Workload collab() {
    Parts p = parts();
    List<Tensor> params = p.params();
    Optimizer opt = p.opt();
    long n = params.stream().mapToLong(Tensor::numel).sum();
    return new Workload(
        "collab",
        true,
        64,
        20,
        200,
        "samples/s",
        1,
        n,
        () -> {
          try (Scope s = Scope.open()) {
            Tensor loss = p.loss().get();
            loss.backward();
            try (Autograd.NoGrad ng = Autograd.noGrad()) {
              opt.step();
              opt.zeroGrad();
            }
            return loss.item();
          }
        });
  }
}
