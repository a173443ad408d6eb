package org.boarfish.text;

import org.boarfish.nn.Init;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * The language model's head, as fastai's {@code LinearDecoder}: {@link RNNDropout} ({@code
 * outputP}) then a Linear {@code embSz → vocab} with weight U(−0.1, 0.1) and zero bias, or with the
 * encoder's embedding matrix as its weight when tied. It remembers the last call's input and
 * dropped input for the AR/TAR regularizer.
 */
public class LinearDecoder extends Module implements RnnOutputs {
  private final RNNDropout outputDp;
  private final Linear decoder;
  private Tensor raw;
  private Tensor dropped;

  /**
   * A decoder to {@code nOut} tokens from {@code nHid} features; tied to {@code tie} if not null.
   */
  public LinearDecoder(
      int nOut, int nHid, double outputP, Tensor tie, boolean bias, Generator gen) {
    this.outputDp = register("output_dp", new RNNDropout(outputP, gen));
    this.decoder = register("decoder", new Linear(nHid, nOut, bias));
    Init.uniform(decoder.weight(), -0.1, 0.1, gen);
    if (bias) {
      decoder.bias().data().assign(0);
    }
    if (tie != null) {
      if (tie.size(0) != nOut || tie.size(1) != nHid) {
        throw new IllegalArgumentException(
            "LinearDecoder: the tied weight must be ["
                + nOut
                + ", "
                + nHid
                + "], got "
                + java.util.Arrays.toString(tie.shape()));
      }
      decoder.param("weight", tie);
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    raw = x;
    dropped = outputDp.call(x);
    return decoder.call(dropped);
  }

  @Override
  public Tensor rawOutput() {
    return raw;
  }

  @Override
  public Tensor droppedOutput() {
    return dropped;
  }

  /** The Linear layer. */
  public Linear decoder() {
    return decoder;
  }
}
