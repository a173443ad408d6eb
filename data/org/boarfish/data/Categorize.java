package org.boarfish.data;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * Raw labels to {@link Category} items through a vocabulary, like fastai's {@code Categorize}
 * (order 1). The vocabulary is given, or learnt at {@link #setup} from the training labels (sorted
 * unique, missing values dropped). With {@code addNa}, {@value CategoryMap#NA} takes index 0 and
 * unseen labels map to it; without, an unseen label is an error naming it and listing known ones.
 * {@link #decode} gives a category its label back.
 */
public final class Categorize extends Transform<Object, Category> implements HasVocab {
  private final boolean sort;
  private final boolean addNa;
  private volatile CategoryMap vocab;

  /** Vocabulary learnt from the training labels, sorted, without {@value CategoryMap#NA}. */
  public Categorize() {
    this(null, true, false);
  }

  /**
   * Vocabulary learnt from the training labels, sorted; {@code addNa} maps unseen labels to {@value
   * CategoryMap#NA}.
   */
  public Categorize(boolean addNa) {
    this(null, true, addNa);
  }

  /** A given vocabulary ({@code null} to learn it at setup), sorted if asked. */
  public Categorize(List<?> vocab, boolean sort, boolean addNa) {
    super(Object.class, Category.class);
    this.sort = sort;
    this.addNa = addNa;
    this.vocab = vocab == null ? null : CategoryMap.of(vocab, sort, addNa);
  }

  @Override
  public boolean handles(Object x) {
    return !(x instanceof Category
        || x instanceof TensorItem
        || x instanceof Tensor
        || x instanceof Tuple);
  }

  @Override
  public void setup(List<?> items) {
    if (vocab == null) {
      vocab = CategoryMap.of(handled(items), sort, addNa);
    }
  }

  @Override
  public Category encode(Object label) {
    CategoryMap v = vocab();
    int i = v.indexOf(label);
    return new Category(v.get(i), i);
  }

  @Override
  public Category decode(Category c) {
    return new Category(vocab().get(c.index()), c.index());
  }

  @Override
  public boolean hasVocab() {
    return vocab != null;
  }

  @Override
  public CategoryMap vocab() {
    CategoryMap v = vocab;
    if (v == null) {
      throw new IllegalStateException(
          "Categorize has no vocabulary yet: call setup on the training labels (TfmdLists, Datasets and DataBlock do) "
              + "or give the vocabulary");
    }
    return v;
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public String name() {
    return vocab == null ? "Categorize" : "Categorize(vocab=" + vocab.preview(10) + ")";
  }
}
