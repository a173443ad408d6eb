package org.boarfish.text;

/**
 * A language model that keeps the activations of its last forward call for {@code RNNRegularizer}:
 * fastai's models return them as {@code (decoded, raw_output, dropped_output)}; here the model
 * returns only the decoded logits and exposes the other two.
 */
public interface RnnOutputs {
  /** The last LSTM layer's outputs of the last call, {@code [B, T, E]}, before output dropout. */
  org.boarfish.tensor.Tensor rawOutput();

  /** The same after the output dropout. */
  org.boarfish.tensor.Tensor droppedOutput();
}
