package org.boarfish.vision;

import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Module;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code SelfAttention} (SAGAN) over a feature map {@code [B, C, H, W]} with {@code N =
 * H·W} positions: 1×1 convs without bias give a query and a key of {@code C/8} channels and a value
 * of {@code C}; {@code β = softmax(qᵀk)} over the query positions ({@code [B, N, N]}, dim 1); the
 * output is {@code γ·(v β) + x} with {@code γ} a learned scalar starting at 0, so the layer starts
 * as the identity. Unlike fastai the convs have no spectral normalisation. Children {@code query},
 * {@code key}, {@code value} (each a {@link ConvLayer} holding the conv at {@code .0}) and the
 * parameter {@code gamma} of shape {@code [1]}.
 */
public class SelfAttention extends Module {
  private final int channels;
  private final ConvLayer query;
  private final ConvLayer key;
  private final ConvLayer value;
  private final Tensor gamma;

  /** Self-attention over {@code channels} channels (at least 8, so the query has one). */
  public SelfAttention(int channels) {
    if (channels < 8) {
      throw new IllegalArgumentException(
          "SelfAttention needs at least 8 channels (its query and key have channels/8), got "
              + channels);
    }
    this.channels = channels;
    ConvLayer.Options o =
        ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE).noAct().withBias(false);
    query = register("query", new ConvLayer(channels, channels / 8, 1, 1, o));
    key = register("key", new ConvLayer(channels, channels / 8, 1, 1, o));
    value = register("value", new ConvLayer(channels, channels, 1, 1, o));
    gamma = newParam("gamma", 1);
  }

  /** The learned scale of the attention branch (0 at construction). */
  public Tensor gamma() {
    return gamma;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 4 || x.size(1) != channels) {
      throw new IllegalArgumentException(
          "SelfAttention("
              + channels
              + ") expects [B, "
              + channels
              + ", H, W], got shape "
              + java.util.Arrays.toString(x.shape()));
    }
    long b = x.size(0);
    long n = x.size(2) * x.size(3);
    Tensor f = query.call(x).reshape(b, channels / 8, n);
    Tensor g = key.call(x).reshape(b, channels / 8, n);
    Tensor h = value.call(x).reshape(b, channels, n);
    Tensor beta = F.softmax(f.transpose(1, 2).matmul(g), 1);
    Tensor o = gamma.mul(h.matmul(beta)).add(x.reshape(b, channels, n));
    return o.reshape(x.shape());
  }
}
