package org.boarfish.data;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * Items with a {@link Pipeline} applied lazily on access, like fastai's {@code TfmdLists}: {@code
 * get(i)} transforms item i. Built with {@link Splits}, the pipeline is set up on the training
 * subset only, and {@link #train()} and {@link #valid()} are views sharing it, each applying the
 * pipeline for its own {@link Split}.
 */
public final class TfmdLists extends AbstractList<Object> {
  private final List<?> items;
  private final Pipeline tfms;
  private final Splits splits;
  private final int[] idx;
  private final Split split;

  /** Items with a pipeline set up on the training items given by {@code splits}. */
  public TfmdLists(List<?> items, Pipeline tfms, Splits splits) {
    this(items, tfms, splits, null, Split.ALL);
    splits.check(items.size());
    tfms.setup(train().items());
  }

  /** Items with a pipeline set up on all of them (they are all training items). */
  public TfmdLists(List<?> items, Pipeline tfms) {
    this(items, tfms, Splits.allTrain(items.size()));
  }

  private TfmdLists(List<?> items, Pipeline tfms, Splits splits, int[] idx, Split split) {
    this.items = List.copyOf(Objects.requireNonNull(items, "items"));
    this.tfms = Objects.requireNonNull(tfms, "tfms");
    this.splits = Objects.requireNonNull(splits, "splits");
    this.idx = idx;
    this.split = split;
  }

  /**
   * Other items through the same (already set up) pipeline, for the given split: how test sets are
   * made.
   */
  public TfmdLists withItems(List<?> newItems, Split split) {
    return new TfmdLists(newItems, tfms, Splits.allTrain(newItems.size()), null, split);
  }

  /** The training subset. */
  public TfmdLists train() {
    return subset(Split.TRAIN);
  }

  /** The validation subset. */
  public TfmdLists valid() {
    return subset(Split.VALID);
  }

  /** A subset by split. */
  public TfmdLists subset(Split which) {
    int[] sub = which == Split.TRAIN ? splits.trainRef() : splits.validRef();
    int[] abs = new int[sub.length];
    for (int i = 0; i < sub.length; i++) {
      abs[i] = idx == null ? sub[i] : idx[sub[i]];
    }
    return new TfmdLists(items, tfms, Splits.allTrain(abs.length), abs, which);
  }

  /** Item {@code i} through the pipeline (for this list's split). */
  @Override
  public Object get(int i) {
    return tfms.apply(rawItem(i), split);
  }

  /** Item {@code i} before any transform. */
  public Object rawItem(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("item " + i + " of " + size());
    }
    return items.get(idx == null ? i : idx[i]);
  }

  @Override
  public int size() {
    return idx == null ? items.size() : idx.length;
  }

  /** The raw items of this list (a view). */
  public List<Object> items() {
    return new AbstractList<>() {
      @Override
      public Object get(int i) {
        return rawItem(i);
      }

      @Override
      public int size() {
        return TfmdLists.this.size();
      }
    };
  }

  /** Decodes a transformed value through the pipeline in reverse. */
  public Object decode(Object o) {
    return tfms.decode(o, split);
  }

  /** The pipeline. */
  public Pipeline pipeline() {
    return tfms;
  }

  /** The split this list applies its pipeline for ({@code ALL} for the full list). */
  public Split split() {
    return split;
  }

  /** The splits (of the full list). */
  public Splits splits() {
    return splits;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "TfmdLists["
        + size()
        + " items"
        + (split == Split.ALL ? "" : ", " + split.name().toLowerCase(java.util.Locale.ROOT))
        + ", "
        + tfms
        + "]";
  }
}
