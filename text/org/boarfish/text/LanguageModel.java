package org.boarfish.text;

import org.boarfish.nn.Module;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * An AWD-LSTM language model, fastai's {@code SequentialRNN(AWD_LSTM, LinearDecoder)}: token ids
 * {@code [B, T]} in, next-token logits {@code [B, T, vocab]} out. Children {@code 0} (the {@link
 * AwdLstm}) and {@code 1} (the {@link LinearDecoder}), so state-dict keys match fastai's ({@code
 * 0.encoder.weight}, {@code 1.decoder.bias}).
 */
public class LanguageModel extends Module implements Resettable, RnnOutputs {
  private final AwdLstm encoder;
  private final LinearDecoder decoder;

  /** A language model over {@code vocabSz} tokens, initialised from the global generator. */
  public LanguageModel(int vocabSz, AwdLstmConfig config) {
    this(vocabSz, config, Generator.global());
  }

  /** A language model initialised from {@code gen}. */
  public LanguageModel(int vocabSz, AwdLstmConfig config, Generator gen) {
    this.encoder = register("0", new AwdLstm(vocabSz, config, gen));
    this.decoder =
        register(
            "1",
            new LinearDecoder(
                vocabSz,
                config.embSz(),
                config.outputP(),
                config.tieWeights() ? encoder.encoder().weight() : null,
                config.outBias(),
                gen));
  }

  @Override
  public Tensor forward(Tensor x) {
    return decoder.call(encoder.call(x));
  }

  @Override
  public void reset() {
    encoder.reset();
  }

  /** The AWD-LSTM encoder (what {@code saveEncoder} stores). */
  public AwdLstm encoder() {
    return encoder;
  }

  /** The decoder. */
  public LinearDecoder decoder() {
    return decoder;
  }

  @Override
  public Tensor rawOutput() {
    return decoder.rawOutput();
  }

  @Override
  public Tensor droppedOutput() {
    return decoder.droppedOutput();
  }
}
