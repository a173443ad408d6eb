package org.boarfish.collab;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.Embedding;
import org.boarfish.nn.LinBnDrop;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.nn.SigmoidRange;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code EmbeddingNN}: a tabular model with two categorical inputs (user, item) and no
 * continuous ones. The two embeddings are concatenated and go through {@code LinBnDrop} blocks
 * (BatchNorm1d → Linear without bias → ReLU) of the given sizes, a last Linear to one output, and
 * {@code SigmoidRange} when a {@link YRange} is given. Output {@code [B, 1]}. Parameter names
 * follow fastai's {@code TabularModel} ({@code embeds.0.weight}, {@code layers.0.0.weight}, ...).
 */
public class EmbeddingNN extends Module implements CollabModel {
  private final Embedding users;
  private final Embedding items;
  private final Sequential layers;
  private final CollabClasses classes;
  private final int[] hidden;
  private final YRange yRange;

  /**
   * {@code embSzs} = {{nUsers, userDim}, {nItems, itemDim}}; {@code layers} the hidden sizes;
   * yRange may be null.
   */
  public EmbeddingNN(int[][] embSzs, int[] layers, YRange yRange) {
    this(embSzs, layers, yRange, null, Generator.global());
  }

  EmbeddingNN(int[][] embSzs, int[] layers, YRange yRange, CollabClasses classes, Generator gen) {
    if (embSzs.length != 2 || embSzs[0].length != 2 || embSzs[1].length != 2) {
      throw new IllegalArgumentException(
          "EmbeddingNN needs embSzs {{nUsers, dim}, {nItems, dim}}, got "
              + java.util.Arrays.deepToString(embSzs));
    }
    if (layers.length == 0) {
      throw new IllegalArgumentException("EmbeddingNN needs at least one hidden layer size");
    }
    Sequential embeds = register("embeds", new Sequential());
    this.users = Embedding.fastai(embSzs[0][0], embSzs[0][1], gen);
    this.items = Embedding.fastai(embSzs[1][0], embSzs[1][1], gen);
    embeds.add(users);
    embeds.add(items);
    List<Module> ls = new ArrayList<>();
    int prev = embSzs[0][1] + embSzs[1][1];
    for (int h : layers) {
      ls.add(new LinBnDrop(prev, h, true, 0, new ReLU()));
      prev = h;
    }
    ls.add(new LinBnDrop(prev, 1, false, 0, null));
    if (yRange != null) {
      ls.add(new SigmoidRange(yRange.low(), yRange.high()));
    }
    this.layers = register("layers", new Sequential(ls));
    this.classes = classes;
    this.hidden = layers.clone();
    this.yRange = yRange;
  }

  /**
   * fastai's {@code emb_sz_rule}: {@code min(600, round(1.6·n^0.56))} for a column of {@code n}
   * classes.
   */
  public static int embSzRule(int n) {
    return (int) Math.min(600, Math.round(1.6 * Math.pow(n, 0.56)));
  }

  @Override
  public Tensor forward(Tensor x) {
    Collab.checkInput(x, "EmbeddingNN");
    Tensor u = users.call(x.slice(1, 0, 1).squeeze(1));
    Tensor i = items.call(x.slice(1, 1, 2).squeeze(1));
    return layers.call(Tensor.cat(List.of(u, i), 1));
  }

  @Override
  public CollabClasses classes() {
    return classes;
  }

  @Override
  public Tensor itemFactors() {
    return items.weight();
  }

  @Override
  public Tensor userFactors() {
    return users.weight();
  }

  /** The hidden layer sizes. */
  public int[] hidden() {
    return hidden.clone();
  }

  /** The output range, or null. */
  public YRange yRange() {
    return yRange;
  }
}
