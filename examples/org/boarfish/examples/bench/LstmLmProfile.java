package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * Where the time of one W6 {@code lstm-lm} step goes: each part of the step (embedding, each LSTM
 * layer, decoder, cross-entropy, their backwards, AdamW, zeroGrad) run on its own, cut out of the
 * graph by detached inputs: median and minimum wall time and median process CPU time (every thread;
 * a measure of the work that a loaded machine inflates far less than wall time) over {@code reps}
 * runs (default 7) after 2 warm-ups. {@code examples/bench/lstm_lm_profile.py} times the same parts
 * in PyTorch.
 */
public final class LstmLmProfile {
  private LstmLmProfile() {}

  /** Prints one line per phase, milliseconds; argument: repetitions (7). */
  public static void main(String[] args) {
    if (org.boarfish.examples.ExampleArgs.helpRequested(args)) {
      System.out.println("usage: ./boarfish lstm-profile [REPEATS]   (default 7)");
      return;
    }
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int vocab = 10000;
    int emb = 128;
    int hid = 256;
    int bs = 32;
    int bptt = 64;
    int n = bs * bptt;
    Generator gen = new Generator(42);
    Tensor embW = Tensor.randn(gen, vocab, emb).detach().requiresGrad(true);
    double b = 1 / Math.sqrt(hid);
    List<List<Tensor>> lstm = new ArrayList<>();
    List<Tensor> params = new ArrayList<>();
    params.add(embW);
    for (int l = 0; l < 2; l++) {
      List<Tensor> w =
          List.of(
              uniform(gen, b, 4 * hid, l == 0 ? emb : hid),
              uniform(gen, b, 4 * hid, hid),
              uniform(gen, b, 4 * hid),
              uniform(gen, b, 4 * hid));
      lstm.add(w);
      params.addAll(w);
    }
    Tensor headW = uniform(gen, b, vocab, hid);
    Tensor headB = uniform(gen, b, vocab);
    params.add(headW);
    params.add(headB);
    Tensor seq = Tensor.randint(gen, 0, vocab, bs, bptt + 1);
    Tensor x = seq.slice(1, 0, bptt).contiguous();
    Tensor y = seq.slice(1, 1, bptt + 1).contiguous().reshape(n);
    Optimizer opt = Adam.of(params).lr(1e-3).wd(0.01).build();
    // a first full step allocates every gradient, as in the benchmark
    try (Scope s = Scope.open()) {
      Tensor h = F.embedding(x, embW);
      List<Tensor> all = new ArrayList<>(lstm.get(0));
      all.addAll(lstm.get(1));
      h = F.lstm(h, null, null, all, 2, true).output();
      F.crossEntropy(F.linear(h.reshape(n, hid), headW, headB), y).backward();
    }
    Tensor e0;
    Tensor h1;
    Tensor h2;
    Tensor logits;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      e0 = F.embedding(x, embW);
      h1 = F.lstm(e0, null, null, lstm.get(0), 1, true).output();
      h2 = F.lstm(h1, null, null, lstm.get(1), 1, true).output();
      logits = F.linear(h2.reshape(n, hid), headW, headB);
    }
    Tensor gEmb = Tensor.randn(gen, bs, bptt, emb);
    Tensor gH = Tensor.randn(gen, bs, bptt, hid);
    Tensor gLogits = Tensor.randn(gen, n, vocab).mul(1e-4);
    row("embedding fwd", reps, () -> F.embedding(x, embW));
    row("lstm layer 1 fwd", reps, () -> F.lstm(e0, null, null, lstm.get(0), 1, true));
    row("lstm layer 2 fwd", reps, () -> F.lstm(h1, null, null, lstm.get(1), 1, true));
    Tensor h2r = h2.reshape(n, hid);
    row("decoder fwd (GEMM + bias)", reps, () -> F.linear(h2r, headW, headB));
    Tensor lg = logits.detach().requiresGrad(true);
    row("cross-entropy fwd", reps, () -> F.crossEntropy(lg, y));
    row("cross-entropy fwd+bwd", reps, () -> F.crossEntropy(lg, y).backward());
    Tensor hx = h2r.detach().requiresGrad(true);
    Tensor hc = h2r.detach();
    row(
        "decoder fwd+bwd dX",
        reps,
        () -> F.linear(hx, headW.detach(), headB.detach()).backward(gLogits));
    row("decoder fwd+bwd dW+db", reps, () -> F.linear(hc, headW, headB).backward(gLogits));
    Tensor e0g = e0.detach().requiresGrad(true);
    Tensor h1g = h1.detach().requiresGrad(true);
    row(
        "lstm layer 2 fwd+bwd",
        reps,
        () -> F.lstm(h1g, null, null, lstm.get(1), 1, true).output().backward(gH));
    row(
        "lstm layer 1 fwd+bwd",
        reps,
        () -> F.lstm(e0g, null, null, lstm.get(0), 1, true).output().backward(gH));
    row("embedding fwd+bwd", reps, () -> F.embedding(x, embW).backward(gEmb));
    row(
        "AdamW step",
        reps,
        () -> {
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            opt.step();
          }
        });
    row(
        "zeroGrad",
        reps,
        () -> {
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            opt.zeroGrad();
          }
        });
    List<Tensor> all = new ArrayList<>(lstm.get(0));
    all.addAll(lstm.get(1));
    row(
        "full step",
        reps,
        () -> {
          Tensor h = F.embedding(x, embW);
          h = F.lstm(h, null, null, all, 2, true).output();
          F.crossEntropy(F.linear(h.reshape(n, hid), headW, headB), y).backward();
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            opt.step();
            opt.zeroGrad();
          }
        });
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private static void row(String name, int reps, Runnable r) {
    for (int i = 0; i < 2; i++) {
      try (Scope s = Scope.open()) {
        r.run();
      }
    }
    double[] t = new double[reps];
    double[] cpu = new double[reps];
    for (int i = 0; i < reps; i++) {
      try (Scope s = Scope.open()) {
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        r.run();
        t[i] = (System.nanoTime() - t0) / 1e6;
        cpu[i] = (OS.getProcessCpuTime() - c0) / 1e6;
      }
    }
    Arrays.sort(t);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "%-28s wall %7.1f ms (min %6.1f)  cpu %7.1f ms%n",
        name,
        t[reps / 2],
        t[0],
        cpu[reps / 2]);
  }

  private static Tensor uniform(Generator gen, double bound, long... shape) {
    return Tensor.rand(gen, shape).mul(2 * bound).sub(bound).detach().requiresGrad(true);
  }
}
