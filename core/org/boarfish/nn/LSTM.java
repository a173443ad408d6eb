package org.boarfish.nn;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.LstmState;
import org.boarfish.tensor.Tensor;

/**
 * A multi-layer LSTM, as {@code nn.LSTM}: per layer {@code k} the parameters {@code weight_ih_lk
 * [4H, in]}, {@code weight_hh_lk [4H, H]}, {@code bias_ih_lk [4H]}, {@code bias_hh_lk [4H]} (gate
 * order i, f, g, o), all U(−1/√H, 1/√H). Input {@code [time, batch, in]}, or {@code [batch, time,
 * in]} when batch-first.
 *
 * <pre>{@code
 * var lstm = new LSTM(10, 20, 2, true);
 * LstmState s = lstm.forward(x, null);         // zeros as the initial state
 * LstmState next = lstm.forward(x2, s);        // carry h and c on (detach them between batches to truncate BPTT)
 * }</pre>
 */
public class LSTM extends Module {
  private final int inputSize;
  private final int hiddenSize;
  private final int numLayers;
  private final boolean batchFirst;
  private final boolean bias;

  /** One layer, time-first. */
  public LSTM(int inputSize, int hiddenSize) {
    this(inputSize, hiddenSize, 1, false);
  }

  /** With biases. */
  public LSTM(int inputSize, int hiddenSize, int numLayers, boolean batchFirst) {
    this(inputSize, hiddenSize, numLayers, batchFirst, true, Generator.global());
  }

  /** Every option, initialised from {@code gen}. */
  public LSTM(
      int inputSize,
      int hiddenSize,
      int numLayers,
      boolean batchFirst,
      boolean bias,
      Generator gen) {
    Layers.positive("LSTM", "inputSize", inputSize);
    Layers.positive("LSTM", "hiddenSize", hiddenSize);
    Layers.positive("LSTM", "numLayers", numLayers);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.batchFirst = batchFirst;
    this.bias = bias;
    double bound = 1 / Math.sqrt(hiddenSize);
    long g = 4L * hiddenSize;
    for (int k = 0; k < numLayers; k++) {
      Init.uniform(
          newParam("weight_ih_l" + k, g, k == 0 ? inputSize : hiddenSize), -bound, bound, gen);
      Init.uniform(newParam("weight_hh_l" + k, g, hiddenSize), -bound, bound, gen);
      if (bias) {
        Init.uniform(newParam("bias_ih_l" + k, g), -bound, bound, gen);
        Init.uniform(newParam("bias_hh_l" + k, g), -bound, bound, gen);
      }
    }
  }

  /**
   * The weights in {@link F#lstm}'s order: per layer W_ih, W_hh, b_ih, b_hh (biases null without
   * bias).
   */
  public List<Tensor> flatWeights() {
    List<Tensor> w = new ArrayList<>();
    for (int k = 0; k < numLayers; k++) {
      w.add(param("weight_ih_l" + k));
      w.add(param("weight_hh_l" + k));
      w.add(bias ? param("bias_ih_l" + k) : null);
      w.add(bias ? param("bias_hh_l" + k) : null);
    }
    return w;
  }

  /**
   * Runs the sequence from {@code initial} (null for zeros); returns the output and the final h and
   * c.
   */
  public LstmState forward(Tensor x, LstmState initial) {
    if (x.dim() != 3 || x.size(2) != inputSize) {
      throw new IllegalArgumentException(
          "LSTM("
              + inputSize
              + ", "
              + hiddenSize
              + "): input must be "
              + (batchFirst ? "[batch, time, " : "[time, batch, ")
              + inputSize
              + "], got "
              + Repr.dims(x.shape()));
    }
    Tensor h0 = initial == null ? null : initial.h();
    Tensor c0 = initial == null ? null : initial.c();
    long batch = x.size(batchFirst ? 0 : 1);
    for (Tensor s : new Tensor[] {h0, c0}) {
      if (s != null
          && (s.dim() != 3
              || s.size(0) != numLayers
              || s.size(1) != batch
              || s.size(2) != hiddenSize)) {
        throw new IllegalArgumentException(
            "LSTM: initial h and c must be ["
                + numLayers
                + ", "
                + batch
                + ", "
                + hiddenSize
                + "], got "
                + Repr.dims(s.shape()));
      }
    }
    return F.lstm(x, h0, c0, flatWeights(), numLayers, batchFirst);
  }

  /**
   * The output sequence from a zero initial state (hooks run when called through {@link #call}).
   */
  @Override
  public Tensor forward(Tensor x) {
    return forward(x, null).output();
  }

  /** The hidden size H. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** The number of stacked layers. */
  public int numLayers() {
    return numLayers;
  }

  @Override
  protected String extraRepr() {
    return inputSize
        + ", "
        + hiddenSize
        + (numLayers != 1 ? ", num_layers=" + numLayers : "")
        + (bias ? "" : ", bias=False")
        + (batchFirst ? ", batch_first=True" : "");
  }
}
