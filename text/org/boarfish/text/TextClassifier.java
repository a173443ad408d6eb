package org.boarfish.text;

import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * An AWD-LSTM text classifier, fastai's {@code SequentialRNN(SentenceEncoder,
 * PoolingLinearClassifier)}: padded token ids {@code [B, S]} in, class logits {@code [B, nClass]}
 * out. Children {@code 0} and {@code 1}, so keys match fastai's ({@code 0.module.encoder.weight},
 * {@code 1.layers.0.0.weight}).
 */
public class TextClassifier extends Module implements Resettable, RnnOutputs {
  private final SentenceEncoder encoder;
  private final PoolingLinearClassifier head;
  private Tensor lastOutput;

  /** Puts an encoder and a head together. */
  public TextClassifier(SentenceEncoder encoder, PoolingLinearClassifier head) {
    this.encoder = register("0", encoder);
    this.head = register("1", head);
  }

  @Override
  public Tensor forward(Tensor x) {
    SentenceEncoder.Encoded enc = encoder.encode(x);
    lastOutput = enc.output();
    return head.forward(enc);
  }

  /** The encoder's outputs of the last call (fastai regularizes them in the classifier too). */
  @Override
  public Tensor rawOutput() {
    return lastOutput;
  }

  /** The same as {@link #rawOutput()}: the classifier applies no output dropout before pooling. */
  @Override
  public Tensor droppedOutput() {
    return lastOutput;
  }

  @Override
  public void reset() {
    encoder.module().reset();
  }

  /** The sentence encoder. */
  public SentenceEncoder encoder() {
    return encoder;
  }

  /** The head. */
  public PoolingLinearClassifier head() {
    return head;
  }
}
