package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.Embedding;
import org.boarfish.nn.Init;
import org.boarfish.nn.Module;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.LstmState;
import org.boarfish.tensor.Tensor;

/**
 * fastai's AWD-LSTM encoder: an embedding with {@link EmbeddingDropout}, {@link RNNDropout} on its
 * output, {@code nLayers} single-layer LSTMs each wrapped in {@link WeightDropout} (the last maps
 * back to {@code embSz} so a decoder can be tied to the embedding), and {@link RNNDropout} between
 * layers. Input: token ids {@code [B, T]} (int64); output: the last layer's outputs {@code [B, T,
 * embSz]}.
 *
 * <p>The hidden state is carried from one call to the next (detached, so back-propagation stops at
 * the batch boundary); {@link #reset()} zeroes it. When the batch size changes the state is
 * truncated or padded with zeros. State-dict keys follow fastai ({@code encoder.weight}, {@code
 * encoder_dp.emb.weight}, {@code rnns.0.weight_hh_l0_raw}, {@code rnns.0.module.weight_ih_l0},
 * ...).
 */
public class AwdLstm extends Module implements Resettable {
  private final int vocabSz;
  private final AwdLstmConfig config;
  private final Embedding encoder;
  private final EmbeddingDropout encoderDp;
  private final List<WeightDropout> rnns = new ArrayList<>();
  private final RNNDropout inputDp;
  private final List<RNNDropout> hiddenDps = new ArrayList<>();
  private Tensor[] hidden;
  private Tensor[] cell;
  private long bs;

  /** A new encoder over {@code vocabSz} tokens, initialised from the global generator. */
  public AwdLstm(int vocabSz, AwdLstmConfig config) {
    this(vocabSz, config, Generator.global());
  }

  /** A new encoder initialised (and its dropout masks drawn) from {@code gen}. */
  public AwdLstm(int vocabSz, AwdLstmConfig config, Generator gen) {
    if (vocabSz <= config.padToken()) {
      throw new IllegalArgumentException(
          "AwdLstm: the vocabulary ("
              + vocabSz
              + " tokens) must contain the pad token "
              + config.padToken());
    }
    this.vocabSz = vocabSz;
    this.config = config;
    this.encoder =
        register("encoder", new Embedding(vocabSz, config.embSz(), (long) config.padToken(), gen));
    Init.uniform(encoder.weight(), -0.1, 0.1, gen);
    this.encoderDp =
        register(
            "encoder_dp", new EmbeddingDropout(encoder, config.embedP(), config.padToken(), gen));
    Sequential rnnList = register("rnns", new Sequential());
    for (int l = 0; l < config.nLayers(); l++) {
      int in = l == 0 ? config.embSz() : config.nHid();
      int out = l == config.nLayers() - 1 ? config.embSz() : config.nHid();
      WeightDropout w = new WeightDropout(in, out, config.weightP(), gen);
      rnnList.add(w);
      rnns.add(w);
    }
    this.inputDp = register("input_dp", new RNNDropout(config.inputP(), gen));
    Sequential dps = register("hidden_dps", new Sequential());
    for (int l = 0; l < config.nLayers(); l++) {
      RNNDropout d = new RNNDropout(config.hiddenP(), gen);
      dps.add(d);
      hiddenDps.add(d);
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 2 || x.dtype() == DType.FLOAT32 || x.dtype() == DType.FLOAT64) {
      throw new IllegalArgumentException(
          "AwdLstm: input must be int token ids [batch, time], got "
              + x.dtype()
              + " "
              + java.util.Arrays.toString(x.shape()));
    }
    long b = x.size(0);
    if (hidden != null && b != bs) {
      changeHidden(b);
    }
    bs = b;
    Tensor out = inputDp.call(encoderDp.call(x));
    int n = rnns.size();
    Tensor[] newH = new Tensor[n];
    Tensor[] newC = new Tensor[n];
    for (int l = 0; l < n; l++) {
      LstmState st =
          rnns.get(l)
              .forward(out, hidden == null ? null : hidden[l], hidden == null ? null : cell[l]);
      newH[l] = st.h().keep();
      newC[l] = st.c().keep();
      out = st.output();
      if (l != n - 1) {
        out = hiddenDps.get(l).call(out);
      }
    }
    hidden = newH;
    cell = newC;
    return out;
  }

  private void changeHidden(long b) {
    for (int l = 0; l < hidden.length; l++) {
      hidden[l] = resize(hidden[l], b);
      cell[l] = resize(cell[l], b);
    }
  }

  private static Tensor resize(Tensor s, long b) {
    long old = s.size(1);
    if (b < old) {
      return s.slice(1, 0, b).keep();
    }
    return Tensor.cat(List.of(s, Tensor.zeros(1, b - old, s.size(2))), 1).keep();
  }

  /** Zeroes the carried hidden state. */
  @Override
  public void reset() {
    hidden = null;
    cell = null;
    bs = 0;
  }

  /** The carried hidden states {@code h} per layer ({@code [1, B, H]}), or null after a reset. */
  public List<Tensor> hiddenState() {
    return hidden == null ? null : List.of(hidden);
  }

  /** The embedding (the LM decoder ties its weight to it). */
  public Embedding encoder() {
    return encoder;
  }

  /** The LSTM layers. */
  public List<WeightDropout> rnns() {
    return List.copyOf(rnns);
  }

  /** The embedding dropout. */
  public EmbeddingDropout encoderDp() {
    return encoderDp;
  }

  /** The vocabulary size. */
  public int vocabSz() {
    return vocabSz;
  }

  /** The configuration. */
  public AwdLstmConfig config() {
    return config;
  }

  /** Parameter groups for gradual unfreezing: each LSTM layer, then the embedding. */
  List<List<Tensor>> layerGroups() {
    List<List<Tensor>> g = new ArrayList<>();
    for (WeightDropout w : rnns) {
      g.add(w.parameters());
    }
    return g;
  }

  @Override
  protected String extraRepr() {
    return vocabSz + ", " + config.embSz() + ", " + config.nHid() + ", " + config.nLayers();
  }
}
