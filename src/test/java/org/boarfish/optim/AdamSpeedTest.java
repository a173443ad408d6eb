package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam's step + zeroGrad on the W1 benchmark's parameters (784×256 MLP), against the benchmark's interim
 * INDArray-op AdamW (the same arithmetic as examples/.../bench/RawAdamW, which also zeroes the grads).
 */
class AdamSpeedTest {
  private static final int WARMUP = 100;
  private static final int STEPS = 300;

  private static List<Tensor> w1Params() {
    Generator gen = new Generator(42);
    List<Tensor> ps = List.of(Tensor.randn(gen, 256, 784), Tensor.randn(gen, 256), Tensor.randn(gen, 10, 256),
        Tensor.randn(gen, 10));
    for (Tensor p : ps) {
      p.requiresGrad(true).setGrad(Tensor.randn(gen, p.shape()).mul(0.01));
    }
    return ps;
  }

  @Test
  void adamStepIsCheaperThanTheInterimOpByOpAdamW() {
    List<Tensor> ours = w1Params();
    Adam adam = Adam.of(ours).lr(1e-3).wd(0.01).build();
    List<Tensor> theirs = w1Params();
    OpByOpAdamW raw = new OpByOpAdamW(theirs, 1e-3, 0.01);
    double best = Double.MAX_VALUE;
    double bestRaw = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      best = Math.min(best, time(() -> {
        adam.step();
        adam.zeroGrad();
      }));
      bestRaw = Math.min(bestRaw, time(raw::step));
    }
    System.out.printf("Adam step + zeroGrad on W1 params (203,530 values): %.0f µs; op-by-op AdamW: %.0f µs (%.1fx)%n",
        best, bestRaw, bestRaw / best);
    assertTrue(best < bestRaw, "fused Adam (" + best + " µs) should beat the op-by-op AdamW (" + bestRaw + " µs)");
  }

  private static double time(Runnable step) {
    for (int i = 0; i < WARMUP; i++) {
      try (Scope s = Scope.open()) {
        step.run();
      }
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < STEPS; i++) {
      try (Scope s = Scope.open()) {
        step.run();
      }
    }
    return (System.nanoTime() - t0) / 1e3 / STEPS;
  }

  /** The benchmark's interim AdamW, op by op on INDArrays (state outside scopes, temporaries inside). */
  private static final class OpByOpAdamW {
    private final List<Tensor> params;
    private final List<INDArray> m = new ArrayList<>();
    private final List<INDArray> v = new ArrayList<>();
    private final double lr;
    private final double wd;
    private int t;

    OpByOpAdamW(List<Tensor> params, double lr, double wd) {
      this.params = params;
      this.lr = lr;
      this.wd = wd;
      for (Tensor p : params) {
        m.add(Nd4j.zeros(p.data().dataType(), p.shape()));
        v.add(Nd4j.zeros(p.data().dataType(), p.shape()));
      }
    }

    void step() {
      t++;
      double bc1 = 1 - Math.pow(0.9, t);
      double bc2 = Math.sqrt(1 - Math.pow(0.99, t));
      for (int i = 0; i < params.size(); i++) {
        INDArray p = params.get(i).data();
        INDArray g = params.get(i).grad().data();
        p.muli(1 - lr * wd);
        m.get(i).muli(0.9).addi(g.mul(0.1));
        v.get(i).muli(0.99).addi(g.mul(g).muli(0.01));
        INDArray denom = Transforms.sqrt(v.get(i), true).divi(bc2).addi(1e-5);
        p.subi(m.get(i).div(denom).muli(lr / bc1));
        g.assign(0);
      }
    }
  }
}
