package org.boarfish.text;

import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * Sampling from a language model, as fastai's {@code LMLearner.predict}: the model reads the
 * prompt, then repeatedly the next-token probabilities at the last position are adjusted ({@code
 * xxunk} zeroed when {@code noUnk}, {@code p^(1/temperature)}) and one token is drawn from them and
 * fed back. The model must map ids {@code [1, T]} to logits {@code [1, T, vocab]} and carry its
 * state from call to call (a {@link Resettable} model); it is reset before and after, and runs in
 * eval mode.
 */
public final class Generation {
  private Generation() {}

  /** The ids of {@code n} tokens sampled after {@code prompt}. */
  public static long[] sample(
      Module model, long[] prompt, int n, double temperature, boolean noUnk, Generator gen) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException(
          "generation needs a prompt of at least one token; got an empty one");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (n < 0) {
      throw new IllegalArgumentException("the number of words must be >= 0, got " + n);
    }
    boolean wasTraining = model.isTraining();
    model.eval();
    Resettable.resetAll(model);
    long[] out = new long[n];
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      double[] probs = lastProbs(model, prompt);
      for (int i = 0; i < n; i++) {
        if (noUnk && probs.length > Vocab.UNK) {
          probs[Vocab.UNK] = 0;
        }
        long next = draw(probs, temperature, gen);
        out[i] = next;
        if (i + 1 < n) {
          probs = lastProbs(model, new long[] {next});
        }
      }
    } finally {
      Resettable.resetAll(model);
      model.train(wasTraining);
    }
    return out;
  }

  private static double[] lastProbs(Module model, long[] ids) {
    try (Scope s = Scope.open()) {
      Tensor logits = model.call(Tensor.of(ids, 1, ids.length));
      if (logits.dim() != 3) {
        throw new IllegalArgumentException(
            "generation needs a model returning logits [1, T, vocab], got "
                + java.util.Arrays.toString(logits.shape()));
      }
      long t = logits.size(1);
      return logits.slice(1, t - 1, t).reshape(logits.size(2)).softmax(0).toDoubleArray();
    }
  }

  /** One index drawn from {@code probs^(1/temperature)} (renormalised). */
  static long draw(double[] probs, double temperature, Generator gen) {
    double total = 0;
    double[] w = new double[probs.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = temperature == 1 ? probs[i] : Math.pow(probs[i], 1 / temperature);
      total += w[i];
    }
    if (!(total > 0)) {
      throw new IllegalStateException("every next-token probability is 0; nothing to sample");
    }
    double u = gen.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i];
      if (u < acc) {
        return i;
      }
    }
    for (int i = w.length - 1; i >= 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return w.length - 1;
  }
}
