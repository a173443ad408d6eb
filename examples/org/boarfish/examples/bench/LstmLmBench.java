package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * W6 {@code lstm-lm}: Embedding(10000, 128) → 2-layer LSTM 256 (batch-first, zero initial state) →
 * Linear(256, 10000), cross-entropy over every position, AdamW; batch 32 × 64 tokens.
 */
final class LstmLmBench {
  private LstmLmBench() {}

  static Workload lstmLm() {
    int vocab = 10000;
    int emb = 128;
    int hid = 256;
    int bs = 32;
    int bptt = 64;
    Generator gen = new Generator(42);
    Tensor embW = Tensor.randn(gen, vocab, emb).detach().requiresGrad(true);
    List<Tensor> lstm = new ArrayList<>();
    double b = 1 / Math.sqrt(hid);
    for (int l = 0; l < 2; l++) {
      lstm.add(uniform(gen, b, 4 * hid, l == 0 ? emb : hid));
      lstm.add(uniform(gen, b, 4 * hid, hid));
      lstm.add(uniform(gen, b, 4 * hid));
      lstm.add(uniform(gen, b, 4 * hid));
    }
    Tensor headW = uniform(gen, b, vocab, hid);
    Tensor headB = uniform(gen, b, vocab);
    List<Tensor> params = new ArrayList<>(lstm);
    params.add(0, embW);
    params.add(headW);
    params.add(headB);
    Tensor seq = Tensor.randint(gen, 0, vocab, bs, bptt + 1);
    Tensor x = seq.slice(1, 0, bptt).contiguous();
    Tensor y = seq.slice(1, 1, bptt + 1).contiguous().reshape(bs * bptt);
    Optimizer opt = Adam.of(params).lr(1e-3).wd(0.01).build();
    long n = params.stream().mapToLong(Tensor::numel).sum();
    return new Workload(
        "lstm-lm",
        true,
        bs,
        3,
        5,
        "tokens/s",
        bptt,
        n,
        () -> {
          try (Scope s = Scope.open()) {
            Tensor h = F.embedding(x, embW);
            h = F.lstm(h, null, null, lstm, 2, true).output();
            Tensor logits = F.linear(h.reshape(bs * bptt, hid), headW, headB);
            Tensor l = F.crossEntropy(logits, y);
            l.backward();
            try (Autograd.NoGrad ng = Autograd.noGrad()) {
              opt.step();
              opt.zeroGrad();
            }
            return l.item();
          }
        });
  }

  private static Tensor uniform(Generator gen, double bound, long... shape) {
    return Tensor.rand(gen, shape).mul(2 * bound).sub(bound).detach().requiresGrad(true);
  }
}
