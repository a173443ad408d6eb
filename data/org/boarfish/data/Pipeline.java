package org.boarfish.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Transforms composed in {@link Transform#order()} order (a stable sort: ties keep the order
 * given), like fastai's {@code Pipeline}. {@link #setup} is incremental: each transform learns from
 * the training items as they come out of the transforms before it. {@link #decode} runs the
 * transforms in reverse.
 */
public final class Pipeline {
  private static final Pipeline EMPTY = new Pipeline(List.of());

  private final List<Transform<?, ?>> tfms;

  /** A pipeline of the given transforms, sorted by order. */
  public Pipeline(List<? extends Transform<?, ?>> tfms) {
    List<Transform<?, ?>> sorted = new ArrayList<>();
    for (Transform<?, ?> t : tfms) {
      if (t == null) {
        throw new IllegalArgumentException("a pipeline's transforms must not be null: " + tfms);
      }
      sorted.add(t);
    }
    sorted.sort(Comparator.comparingInt(Transform::order));
    this.tfms = Collections.unmodifiableList(sorted);
  }

  /** A pipeline of the given transforms, sorted by order. */
  public static Pipeline of(Transform<?, ?>... tfms) {
    return new Pipeline(Arrays.asList(tfms));
  }

  /** The pipeline that changes nothing. */
  public static Pipeline empty() {
    return EMPTY;
  }

  /** The transforms in the order they run. */
  public List<Transform<?, ?>> transforms() {
    return tfms;
  }

  /** True if there are no transforms. */
  public boolean isEmpty() {
    return tfms.isEmpty();
  }

  /** This pipeline's transforms plus more, re-sorted. */
  public Pipeline plus(List<? extends Transform<?, ?>> more) {
    List<Transform<?, ?>> all = new ArrayList<>(tfms);
    all.addAll(more);
    return new Pipeline(all);
  }

  /** Applies every transform in order for a call made for {@code split}. */
  public Object apply(Object x, Split split) {
    for (Transform<?, ?> t : tfms) {
      x = t.apply(x, split);
    }
    return x;
  }

  /** Applies every transform for no particular split (split-restricted transforms are skipped). */
  public Object apply(Object x) {
    return apply(x, Split.ALL);
  }

  /** Decodes through every transform in reverse order. */
  public Object decode(Object y, Split split) {
    for (int i = tfms.size() - 1; i >= 0; i--) {
      y = tfms.get(i).decode(y, split);
    }
    return y;
  }

  /** Decodes for no particular split. */
  public Object decode(Object y) {
    return decode(y, Split.ALL);
  }

  /**
   * Sets every transform up in order on the training {@code items}: transform k sees a lazy view of
   * the items passed through transforms 0..k-1 (for the training split), so only what it reads is
   * computed.
   */
  public void setup(List<?> items) {
    for (int k = 0; k < tfms.size(); k++) {
      tfms.get(k).setup(new SetupView(items, tfms.subList(0, k)));
    }
  }

  @Override
  public String toString() {
    if (tfms.isEmpty()) {
      return "Pipeline: (empty)";
    }
    StringBuilder sb = new StringBuilder("Pipeline: ");
    for (int i = 0; i < tfms.size(); i++) {
      sb.append(i == 0 ? "" : " -> ").append(tfms.get(i).name());
    }
    return sb.toString();
  }

  /**
   * The items as the transforms before one see them; also tells which vocabulary they carry (for
   * OneHotEncode).
   */
  static final class SetupView extends AbstractList<Object> implements HasVocab {
    private final List<?> items;
    private final List<Transform<?, ?>> before;

    SetupView(List<?> items, List<Transform<?, ?>> before) {
      this.items = items;
      this.before = before;
    }

    @Override
    public Object get(int i) {
      Object x = items.get(i);
      for (Transform<?, ?> t : before) {
        x = t.apply(x, Split.TRAIN);
      }
      return x;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public boolean hasVocab() {
      return vocabSource() != null;
    }

    @Override
    public CategoryMap vocab() {
      HasVocab v = vocabSource();
      if (v == null) {
        throw new IllegalStateException("no transform before this one has a vocabulary");
      }
      return v.vocab();
    }

    private HasVocab vocabSource() {
      for (int i = before.size() - 1; i >= 0; i--) {
        if (before.get(i) instanceof HasVocab v && v.hasVocab()) {
          return v;
        }
      }
      return null;
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
      return "SetupView[" + items.size() + " items]";
    }
  }
}
