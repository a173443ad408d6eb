package org.boarfish.collab;

import java.util.List;
import org.boarfish.nn.Embedding;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code EmbeddingDotBias}: a rating is the dot product of a user's and an item's factor
 * vectors plus a user bias and an item bias, {@code sigmoid(·)·(high − low) + low} when a {@link
 * YRange} is given. Its four embeddings ({@code u_weight}, {@code i_weight}, {@code u_bias}, {@code
 * i_bias}, PyTorch's names) use fastai's init, trunc-normal with std 0.01.
 *
 * <pre>{@code
 * var model = new EmbeddingDotBias(50, 944, 1683, YRange.of(0, 5.5));   // 133,977 parameters
 * Tensor pred = model.call(Tensor.of(new long[] {1, 2, 3, 4}, 2, 2));   // [2]
 * }</pre>
 */
public class EmbeddingDotBias extends Module implements CollabModel {
  private final Embedding uWeight;
  private final Embedding iWeight;
  private final Embedding uBias;
  private final Embedding iBias;
  private final YRange yRange;
  private final CollabClasses classes;
  private boolean fused = true;

  /** A model of {@code nUsers} and {@code nItems} rows (with {@code #na#}); yRange may be null. */
  public EmbeddingDotBias(int nFactors, int nUsers, int nItems, YRange yRange) {
    this(nFactors, nUsers, nItems, yRange, null, Generator.global());
  }

  /** As above, initialised from {@code gen}. */
  public EmbeddingDotBias(int nFactors, int nUsers, int nItems, YRange yRange, Generator gen) {
    this(nFactors, nUsers, nItems, yRange, null, gen);
  }

  private EmbeddingDotBias(
      int nFactors, int nUsers, int nItems, YRange yRange, CollabClasses classes, Generator gen) {
    if (nFactors < 1 || nUsers < 1 || nItems < 1) {
      throw new IllegalArgumentException(
          "EmbeddingDotBias needs positive sizes, got nFactors="
              + nFactors
              + " nUsers="
              + nUsers
              + " nItems="
              + nItems);
    }
    this.uWeight = register("u_weight", Embedding.fastai(nUsers, nFactors, gen));
    this.iWeight = register("i_weight", Embedding.fastai(nItems, nFactors, gen));
    this.uBias = register("u_bias", Embedding.fastai(nUsers, 1, gen));
    this.iBias = register("i_bias", Embedding.fastai(nItems, 1, gen));
    this.yRange = yRange;
    this.classes = classes;
  }

  /**
   * fastai's {@code EmbeddingDotBias.from_classes}: sized by the vocabularies, which it keeps for
   * {@link #bias} and {@link #weight}.
   */
  public static EmbeddingDotBias fromClasses(int nFactors, CollabClasses classes, YRange yRange) {
    return fromClasses(nFactors, classes, yRange, Generator.global());
  }

  /** As above, initialised from {@code gen}. */
  public static EmbeddingDotBias fromClasses(
      int nFactors, CollabClasses classes, YRange yRange, Generator gen) {
    return new EmbeddingDotBias(
        nFactors, classes.users().size(), classes.items().size(), yRange, classes, gen);
  }

  @Override
  public Tensor forward(Tensor x) {
    Collab.checkInput(x, "EmbeddingDotBias");
    Tensor uw = uWeight.weight();
    Tensor iw = iWeight.weight();
    Tensor ub = uBias.weight();
    Tensor ib = iBias.weight();
    if (fused && DotBiasOp.applies(uw, iw, ub, ib)) {
      return DotBiasOp.apply(x, uw, iw, ub, ib, yRange);
    }
    Tensor users = x.slice(1, 0, 1).squeeze(1);
    Tensor items = x.slice(1, 1, 2).squeeze(1);
    Tensor dot = uWeight.call(users).mul(iWeight.call(items)).sum(1);
    Tensor res = dot.add(uBias.call(users).squeeze(1)).add(iBias.call(items).squeeze(1));
    return yRange == null ? res : res.sigmoid().mul(yRange.high() - yRange.low()).add(yRange.low());
  }

  /**
   * Whether float32 forward passes run as one fused op (the default; same values, a fraction of the
   * calls) or as the separate embedding, product, sum and sigmoid ops (which run the child
   * embeddings' hooks); returns this.
   */
  public EmbeddingDotBias fused(boolean value) {
    this.fused = value;
    return this;
  }

  /** The learned biases of these items (ids or titles): {@code [k]}. */
  public Tensor bias(List<?> items) {
    return bias(items, true);
  }

  /** The learned biases of these items, or of these users when {@code isItem} is false. */
  public Tensor bias(List<?> keys, boolean isItem) {
    return lookup(keys, isItem, isItem ? iBias : uBias).squeeze(1);
  }

  /** The learned factors of these items (ids or titles): {@code [k, nFactors]}. */
  public Tensor weight(List<?> items) {
    return weight(items, true);
  }

  /** The learned factors of these items, or of these users when {@code isItem} is false. */
  public Tensor weight(List<?> keys, boolean isItem) {
    return lookup(keys, isItem, isItem ? iWeight : uWeight);
  }

  private Tensor lookup(List<?> keys, boolean isItem, Embedding table) {
    CollabClasses c = requireClasses(isItem ? "bias/weight of items" : "bias/weight of users");
    long[] rows = new long[keys.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = isItem ? c.itemIndexStrict(keys.get(i)) : c.userIndexStrict(keys.get(i));
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      return F.embedding(Tensor.of(rows, rows.length), table.weight()).keep();
    }
  }

  @Override
  public CollabClasses classes() {
    return classes;
  }

  @Override
  public Tensor itemFactors() {
    return iWeight.weight();
  }

  @Override
  public Tensor userFactors() {
    return uWeight.weight();
  }

  /** The item bias table {@code [nItems, 1]}. */
  public Tensor itemBiases() {
    return iBias.weight();
  }

  /** The user bias table {@code [nUsers, 1]}. */
  public Tensor userBiases() {
    return uBias.weight();
  }

  /** The number of factors. */
  public int nFactors() {
    return uWeight.dim();
  }

  /** The output range, or null. */
  public YRange yRange() {
    return yRange;
  }

  @Override
  protected String extraRepr() {
    return yRange == null ? "" : "y_range=" + yRange;
  }
}
