package org.boarfish.data;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The declarative way to build {@link DataLoaders}, like fastai's {@code DataBlock}: say what the
 * elements are (blocks), how to find the items, how to get each element from an item, how to split,
 * and which item and batch transforms to add.
 *
 * <pre>{@code
 * var dblock = DataBlock.builder()
 *     .blocks(imageBlock, Blocks.category())
 *     .getItems(Getters.files(".png"))
 *     .getY(Getters.parentLabel())
 *     .splitter(Splitters.grandparent())
 *     .batchTfms(Normalize.fromStats(NormStats.MNIST))
 *     .build();
 * dblock.summary(path);                       // walks one item through every step
 * var dls = dblock.dataloaders(path, 64);
 * }</pre>
 *
 * <p>Each element i gets a pipeline of its getter then its block's type transforms; {@link
 * ToTensor} and the blocks' item transforms come before the user's item transforms, the blocks'
 * batch transforms before the user's (a user transform of the same class as a block's replaces it).
 * The transforms are the blocks' own instances, so state learnt by one {@code datasets}/{@code
 * dataloaders} call (a vocabulary, statistics) is kept by the next, as in fastai.
 */
public final class DataBlock {
  private final List<TransformBlock> blocks;
  private final Function<Object, ? extends List<?>> getItems;
  private final List<Function<Object, ?>> getters;
  private final List<String> getterNames;
  private final Splitter splitter;
  private final List<Transform<?, ?>> itemTfms;
  private final List<Transform<?, ?>> batchTfms;
  private final int nInp;

  private DataBlock(Builder b, int nInp, List<Function<Object, ?>> getters, List<String> names) {
    this.blocks = List.copyOf(b.blocks);
    this.getItems = b.getItems;
    this.getters = Collections.unmodifiableList(getters);
    this.getterNames = List.copyOf(names);
    this.splitter = b.splitter != null ? b.splitter : Splitters.random();
    this.itemTfms = List.copyOf(b.itemTfms);
    this.batchTfms = List.copyOf(b.batchTfms);
    this.nInp = nInp;
  }

