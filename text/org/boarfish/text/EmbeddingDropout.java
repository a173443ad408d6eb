package org.boarfish.text;

import org.boarfish.nn.Embedding;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code EmbeddingDropout}: in training, whole rows (words) of the wrapped embedding's
 * matrix are zeroed with probability {@code p} and the kept rows scaled by 1/(1−p), one mask per
 * call; in evaluation a plain lookup. The embedding is registered as the child {@code emb}, so its
 * weight appears in the state dict as {@code emb.weight} (tied to the encoder's).
 */
public class EmbeddingDropout extends Module {
  private final Embedding emb;
  private final double p;
  private final Generator gen;
  private final long padIdx;

  /** Wraps {@code emb}; {@code padIdx} is the row that gets no gradient. */
  public EmbeddingDropout(Embedding emb, double p, long padIdx, Generator gen) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("EmbeddingDropout: p must be in [0, 1), got " + p);
    }
    this.emb = register("emb", emb);
    this.p = p;
    this.gen = gen;
    this.padIdx = padIdx;
  }

  @Override
  public Tensor forward(Tensor idx) {
    Tensor w = emb.weight();
    if (isTraining() && p > 0) {
      Tensor mask;
      try (Autograd.NoGrad ng = Autograd.noGrad()) {
        mask = F.dropout(Tensor.ones(w.size(0), 1), p, true, gen);
      }
      w = w.mul(mask);
    }
    return F.embedding(idx, w, padIdx);
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
