package org.boarfish.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Samples made from raw items by one {@link Pipeline} per element, like fastai's {@code Datasets}:
 * with pipelines {@code [getX -> ..., getY -> Categorize]} item i becomes the {@link Tuple} {@code
 * (x, y)}, whose first {@link #nInp()} elements are inputs. Each pipeline is set up on the training
 * items only; {@link #train()} and {@link #valid()} are views sharing the pipelines.
 *
 * <pre>{@code
 * var dsets = new Datasets(files, List.of(Pipeline.of(readImage), Pipeline.of(parentLabel, new Categorize())),
 *     Splitters.grandparent().split(files), 1);
 * dsets.train().get(0);                       // (TensorImage[1x28x28 int32], Category[3, index 0])
 * var dls = dsets.dataloaders(LoaderConfig.defaults(), List.of(new ToTensor()), List.of(new IntToFloatTensor()));
 * }</pre>
 */
public final class Datasets extends AbstractList<Tuple> {
  private final List<TfmdLists> tls;
  private final int nInp;

  /**
   * One pipeline per element, set up on the training items of {@code splits}; {@code nInp} inputs.
   */
  public Datasets(List<?> items, List<Pipeline> tfms, Splits splits, int nInp) {
    this(build(items, tfms, splits), nInp);
  }

  /**
   * All items for training; {@code nInp} is 1 for one pipeline, else the number of pipelines - 1.
   */
  public Datasets(List<?> items, List<Pipeline> tfms) {
    this(items, tfms, Splits.allTrain(items.size()), tfms.size() <= 1 ? 1 : tfms.size() - 1);
  }

  private Datasets(List<TfmdLists> tls, int nInp) {
    if (tls.isEmpty()) {
      throw new IllegalArgumentException(
          "Datasets need at least one pipeline (one per element of a sample)");
    }
    if (nInp < 1 || nInp > tls.size()) {
      throw new IllegalArgumentException(
          "nInp must be between 1 and the number of pipelines (" + tls.size() + "), got " + nInp);
    }
    this.tls = Collections.unmodifiableList(new ArrayList<>(tls));
    this.nInp = nInp;
  }

  private static List<TfmdLists> build(List<?> items, List<Pipeline> tfms, Splits splits) {
    Objects.requireNonNull(items, "items");
    splits.check(items.size());
    List<Object> copy = List.copyOf(items);
    List<TfmdLists> out = new ArrayList<>();
    for (Pipeline p : tfms) {
      out.add(new TfmdLists(copy, p, splits));
    }
    return out;
  }

  /** The training subset. */
  public Datasets train() {
    return subset(Split.TRAIN);
  }

  /** The validation subset. */
  public Datasets valid() {
    return subset(Split.VALID);
  }

  /** A subset by split. */
  public Datasets subset(Split which) {
    List<TfmdLists> sub = new ArrayList<>();
    for (TfmdLists tl : tls) {
      sub.add(tl.subset(which));
    }
    return new Datasets(sub, nInp);
  }

  /**
   * New items through the same, already set-up pipelines, for the validation split: how {@code
   * testDl} is made. Without labels only the input pipelines are used, so samples hold {@link
   * #nInp()} elements.
   */
  public Datasets testSet(List<?> items, boolean withLabels) {
    List<TfmdLists> sub = new ArrayList<>();
    List<Object> copy = List.copyOf(items);
    for (int i = 0; i < (withLabels ? tls.size() : nInp); i++) {
      sub.add(tls.get(i).withItems(copy, Split.VALID));
    }
    return new Datasets(sub, nInp);
  }

  /** Sample {@code i}: every pipeline applied to raw item i. */
  @Override
  public Tuple get(int i) {
    List<Object> out = new ArrayList<>(tls.size());
    for (TfmdLists tl : tls) {
      out.add(tl.get(i));
    }
    return new Tuple(out, nInp);
  }

  @Override
  public int size() {
    return tls.get(0).size();
  }

  /** Raw item {@code i}, before any transform. */
  public Object rawItem(int i) {
    return tls.get(0).rawItem(i);
  }

  /** The raw items (a view). */
  public List<Object> items() {
    return tls.get(0).items();
  }

  /** Decodes each element of a sample through its pipeline in reverse. */
  public Tuple decode(Tuple sample) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      out.add(i < tls.size() ? tls.get(i).decode(sample.get(i)) : sample.get(i));
    }
    return new Tuple(out, sample.nInp());
  }

  /** The number of input elements. */
  public int nInp() {
    return nInp;
  }

  /** One transformed list per element. */
  public List<TfmdLists> tls() {
    return tls;
  }

  /** The pipeline of each element. */
  public List<Pipeline> pipelines() {
    List<Pipeline> out = new ArrayList<>();
    for (TfmdLists tl : tls) {
      out.add(tl.pipeline());
    }
    return out;
  }

  /** The split this dataset's pipelines run for ({@code ALL} for the full one). */
  public Split split() {
    return tls.get(0).split();
  }

  /** The splits of the full dataset. */
  public Splits splits() {
    return tls.get(0).splits();
  }

  /**
   * Loaders over the training and validation subsets: the training one shuffled (as configured)
   * with {@code dropLast}, the validation one in order with every item. Both share {@code
   * afterItem} and {@code afterBatch}, which are set up on the training subset.
   */
  public DataLoaders dataloaders(
      LoaderConfig config,
      List<? extends Transform<?, ?>> afterItem,
      List<? extends Transform<?, ?>> afterBatch) {
    return DataLoaders.fromDatasets(
        this,
        config,
        new Pipeline(afterItem),
        null,
        new Pipeline(afterBatch),
        LossHint.NONE,
        null,
        null);
  }

  /** Loaders with the given batch size and no item or batch transforms. */
  public DataLoaders dataloaders(int bs) {
    return dataloaders(LoaderConfig.defaults().withBs(bs), List.of(), List.of());
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
    StringBuilder sb = new StringBuilder("Datasets[");
    if (split() == Split.ALL) {
      sb.append(splits().trainRef().length)
          .append(" train, ")
          .append(splits().validRef().length)
          .append(" valid");
    } else {
      sb.append(size()).append(' ').append(split().name().toLowerCase(java.util.Locale.ROOT));
    }
    sb.append(", nInp ").append(nInp);
    for (TfmdLists tl : tls) {
      sb.append("; ").append(tl.pipeline());
    }
    return sb.append(']').toString();
  }
}