  /** A builder; {@code blocks} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The items of a source: {@code getItems(source)}, or the source itself when it is a list and no
   * getItems is set.
   */
  public List<?> items(Object source) {
    List<?> items;
    if (getItems != null) {
      items = getItems.apply(source);
    } else if (source instanceof List<?> l) {
      items = l;
    } else {
      throw new IllegalArgumentException(
          "this DataBlock has no getItems, so the source must be the list of items, not "
              + Describe.of(source));
    }
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException(
          "no items found in "
              + Describe.of(source)
              + (getItems != null ? " by " + Describe.fnName(getItems, "getItems") : ""));
    }
    return items;
  }

  /** The datasets: items found, split, each element's pipeline set up on the training items. */
  public Datasets datasets(Object source) {
    List<?> items = items(source);
    return new Datasets(items, typePipelines(), splitter.split(items), nInp);
  }

  /** {@code dataloaders(source, 64)}. */
  public DataLoaders dataloaders(Object source) {
    return dataloaders(source, LoaderConfig.defaults());
  }

  /** Loaders with batch size {@code bs}: training shuffled with dropLast, validation in order. */
  public DataLoaders dataloaders(Object source, int bs) {
    return dataloaders(source, LoaderConfig.defaults().withBs(bs));
  }

  /** Loaders configured by {@code config}. */
  public DataLoaders dataloaders(Object source, LoaderConfig config) {
    return loaders(datasets(source), config);
  }

  DataLoaders loaders(Datasets dsets, LoaderConfig config) {
    Shower shower = null;
    for (int i = 0; i < nInp && shower == null; i++) {
      shower = blocks.get(i).shower().orElse(null);
    }
    LossHint hint = LossHint.NONE;
    for (int i = nInp; i < blocks.size() && hint == LossHint.NONE; i++) {
      hint = blocks.get(i).lossHint();
    }
    UnaryOperator<DataLoader.Builder> setup = blocks.get(0).loaders().orElse(null);
    return DataLoaders.fromDatasets(
        dsets, config, itemPipeline(), beforeBatch(), batchPipeline(), hint, shower, setup);
  }

  /** Prints one item's walk through every step to standard output (batch of 4). */
  public void summary(Object source) {
    summary(source, 4, System.out);
  }

  /**
   * Prints one item's walk through every step: the items found, the split, each element's pipeline
   * transform by transform (with the type and shape of the value after each), the item transforms,
   * collation of a batch of {@code bs} training samples and the batch transforms. When a step fails
   * it prints which step and which item, and throws a {@link DataException} with that context and
   * the original cause.
   */
  public void summary(Object source, int bs, PrintStream out) {
    new BlockSummary(this, out).run(source, bs);
  }

  /** The pipeline of each element: its getter (if any) then its block's type transforms. */
  List<Pipeline> typePipelines() {
    List<Pipeline> out = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      List<Transform<?, ?>> ts = new ArrayList<>();
      if (getters.get(i) != null) {
        ts.add(
            new FnTransform<Object, Object>(
                getterNames.get(i),
                Object.class,
                Object.class,
                getters.get(i),
                null,
                Integer.MIN_VALUE));
      }
      ts.addAll(blocks.get(i).typeTfms());
      out.add(new Pipeline(ts));
    }
    return out;
  }

  Pipeline itemPipeline() {
    List<Transform<?, ?>> ts = new ArrayList<>();
    ts.add(new ToTensor());
    for (TransformBlock b : blocks) {
      ts.addAll(b.itemTfms());
    }
    ts.addAll(itemTfms);
    return new Pipeline(merge(ts));
  }

  Pipeline batchPipeline() {
    List<Transform<?, ?>> ts = new ArrayList<>();
    for (TransformBlock b : blocks) {
      ts.addAll(b.batchTfms());
    }
    ts.addAll(batchTfms);
    return new Pipeline(merge(ts));
  }

  UnaryOperator<List<Object>> beforeBatch() {
    UnaryOperator<List<Object>> hook = null;
    for (TransformBlock b : blocks) {
      UnaryOperator<List<Object>> h = b.beforeBatch().orElse(null);
      if (h != null) {
        UnaryOperator<List<Object>> prev = hook;
        hook = prev == null ? h : items -> h.apply(prev.apply(items));
      }
    }
    return hook;
  }

  /**
   * fastai's {@code _merge_tfms}: one transform per named class, the last given winning, in
   * first-seen position.
   */
  private static List<Transform<?, ?>> merge(List<Transform<?, ?>> ts) {
    Map<Object, Transform<?, ?>> byKey = new LinkedHashMap<>();
    for (Transform<?, ?> t : ts) {
      Class<?> c = t.getClass();
      boolean named =
          !(t instanceof FnTransform)
              && !c.isAnonymousClass()
              && !c.isSynthetic()
              && !c.isLocalClass();
      byKey.put(named ? c : new Object(), t);
    }
    return new ArrayList<>(byKey.values());
  }

  /** The blocks. */
  public List<TransformBlock> blocks() {
    return blocks;
  }

  /** The number of inputs. */
  public int nInp() {
    return nInp;
  }

  /** The splitter. */
  public Splitter splitter() {
    return splitter;
  }

  String itemsName() {
    return Describe.fnName(getItems, "getItems");
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (TransformBlock b : blocks) {
      names.add(b.name());
    }
    return "DataBlock[blocks "
        + names
        + ", nInp "
        + nInp
        + ", getters "
        + getterNames
        + ", "
        + splitter
        + "]";
  }

  /**
   * Builds a {@link DataBlock}; setters check their values, {@link #build()} checks that they fit
   * together.
   */
  public static final class Builder {
    private final List<TransformBlock> blocks = new ArrayList<>();
    private Function<Object, ? extends List<?>> getItems;
    private Function<Object, ?> getX;
    private Function<Object, ?> getY;
    private List<Function<Object, ?>> getters;
    private Splitter splitter;
    private final List<Transform<?, ?>> itemTfms = new ArrayList<>();
    private final List<Transform<?, ?>> batchTfms = new ArrayList<>();
    private int nInp = -1;

    private Builder() {}

    /** What each element is: inputs first, then targets. */
    public Builder blocks(TransformBlock... blocks) {
      for (int i = 0; i < blocks.length; i++) {
        Objects.requireNonNull(blocks[i], "block " + i + " is null");
      }
      this.blocks.clear();
      this.blocks.addAll(Arrays.asList(blocks));
      return this;
    }

    /** How to find the items in a source (e.g. {@code Getters.files(".png")}). */
    public Builder getItems(Function<Object, ? extends List<?>> getItems) {
      this.getItems = Objects.requireNonNull(getItems, "getItems");
      return this;
    }

    /** How to get each input from an item (default: the item itself). */
    public Builder getX(Function<Object, ?> getX) {
      this.getX = Objects.requireNonNull(getX, "getX");
      return this;
    }

    /**
     * {@link #getX(Function)} for items of a known type; an item of another type is an error naming
     * it.
     */
    public <T> Builder getX(Class<T> type, Function<? super T, ?> getX) {
      return getX(typed("getX", type, getX));
    }

    /** How to get each target from an item (default: the item itself). */
    public Builder getY(Function<Object, ?> getY) {
      this.getY = Objects.requireNonNull(getY, "getY");
      return this;
    }

    /** {@link #getY(Function)} for items of a known type. */
    public <T> Builder getY(Class<T> type, Function<? super T, ?> getY) {
      return getY(typed("getY", type, getY));
    }

    /** One getter per block (null entries: the item itself); instead of getX/getY. */
    public Builder getters(List<Function<Object, ?>> getters) {
      this.getters = new ArrayList<>(getters);
      return this;
    }

    /** How to split the items (default {@code Splitters.random()}: 20% validation). */
    public Builder splitter(Splitter splitter) {
      this.splitter = Objects.requireNonNull(splitter, "splitter");
      return this;
    }

    /** Item transforms added to the loaders (after ToTensor and the blocks'). */
    public Builder itemTfms(Transform<?, ?>... tfms) {
      itemTfms.addAll(nonNull("itemTfms", tfms));
      return this;
    }

    /** Batch transforms added to the loaders (after the blocks'). */
    public Builder batchTfms(Transform<?, ?>... tfms) {
      batchTfms.addAll(nonNull("batchTfms", tfms));
      return this;
    }

    /**
     * How many blocks, from the first, are inputs (default: all but the last; 1 with one block).
     */
    public Builder nInp(int nInp) {
      if (nInp < 1) {
        throw new IllegalArgumentException("nInp must be at least 1, got " + nInp);
      }
      this.nInp = nInp;
      return this;
    }

    /** The DataBlock; checks that blocks, getters and nInp fit together. */
    public DataBlock build() {
      if (blocks.isEmpty()) {
        throw new IllegalStateException(
            "DataBlock needs blocks: e.g. .blocks(Blocks.tensorImage(), Blocks.category())");
      }
      int n = nInp < 0 ? Math.max(1, blocks.size() - 1) : nInp;
      if (n > blocks.size()) {
        throw new IllegalStateException(
            "nInp " + n + " is more than the " + blocks.size() + " blocks");
      }
      List<Function<Object, ?>> gs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      if (getters != null) {
        if (getX != null || getY != null) {
          throw new IllegalStateException(
              "getters cannot be combined with getX/getY: give one getter per block, or use getX and getY");
        }
        if (getters.size() != blocks.size()) {
          throw new IllegalStateException(
              "getters has "
                  + getters.size()
                  + " entries but there are "
                  + blocks.size()
                  + " blocks; give one per block (null for the item itself)");
        }
        for (int i = 0; i < getters.size(); i++) {
          gs.add(getters.get(i));
          names.add(Describe.fnName(getters.get(i), "getter" + i));
        }
      } else {
        for (int i = 0; i < blocks.size(); i++) {
          boolean input = i < n;
          gs.add(input ? getX : getY);
          names.add(Describe.fnName(input ? getX : getY, input ? "getX" : "getY"));
        }
      }
      return new DataBlock(this, n, gs, names);
    }

    private static List<Transform<?, ?>> nonNull(String what, Transform<?, ?>[] tfms) {
      for (int i = 0; i < tfms.length; i++) {
        if (tfms[i] == null) {
          throw new IllegalArgumentException(what + ": transform " + i + " is null");
        }
      }
      return Arrays.asList(tfms);
    }

    private static <T> Function<Object, ?> typed(
        String what, Class<T> type, Function<? super T, ?> f) {
      Objects.requireNonNull(f, what);
      return new Function<Object, Object>() {
        @Override
        public Object apply(Object o) {
          if (!type.isInstance(o)) {
            throw new IllegalArgumentException(
                what + " expects a " + type.getSimpleName() + " but the item is " + Describe.of(o));
          }
          return f.apply(type.cast(o));
        }

        @Override
        public String toString() {
          return Describe.fnName(f, what);
        }
      };
    }
  }
}
