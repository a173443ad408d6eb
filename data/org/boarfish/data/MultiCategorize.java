package org.boarfish.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Lists of raw labels to {@link MultiCategory} items through a vocabulary, like fastai's {@code
 * MultiCategorize} (order 1). A label list is a {@link Collection} or an array (use {@link
 * ColReader} with a label delimiter to split a text column). The vocabulary is given or learnt at
 * setup from every training label; with {@code addNa} unseen labels map to {@value CategoryMap#NA},
 * otherwise they are an error naming them.
 */
public final class MultiCategorize extends Transform<Object, MultiCategory> implements HasVocab {
  private final boolean addNa;
  private volatile CategoryMap vocab;

  /** Vocabulary learnt from the training labels. */
  public MultiCategorize() {
    this(null, false);
  }

  /** A given vocabulary ({@code null} to learn it at setup). */
  public MultiCategorize(List<?> vocab, boolean addNa) {
    super(Object.class, MultiCategory.class);
    this.addNa = addNa;
    this.vocab = vocab == null ? null : CategoryMap.of(vocab, true, addNa);
  }

  @Override
  public boolean handles(Object x) {
    return x instanceof Collection<?> || x instanceof Object[] || x instanceof String;
  }

  @Override
  public void setup(List<?> items) {
    if (vocab == null) {
      List<Object> all = new ArrayList<>();
      for (Object o : handled(items)) {
        all.addAll(labels(o));
      }
      vocab = CategoryMap.of(all, true, addNa);
    }
  }

  @Override
  public MultiCategory encode(Object labels) {
    CategoryMap v = vocab();
    List<?> ls = labels(labels);
    int[] idx = new int[ls.size()];
    List<Object> known = new ArrayList<>();
    for (int i = 0; i < idx.length; i++) {
      idx[i] = v.indexOf(ls.get(i));
      known.add(v.get(idx[i]));
    }
    return new MultiCategory(known, idx);
  }

  @Override
  public MultiCategory decode(MultiCategory m) {
    CategoryMap v = vocab();
    List<Object> ls = new ArrayList<>();
    for (int i : m.indices()) {
      ls.add(v.get(i));
    }
    return new MultiCategory(ls, m.indices());
  }

  private static List<?> labels(Object o) {
    if (o instanceof String s) {
      throw new IllegalArgumentException(
          "MultiCategorize needs a list of labels but got the text '"
              + s
              + "'; split it first, "
              + "e.g. .getY(ColReader.of(\"tags\").labelDelim(\" \"))");
    }
    return o instanceof Object[] a ? Arrays.asList(a) : new ArrayList<>((Collection<?>) o);
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
          "MultiCategorize has no vocabulary yet: call setup on the training labels or give the vocabulary");
    }
    return v;
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public String name() {
    return vocab == null ? "MultiCategorize" : "MultiCategorize(vocab=" + vocab.preview(10) + ")";
  }
}
