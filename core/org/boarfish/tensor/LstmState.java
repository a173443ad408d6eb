package org.boarfish.tensor;

/**
 * The outputs of an LSTM run: {@code output} holds the last layer's hidden state at every step
 * ([batch, time, hidden] when batch-first), {@code h} and {@code c} the final hidden and cell
 * states ([layers, batch, hidden]).
 */
public record LstmState(Tensor output, Tensor h, Tensor c) {}
