package org.boarfish.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.nn.Embedding;
import org.boarfish.nn.Init;
import org.boarfish.nn.LSTM;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.LstmState;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.boarfish.text.Detokenizer;
import org.boarfish.text.Generation;
import org.boarfish.text.LMDataLoader;
import org.boarfish.text.ModelResetter;
import org.boarfish.text.Resettable;

/**
 * {@code ./boarfish shakespeare}: the character-level language model of the PyTorch reference
 * (../shared/bench/reference/ACCURACY.md) on tinyshakespeare: Embedding(65, 128) → 2-layer LSTM 256
 * → Linear(256, 65), its state carried across consecutive 64-character windows of 32 parallel
 * streams, one-cycle for 1 epoch at lr_max 3e-3; reports the validation perplexity on the last 10%
 * of the characters and prints a generated sample. Flags: {@code --data FILE} (a text file), {@code
 * --epochs N}, {@code --out DIR}, {@code --lr LR}, {@code --seed N}, {@code --chars N} (sample
 * length), {@code --temperature T}.
 */
public final class Shakespeare {
  static final int BS = 32;
  static final int BPTT = 64;

  private Shakespeare() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("shakespeare", argv, "lr", "seed", "chars", "temperature");
    Path data = args.path("data", Path.of("../shared/data/text-corpus/tinyshakespeare/input.txt"));
    int epochs = args.integer("epochs", 1);
    double lr = args.number("lr", 3e-3);
    Generator.manualSeed(args.integer("seed", 42));
    long start = System.nanoTime();

    String text = read(data);
    List<Character> chars =
        new ArrayList<>(new TreeSet<>(text.chars().mapToObj(c -> (char) c).toList()));
    int[] index = new int[Character.MAX_VALUE + 1];
    for (int i = 0; i < chars.size(); i++) {
      index[chars.get(i)] = i;
    }
    long[] ids = new long[text.length()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index[text.charAt(i)];
    }
    int nTrain = (int) (ids.length * 0.9);
    long[] train = java.util.Arrays.copyOfRange(ids, 0, nTrain);
    long[] valid = java.util.Arrays.copyOfRange(ids, nTrain, ids.length);
    System.out.printf(
        "%s: %,d characters, %d symbols; %,d train, %,d valid%n",
        data, ids.length, chars.size(), train.length, valid.length);

    CharLm model = new CharLm(chars.size(), 128, 256, 2);
    DataLoaders dls =
        new DataLoaders(
            List.of(streams(train, "train"), streams(valid, "valid")), LossHint.CROSS_ENTROPY);
    Learner learn =
        Learner.builder(dls, model)
            .lossFunc(new CrossEntropyLossFlat())
            .metrics(Metrics.perplexity())
            .callbacks(new ModelResetter())
            .path(args.out())
            .build();
    learn.fitOneCycle(epochs, lr);
    double trainSeconds = (System.nanoTime() - start) / 1e9;

    double[] ce = exactValidLoss(model, dls.valid());
    double ppl = Math.exp(ce[0] / ce[1]);
    System.out.printf(
        "valid: mean cross-entropy %.4f nats/char over %,d predictions, perplexity %.3f%n",
        ce[0] / ce[1], (long) ce[1], ppl);

    String prompt = "ROMEO:\n";
    long[] p = new long[prompt.length()];
    for (int i = 0; i < p.length; i++) {
      p[i] = index[prompt.charAt(i)];
    }
    long[] gen =
        Generation.sample(
            model,
            p,
            args.integer("chars", 400),
            args.number("temperature", 0.8),
            false,
            new Generator(args.integer("seed", 42)));
    List<String> sampled = new ArrayList<>(gen.length);
    for (long g : gen) {
      sampled.add(String.valueOf(chars.get((int) g)));
    }
    String sb = prompt + Detokenizer.chars(sampled); // a character model: no separators
    System.out.println("---- sample (temperature " + args.number("temperature", 0.8) + ") ----");
    System.out.println(sb);
    System.out.println("----");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "shakespeare");
    result.put("epochs", epochs);
    result.put("lr", lr);
    result.put("train_seconds", trainSeconds);
    result.put("valid_loss", ce[0] / ce[1]);
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("valid_perplexity", ppl);
    ExampleArgs.printResult(result);
  }

  /** The sum of the cross-entropies over every validation prediction, and their count. */
  static double[] exactValidLoss(Module model, DataLoader valid) {
    model.eval();
    Resettable.resetAll(model);
    double sum = 0;
    long n = 0;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      for (Tuple b : valid) {
        try (Scope s = Scope.open()) {
          Tensor logits = model.call(b.tensor(0));
          Tensor y = b.tensor(1);
          long k = y.numel();
          sum +=
              F.crossEntropy(logits.reshape(k, logits.size(2)), y.reshape(k), Reduction.SUM, 0.0)
                  .item();
          n += k;
        }
      }
    }
    Resettable.resetAll(model);
    return new double[] {sum, n};
  }

  /**
   * The stream layout of the library's {@link LMDataLoader}: {@code x = d[:L·bs].view(bs, L)},
   * targets shifted by one, consecutive windows of {@link #BPTT} columns (the last one narrower),
   * in order.
   */
  static DataLoader streams(long[] tokens, String name) {
    int[] ids = new int[tokens.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) tokens[i];
    }
    return LMDataLoader.builder(List.of(ids), BS, BPTT).numWorkers(0).seed(0).name(name).build();
  }

  /**
   * The reference model: Embedding (U(−0.1, 0.1)) → LSTM (PyTorch init) → Linear, carrying the LSTM
   * state (detached) from one call to the next until {@link #reset()}.
   */
  static final class CharLm extends Module implements Resettable {
    final Embedding emb;
    final LSTM rnn;
    final Linear head;
    private LstmState state;

    CharLm(int vocab, int embSz, int hidden, int layers) {
      emb = register("emb", new Embedding(vocab, embSz));
      Init.uniform(emb.weight(), -0.1, 0.1);
      rnn = register("rnn", new LSTM(embSz, hidden, layers, true));
      head = register("head", new Linear(hidden, vocab));
    }

    @Override
    public Tensor forward(Tensor x) {
      if (state != null && state.h().size(1) != x.size(0)) {
        state = null;
      }
      LstmState s = rnn.forward(emb.call(x), state);
      state = new LstmState(null, s.h().keep(), s.c().keep());
      return head.call(s.output());
    }

    @Override
    public void reset() {
      state = null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the corpus "
              + file
              + " ("
              + e.getMessage()
              + "); pass --data FILE with a UTF-8 text file",
          e);
    }
  }
}
