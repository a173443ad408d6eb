package org.boarfish.text;

import org.boarfish.learner.ModelConfig;

/**
 * The sizes and dropouts of an {@link AwdLstm}, as fastai's {@code awd_lstm_lm_config} and {@code
 * awd_lstm_clas_config}. Every dropout is a probability; {@link #dropMult} scales them all.
 *
 * <pre>{@code
 * var cfg = AwdLstmConfig.lm();                       // emb 400, hidden 1152, 3 layers
 * var small = AwdLstmConfig.small().dropMult(0.5);    // emb 200, hidden 400, 2 layers, halved dropouts
 * }</pre>
 *
 * @param embSz embedding size (also the last LSTM layer's output size, so the decoder can be tied)
 * @param nHid hidden size of the inner LSTM layers
 * @param nLayers number of LSTM layers
 * @param padToken the padding index
 * @param outputP dropout before the LM decoder or in the classifier head's first layer
 * @param hiddenP dropout between LSTM layers (RNNDropout)
 * @param inputP dropout on the embedding output (RNNDropout)
 * @param embedP dropout of whole embedding rows (EmbeddingDropout)
 * @param weightP DropConnect on the hidden-to-hidden weights (WeightDropout)
 * @param tieWeights whether the LM decoder shares the embedding matrix
 * @param outBias whether the LM decoder has a bias
 */
public record AwdLstmConfig(
    int embSz,
    int nHid,
    int nLayers,
    int padToken,
    double outputP,
    double hiddenP,
    double inputP,
    double embedP,
    double weightP,
    boolean tieWeights,
    boolean outBias) {

  /** Checks the values. */
  public AwdLstmConfig {
    if (embSz < 1 || nHid < 1 || nLayers < 1) {
      throw new IllegalArgumentException(
          "AwdLstmConfig: embSz, nHid and nLayers must be positive, got "
              + embSz
              + ", "
              + nHid
              + ", "
              + nLayers);
    }
    if (padToken < 0) {
      throw new IllegalArgumentException("AwdLstmConfig: padToken must be >= 0, got " + padToken);
    }
    check("outputP", outputP);
    check("hiddenP", hiddenP);
    check("inputP", inputP);
    check("embedP", embedP);
    check("weightP", weightP);
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(
          "AwdLstmConfig: " + name + " must be a probability in [0, 1), got " + p);
    }
  }

  /**
   * fastai's {@code awd_lstm_lm_config}: 400/1152/3, dropouts out .1 hidden .15 input .25 embed .02
   * weight .2.
   */
  public static AwdLstmConfig lm() {
    return new AwdLstmConfig(400, 1152, 3, Vocab.PAD, 0.1, 0.15, 0.25, 0.02, 0.2, true, true);
  }

  /**
   * fastai's {@code awd_lstm_clas_config}: 400/1152/3, dropouts out .4 hidden .3 input .4 embed .05
   * weight .5.
   */
  public static AwdLstmConfig clas() {
    return new AwdLstmConfig(400, 1152, 3, Vocab.PAD, 0.4, 0.3, 0.4, 0.05, 0.5, true, true);
  }

  /** A size for a laptop CPU (emb 200, hidden 400, 2 layers) with the LM dropouts. */
  public static AwdLstmConfig small() {
    return lm().withSizes(200, 400, 2);
  }

  /** A copy with other sizes. */
  public AwdLstmConfig withSizes(int embSz, int nHid, int nLayers) {
    return new AwdLstmConfig(
        embSz,
        nHid,
        nLayers,
        padToken,
        outputP,
        hiddenP,
        inputP,
        embedP,
        weightP,
        tieWeights,
        outBias);
  }

  /** A copy with these dropouts (output, hidden, input, embed, weight). */
  public AwdLstmConfig withDropouts(
      double outputP, double hiddenP, double inputP, double embedP, double weightP) {
    return new AwdLstmConfig(
        embSz,
        nHid,
        nLayers,
        padToken,
        outputP,
        hiddenP,
        inputP,
        embedP,
        weightP,
        tieWeights,
        outBias);
  }

  /** A copy with every dropout multiplied by {@code mult}, as fastai's {@code drop_mult}. */
  public AwdLstmConfig dropMult(double mult) {
    if (!(mult >= 0)) {
      throw new IllegalArgumentException("dropMult must be >= 0, got " + mult);
    }
    return withDropouts(
        outputP * mult, hiddenP * mult, inputP * mult, embedP * mult, weightP * mult);
  }

  /** A copy with every dropout 0 (for checks against a plain LSTM). */
  public AwdLstmConfig noDropout() {
    return withDropouts(0, 0, 0, 0, 0);
  }

  /** The settings as a model recipe config. */
  public ModelConfig toModelConfig() {
    return ModelConfig.empty()
        .with("embSz", embSz)
        .with("nHid", nHid)
        .with("nLayers", nLayers)
        .with("padToken", padToken)
        .with("outputP", outputP)
        .with("hiddenP", hiddenP)
        .with("inputP", inputP)
        .with("embedP", embedP)
        .with("weightP", weightP)
        .with("tieWeights", tieWeights)
        .with("outBias", outBias);
  }

  /** Reads the settings written by {@link #toModelConfig()}. */
  public static AwdLstmConfig fromModelConfig(ModelConfig c) {
    AwdLstmConfig d = lm();
    return new AwdLstmConfig(
        c.getInt("embSz", d.embSz),
        c.getInt("nHid", d.nHid),
        c.getInt("nLayers", d.nLayers),
        c.getInt("padToken", d.padToken),
        c.getDouble("outputP", d.outputP),
        c.getDouble("hiddenP", d.hiddenP),
        c.getDouble("inputP", d.inputP),
        c.getDouble("embedP", d.embedP),
        c.getDouble("weightP", d.weightP),
        c.getBoolean("tieWeights", d.tieWeights),
        c.getBoolean("outBias", d.outBias));
  }
}
