package org.boarfish.tabular;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.learner.MultiInput;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.nn.Dropout;
import org.boarfish.nn.Embedding;
import org.boarfish.nn.LinBnDrop;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.nn.SigmoidRange;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code TabularModel}: one embedding per categorical column (fastai init, trunc-normal
 * std 0.01), concatenated, then dropout {@code embedP}; the continuous columns through {@code
 * BatchNorm1d} ({@code bnCont}); both concatenated into {@code [B, nEmb + nCont]} and through
 * {@link LinBnDrop} blocks (Linear → ReLU → BatchNorm → Dropout, the Linear without bias when a
 * norm follows) for each hidden size, then a last Linear to {@code outSz} (batch norm only if
 * {@code bnFinal}) and {@link SigmoidRange} when a {@code yRange} is given. Parameter names match
 * PyTorch's ({@code embeds.0.weight}, {@code bn_cont.weight}, {@code layers.0.0.weight}, ...).
 * Inputs: int64 codes {@code [B, nCat]} and floats {@code [B, nCont]}.
 */
public class TabularModel extends Module implements MultiInput {
  private final List<Embedding> embeds = new ArrayList<>();
  private final Dropout embDrop;
  private final BatchNorm1d bnCont;
  private final Sequential layers;
  private final int nEmb;
  private final int nCont;

  /**
   * A model for columns of these embedding sizes ({@code [cardinality, width]} each), {@code nCont}
   * continuous columns and {@code outSz} outputs.
   */
  public TabularModel(int[][] embSzs, int nCont, int outSz, TabularConfig cfg) {
    if (nCont < 0 || outSz < 1) {
      throw new IllegalArgumentException(
          "TabularModel needs nCont >= 0 and outSz >= 1, got nCont " + nCont + ", outSz " + outSz);
    }
    Sequential e = register("embeds", new Sequential());
    int width = 0;
    for (int[] sz : embSzs) {
      if (sz.length != 2 || sz[0] < 1 || sz[1] < 1) {
        throw new IllegalArgumentException(
            "each embedding size is [cardinality, width], both at least 1; got "
                + java.util.Arrays.toString(sz));
      }
      Embedding emb = Embedding.fastai(sz[0], sz[1]);
      e.add(emb);
      embeds.add(emb);
      width += sz[1];
    }
    this.nEmb = width;
    this.nCont = nCont;
    this.embDrop = register("emb_drop", new Dropout(cfg.embedP()));
    this.bnCont = cfg.bnCont() && nCont > 0 ? register("bn_cont", new BatchNorm1d(nCont)) : null;
    List<Integer> sizes = new ArrayList<>();
    sizes.add(nEmb + nCont);
    sizes.addAll(cfg.layers());
    sizes.add(outSz);
    Sequential ls = new Sequential();
    int nLayers = sizes.size() - 1;
    for (int i = 0; i < nLayers; i++) {
      boolean last = i == nLayers - 1;
      boolean bn = last ? cfg.bnFinal() : cfg.useBn();
      double p = last ? 0 : cfg.p(i);
      ls.add(new LinBnDrop(sizes.get(i), sizes.get(i + 1), bn, p, last ? null : new ReLU(), true));
    }
    if (cfg.yRange() != null) {
      ls.add(new SigmoidRange(cfg.yRange()[0], cfg.yRange()[1]));
    }
    this.layers = register("layers", ls);
  }

  /**
   * fastai's full signature: embedding sizes, continuous columns, outputs, hidden sizes, dropout
   * per hidden layer (null: none), embedding dropout, output range (null: none), batch norm in the
   * hidden blocks, on the output, on the continuous inputs.
   */
  public TabularModel(
      int[][] embSzs,
      int nCont,
      int outSz,
      List<Integer> layers,
      List<Double> ps,
      double embedP,
      double[] yRange,
      boolean useBn,
      boolean bnFinal,
      boolean bnCont) {
    this(
        embSzs,
        nCont,
        outSz,
        new TabularConfig(
            layers, ps == null ? List.of() : ps, embedP, yRange, useBn, bnFinal, bnCont));
  }

  @Override
  public Tensor forward(List<Tensor> inputs) {
    if (inputs.size() != 2) {
      throw new IllegalArgumentException(
          "TabularModel takes two inputs (cats [B, nCat] int64, conts [B, nCont] float), got "
              + inputs.size());
    }
    Tensor xCat = inputs.get(0);
    Tensor xCont = inputs.get(1);
    check(xCat, embeds.size(), "categorical");
    check(xCont, nCont, "continuous");
    Tensor c = nCont > 0 ? (bnCont != null ? bnCont.call(xCont) : xCont) : null;
    List<Tensor> weights = new ArrayList<>(embeds.size());
    for (Embedding e : embeds) {
      weights.add(e.weight());
    }
    Tensor x;
    if (!embeds.isEmpty() && embDrop.p() == 0 && EmbeddingConcat.applies(weights, c)) {
      // one fused op instead of a slice, a gather per column and the concatenations
      x = EmbeddingConcat.apply(xCat, weights, c);
    } else {
      List<Tensor> parts = new ArrayList<>();
      if (!embeds.isEmpty()) {
        List<Tensor> es = new ArrayList<>(embeds.size());
        for (int j = 0; j < embeds.size(); j++) {
          es.add(embeds.get(j).call(xCat.slice(1, j, j + 1).squeeze(1)));
        }
        parts.add(embDrop.call(es.size() == 1 ? es.get(0) : Tensor.cat(es, 1)));
      }
      if (c != null) {
        parts.add(c);
      }
      x = parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 1);
    }
    for (Module block : layers.children()) {
      x = block(block, x);
    }
    return x;
  }

  /**
   * A hidden block [Linear, ReLU, BatchNorm1d (, Dropout)] runs as the linear op and one fused
   * ReLU+BatchNorm op; anything else runs as its modules.
   */
  private static Tensor block(Module block, Tensor x) {
    if (block instanceof LinBnDrop s
        && s.size() >= 3
        && s.get(0) instanceof Linear lin
        && s.get(1) instanceof ReLU
        && s.get(2) instanceof BatchNorm1d bn
        && ReluBatchNorm.applies(x, bn)) {
      Tensor h = lin.call(x);
      if (!ReluBatchNorm.applies(h, bn)) {
        return s.call(x);
      }
      h = ReluBatchNorm.apply(h, bn);
      for (int i = 3; i < s.size(); i++) {
        h = s.get(i).call(h);
      }
      return h;
    }
    return block.call(x);
  }

  private static void check(Tensor t, int cols, String what) {
    if (t.dim() != 2 || t.size(1) != cols) {
      throw new IllegalArgumentException(
          "TabularModel: the "
              + what
              + " input must be [B, "
              + cols
              + "], got shape "
              + java.util.Arrays.toString(t.shape()));
    }
  }

  /** The width of the concatenated embeddings. */
  public int nEmb() {
    return nEmb;
  }

  /** The number of continuous inputs. */
  public int nCont() {
    return nCont;
  }

  @Override
  public String name() {
    return "TabularModel";
  }
}
