package org.boarfish.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;

/**
 * Batches from a dataset, like fastai's {@code TfmdDL}. For each batch: the item indices (shuffled
 * per epoch with a seed if asked) → each item {@code dataset.get(i)} through {@code afterItem} →
 * {@code beforeBatch} on the list → collation ({@link Collate}) → {@code afterBatch} on the batch
 * tensors (normalisation, augmentation). Iterating the loader runs one epoch; each new iteration is
 * the next epoch.
 *
 * <p>With {@code numWorkers > 0}, worker threads build up to {@code prefetch} batches ahead; the
 * batches arrive in the same order, with the same contents, as with no workers (random transforms
 * draw from a generator seeded by the loader's seed, the epoch and the batch index). A failure in a
 * worker is rethrown in the iterating thread as a {@link DataException} with the original cause and
 * the item index. {@link #close()} stops the workers.
 *
 * <p>Memory: each batch is built inside its own {@link Scope}, so intermediates are freed at once;
 * the finished batch is copied out of it and belongs to no scope, so a training step may use it
 * inside its own scope.
 *
 * <pre>{@code
 * try (var dl = DataLoader.builder(dsets.train()).bs(64).shuffle(true).dropLast(true).seed(42).numWorkers(2)
 *     .afterItem(new ToTensor()).afterBatch(new IntToFloatTensor()).build()) {
 *   for (Tuple b : dl) { ... b.x() ... b.y() ... }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Tuple>, AutoCloseable {
  private final Builder config;
  private final List<?> dataset;
  private final Pipeline afterItem;
  private volatile Pipeline afterBatch;
  private final AtomicInteger epochs = new AtomicInteger();
  private final LoaderWorkers workers;
  private final BatchMaker maker;

  private DataLoader(Builder b) {
    this.config = b.copy();
    this.dataset = b.dataset;
    this.afterItem = b.afterItem;
    this.afterBatch = b.afterBatch;
    this.workers = new LoaderWorkers(b.name, Math.max(1, b.numWorkers));
    this.maker =
        new BatchMaker(
            dataset,
            b.bs,
            b.shuffle,
            b.seed,
            b.split,
            afterItem,
            b.beforeBatch,
            b.collate,
            afterBatch,
            b.name,
            b.sampler);
  }

  /** A builder over a dataset (a {@link Datasets}, a {@link TfmdLists}, or any list of samples). */
  public static Builder builder(List<?> dataset) {
    return new Builder(dataset);
  }

  /**
   * A builder holding this loader's settings and its (already set-up) transforms: fastai's {@code
   * dl.new(...)}.
   */
  public Builder toBuilder() {
    return config.copy().setup(false);
  }

  /** The number of batches per epoch. */
  public int length() {
    if (config.sampler != null) {
      return config.sampler.length(dataset, config.bs, config.dropLast);
    }
    int n = dataset.size();
    return config.dropLast ? n / config.bs : (n + config.bs - 1) / config.bs;
  }

  /**
   * Starts an epoch: the next permutation (if shuffling) and, with workers, batches built ahead.
   */
  @Override
  public Iterator<Tuple> iterator() {
    int epoch = epochs.getAndIncrement();
    int[] order = order(epoch);
    int n = length();
    if (config.numWorkers == 0) {
      if (workers.isClosed()) {
        throw new IllegalStateException(
            "this DataLoader is closed; build a new one (e.g. dl.toBuilder().build())");
      }
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < n;
        }

        @Override
        public Tuple next() {
          if (next >= n) {
            throw new NoSuchElementException("the epoch has " + n + " batches");
          }
          return build(order, next++, epoch, true);
        }
      };
    }
    return workers.epoch(n, config.prefetch, b -> build(order, b, epoch, true));
  }

  /**
   * The first batch of the first epoch, built in the calling thread (the same batch on every call).
   */
  public Tuple oneBatch() {
    if (length() == 0) {
      throw new IllegalStateException(
          "DataLoader '"
              + config.name
              + "' has no batch: "
              + dataset.size()
              + " items with bs "
              + config.bs
              + (config.dropLast ? " and dropLast" : "")
              + "; use a smaller bs"
              + (config.dropLast ? " or dropLast(false)" : ""));
    }
    return build(order(0), 0, 0, true);
  }

  /**
   * The samples of a batch decoded for display: {@code afterBatch} decoded in reverse, the batch
   * cut into samples, then {@code afterItem} and the dataset's pipelines decoded (labels come back,
   * pixels return to 0..255).
   */
  public List<Tuple> decodeBatch(Tuple batch, int max) {
    Object dec = afterBatch.decode(batch, config.split);
    List<Tuple> out = new ArrayList<>();
    for (Tuple s : Collate.decollate((Tuple) dec, max)) {
      Tuple t = (Tuple) afterItem.decode(s, config.split);
      if (dataset instanceof Datasets ds) {
        t = ds.decode(t);
      } else if (dataset instanceof TfmdLists tl && t.size() == 1) {
        t = t.with(0, tl.decode(t.get(0)));
      }
      out.add(t);
    }
    return out;
  }

  /** Every sample of a batch decoded. */
  public List<Tuple> decodeBatch(Tuple batch) {
    return decodeBatch(batch, Integer.MAX_VALUE);
  }

  /** Shows up to 9 decoded samples of {@link #oneBatch()} with this loader's {@link Shower}. */
  public void showBatch() {
    showBatch(9);
  }

  /** Shows up to {@code max} decoded samples of {@link #oneBatch()}. */
  public void showBatch(int max) {
    showBatch(max, config.shower);
  }

  /** Shows up to {@code max} decoded samples of {@link #oneBatch()} with the given shower. */
  public void showBatch(int max, Shower shower) {
    shower.show(decodeBatch(oneBatch(), max));
  }

  /**
   * Stops the worker threads (waiting for them to end); the loader cannot be iterated afterwards.
   */
  @Override
  public void close() {
    workers.close();
  }

  private Tuple build(int[] order, int b, int epoch, boolean withAfterBatch) {
    return maker.build(order, b, epoch, withAfterBatch);
  }

  int[] order(int epoch) {
    return maker.order(epoch);
  }

  // ---------------------------------------------------------------- accessors

  /** The dataset batches are made from. */
  public List<?> dataset() {
    return dataset;
  }

  /** The batch size. */
  public int bs() {
    return config.bs;
  }

  /** Whether each epoch shuffles. */
  public boolean shuffle() {
    return config.shuffle;
  }

  /** Whether the last incomplete batch is dropped. */
  public boolean dropLast() {
    return config.dropLast;
  }

  /** The seed of shuffling and of random transforms. */
  public long seed() {
    return config.seed;
  }

  /** The number of worker threads (0: batches are built in the iterating thread). */
  public int numWorkers() {
    return config.numWorkers;
  }

  /** The sampler choosing each batch's samples, if not the default one. */
  public java.util.Optional<BatchSampler> sampler() {
    return java.util.Optional.ofNullable(config.sampler);
  }

  /** The split transforms run for. */
  public Split split() {
    return config.split;
  }

  /** The item transforms. */
  public Pipeline afterItem() {
    return afterItem;
  }

  /** The batch transforms. */
  public Pipeline afterBatch() {
    return afterBatch;
  }

  /**
   * Adds batch transforms to this loader in place (fastai's {@code dl.add_tfms(tfms,
   * 'after_batch')}): later batches run them, in order with the others. They are not set up, so
   * give transforms that need no set-up (e.g. a {@code Normalize} with given statistics).
   */
  public synchronized DataLoader addAfterBatch(Transform<?, ?>... tfms) {
    Pipeline p = afterBatch.plus(java.util.Arrays.asList(tfms));
    afterBatch = p;
    config.afterBatch = p;
    maker.afterBatch(p);
    return this;
  }

  /** The loader's name ("train", "valid", "test"), used in messages and thread names. */
  public String name() {
    return config.name;
  }

  /** The number of input elements of a batch. */
  public int nInp() {
    return dataset instanceof Datasets ds ? ds.nInp() : 1;
  }

  @Override
  public String toString() {
    return "DataLoader["
        + config.name
        + ": "
        + dataset.size()
        + " items, bs "
        + config.bs
        + ", "
        + length()
        + " batches"
        + (config.shuffle ? ", shuffled" : "")
        + (config.dropLast ? ", dropLast" : "")
        + ", "
        + config.numWorkers
        + " workers]";
  }

  /** Settings of a {@link DataLoader}; each setter checks its value at once. */
  public static final class Builder {
    private final List<?> dataset;
    private int bs = 64;
    private boolean shuffle;
    private boolean dropLast;
    private long seed;
    private boolean seedSet;
    private int numWorkers = LoaderConfig.defaultWorkers();
    private int prefetch = -1;
    private Pipeline afterItem = Pipeline.empty();
    private UnaryOperator<List<Object>> beforeBatch;
    private Pipeline afterBatch = Pipeline.empty();
    private Function<List<?>, Tuple> collate = Collate::collate;
    private BatchSampler sampler;
    private Split split;
    private Shower shower = Shower.table();
    private String name = "loader";
    private boolean setup = true;

    private Builder(List<?> dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      this.split =
          dataset instanceof Datasets ds
              ? ds.split()
              : dataset instanceof TfmdLists tl ? tl.split() : Split.ALL;
    }

    /** Items per batch (default 64). */
    public Builder bs(int bs) {
      if (bs < 1) {
        throw new IllegalArgumentException("bs must be at least 1, got " + bs);
      }
      this.bs = bs;
      return this;
    }

    /** Shuffle the items each epoch (default false). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** Drop the last incomplete batch (default false). */
    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    /**
     * The seed of shuffling and random transforms (default: drawn from {@code Generator.global()}).
     */
    public Builder seed(long seed) {
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /**
     * Worker threads building batches ahead (default {@code min(16, cores)}; 0 builds them when
     * asked).
     */
    public Builder numWorkers(int numWorkers) {
      if (numWorkers < 0) {
        throw new IllegalArgumentException(
            "numWorkers must not be negative (0 builds batches in the caller's thread), got "
                + numWorkers);
      }
      this.numWorkers = numWorkers;
      return this;
    }

    /** Batches built ahead at most (default 2 per worker). */
    public Builder prefetch(int prefetch) {
      if (prefetch < 1) {
        throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
      }
      this.prefetch = prefetch;
      return this;
    }

    /** Item transforms, applied to each sample (default none). */
    public Builder afterItem(Transform<?, ?>... tfms) {
      return afterItem(Pipeline.of(tfms));
    }

    /** Item transforms as a pipeline. */
    public Builder afterItem(Pipeline p) {
      this.afterItem = Objects.requireNonNull(p, "afterItem");
      return this;
    }

    /** A hook on the list of samples of a batch before collation (e.g. padding). */
    public Builder beforeBatch(UnaryOperator<List<Object>> hook) {
      this.beforeBatch = hook;
      return this;
    }

    /** Batch transforms, applied to whole batch tensors (default none). */
    public Builder afterBatch(Transform<?, ?>... tfms) {
      return afterBatch(Pipeline.of(tfms));
    }

    /** Batch transforms as a pipeline. */
    public Builder afterBatch(Pipeline p) {
      this.afterBatch = Objects.requireNonNull(p, "afterBatch");
      return this;
    }

    /** Replaces the collation of samples into a batch (default {@link Collate#collate}). */
    public Builder collate(Function<List<?>, Tuple> collate) {
      this.collate = Objects.requireNonNull(collate, "collate");
      return this;
    }

    /**
     * Chooses each batch's samples instead of cutting the (shuffled) item order into runs of {@code
     * bs} (default: none); see {@link BatchSampler}.
     */
    public Builder sampler(BatchSampler sampler) {
      this.sampler = sampler;
      return this;
    }

    /** The split transforms run for (default: the dataset's). */
    public Builder split(Split split) {
      this.split = Objects.requireNonNull(split, "split");
      return this;
    }

    /** How {@link DataLoader#showBatch} shows samples (default: a text table). */
    public Builder shower(Shower shower) {
      this.shower = Objects.requireNonNull(shower, "shower");
      return this;
    }

    /** A name for messages and thread names (default "loader"). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Whether {@link #build()} sets the transforms up on this loader's data (default true). */
    public Builder setup(boolean setup) {
      this.setup = setup;
      return this;
    }

    /** The same settings over another dataset. */
    public Builder dataset(List<?> dataset) {
      Builder b = copyOnto(new Builder(dataset));
      b.split =
          dataset instanceof Datasets ds
              ? ds.split()
              : dataset instanceof TfmdLists tl ? tl.split() : split;
      return b;
    }

    /**
     * The loader; sets up {@code afterItem} then {@code afterBatch} (on a batch of its own) unless
     * told not to.
     */
    public DataLoader build() {
      if (prefetch < 0) {
        prefetch = Math.max(2, 2 * numWorkers);
      }
      if (!seedSet) {
        seed(Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
      }
      DataLoader dl = new DataLoader(this);
      if (setup) {
        dl.maker.setupTransforms(dl.length());
      }
      return dl;
    }

    Builder copy() {
      return copyOnto(new Builder(dataset));
    }

    private Builder copyOnto(Builder b) {
      b.bs = bs;
      b.shuffle = shuffle;
      b.dropLast = dropLast;
      b.seed = seed;
      b.seedSet = seedSet;
      b.numWorkers = numWorkers;
      b.prefetch = prefetch;
      b.afterItem = afterItem;
      b.beforeBatch = beforeBatch;
      b.afterBatch = afterBatch;
      b.collate = collate;
      b.sampler = sampler;
      b.split = split;
      b.shower = shower;
      b.name = name;
      b.setup = setup;
      return b;
    }
  }
}
