package org.boarfish.text;

import java.util.Arrays;
import org.boarfish.nn.Init;
import org.boarfish.nn.Module;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.LstmState;
import org.boarfish.tensor.Tensor;

/**
 * A one-layer batch-first LSTM with DropConnect on its hidden-to-hidden weights, as fastai's {@code
 * WeightDropout(LSTM, weight_p)}: the raw matrix {@code weight_hh_l0_raw} is the parameter, and in
 * training every forward call uses a freshly dropped and rescaled copy of it (one mask per call,
 * shared by every timestep); in evaluation the raw matrix itself. The other weights live in the
 * child {@code module} under PyTorch's names ({@code module.weight_ih_l0}, {@code
 * module.bias_ih_l0}, {@code module.bias_hh_l0}), so the state dict matches fastai's.
 */
public class WeightDropout extends Module {
  private final int inputSize;
  private final int hiddenSize;
  private final double p;
  private final Generator gen;
  private final Module module;

  /** An LSTM {@code inputSize → hiddenSize} with PyTorch's init U(−1/√H, 1/√H) from {@code gen}. */
  public WeightDropout(int inputSize, int hiddenSize, double p, Generator gen) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("WeightDropout: p must be in [0, 1), got " + p);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.p = p;
    this.gen = gen;
    double bound = 1 / Math.sqrt(hiddenSize);
    long g = 4L * hiddenSize;
    this.module = register("module", new Holder());
    Init.uniform(module.param("weight_ih_l0", Tensor.zeros(g, inputSize)), -bound, bound, gen);
    Init.uniform(newParam("weight_hh_l0_raw", g, hiddenSize), -bound, bound, gen);
    Init.uniform(module.param("bias_ih_l0", Tensor.zeros(g)), -bound, bound, gen);
    Init.uniform(module.param("bias_hh_l0", Tensor.zeros(g)), -bound, bound, gen);
  }

  /** Only holds the LSTM's parameters (all but weight_hh_l0) under their PyTorch names. */
  private static final class Holder extends Module {
    @Override
    public String name() {
      return "LSTM";
    }

    @Override
    protected String extraRepr() {
      long[] s = param("weight_ih_l0").shape();
      return s[1] + ", " + s[0] / 4 + ", batch_first=True";
    }
  }

  /** The hidden-to-hidden matrix this call uses: dropped and rescaled in training. */
  public Tensor effectiveWeightHh() {
    Tensor raw = param("weight_hh_l0_raw");
    return isTraining() && p > 0 ? F.dropout(raw, p, true, gen) : raw;
  }

  /**
   * Runs {@code x [B, T, in]} from the state {@code h0, c0} ({@code [1, B, H]} each, null for
   * zeros).
   */
  public LstmState forward(Tensor x, Tensor h0, Tensor c0) {
    if (x.dim() != 3 || x.size(2) != inputSize) {
      throw new IllegalArgumentException(
          "WeightDropout(LSTM("
              + inputSize
              + ", "
              + hiddenSize
              + ")): input must be [batch, time, "
              + inputSize
              + "], got "
              + Arrays.toString(x.shape()));
    }
    return F.lstm(
        x,
        h0,
        c0,
        Arrays.asList(
            module.param("weight_ih_l0"),
            effectiveWeightHh(),
            module.param("bias_ih_l0"),
            module.param("bias_hh_l0")),
        1,
        true);
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, null, null).output();
  }

  /** The input size. */
  public int inputSize() {
    return inputSize;
  }

  /** The hidden size. */
  public int hiddenSize() {
    return hiddenSize;
  }

  @Override
  protected String extraRepr() {
    return "weight_p=" + p;
  }
}
