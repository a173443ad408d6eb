package org.boarfish.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * How a {@link DataLoader} makes batch {@code b} of an epoch: the stages of fastai's {@code
 * TfmdDL}, each failure wrapped in a {@link DataException} naming the loader, the batch and the
 * item. Safe to call from several threads.
 */
final class BatchMaker {
  private final List<?> dataset;
  private final int bs;
  private final boolean shuffle;
  private final long seed;
  private final Split split;
  private final Pipeline afterItem;
  private final UnaryOperator<List<Object>> beforeBatch;
  private final Function<List<?>, Tuple> collate;
  private volatile Pipeline afterBatch;
  private final String name;
  private final BatchSampler sampler;

  BatchMaker(
      List<?> dataset,
      int bs,
      boolean shuffle,
      long seed,
      Split split,
      Pipeline afterItem,
      UnaryOperator<List<Object>> beforeBatch,
      Function<List<?>, Tuple> collate,
      Pipeline afterBatch,
      String name,
      BatchSampler sampler) {
    this.dataset = dataset;
    this.bs = bs;
    this.shuffle = shuffle;
    this.seed = seed;
    this.split = split;
    this.afterItem = afterItem;
    this.beforeBatch = beforeBatch;
    this.collate = collate;
    this.afterBatch = afterBatch;
    this.name = name;
    this.sampler = sampler;
  }

  /** Replaces the batch transforms ({@link DataLoader#addAfterBatch}). */
  void afterBatch(Pipeline p) {
    afterBatch = p;
  }

  /**
   * The item order of an epoch: a permutation seeded by the loader's seed and the epoch, or 0..n-1.
   */
  int[] order(int epoch) {
    int n = dataset.size();
    if (shuffle) {
      return Rng.permutation(n, new Generator(Rng.mix(seed, epoch, -1)));
    }
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    return o;
  }

  /**
   * Batch {@code b} of {@code order}: items through {@code afterItem}, {@code beforeBatch},
   * collation, then {@code afterBatch} if asked. Built in a {@link Scope} of its own; the result is
   * copied out of it. Random transforms draw from a generator seeded by (seed, epoch, b), so the
   * batch doesn't depend on the thread.
   */
  @SuppressWarnings("try")
  Tuple build(int[] order, int b, int epoch, boolean withAfterBatch) {
    Generator g = new Generator(Rng.mix(seed, epoch, b));
    return Rng.with(
        g,
        () -> {
          try (Scope scope = Scope.open()) {
            if (sampler != null) {
              return keep(finish(sampled(b, epoch), b, 0, withAfterBatch));
            }
            int start = b * bs;
            int end = Math.min(order.length, start + bs);
            List<Object> items = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
              int idx = order[k];
              try {
                items.add(afterItem.apply(dataset.get(idx), split));
              } catch (RuntimeException e) {
                throw new DataException(
                    where(b) + " failed on item " + idx + describeItem(idx) + ": " + message(e),
                    e,
                    idx);
              }
            }
            return keep(finish(items, b, start, withAfterBatch));
          }
        });
  }

  private List<Object> sampled(int b, int epoch) {
    List<?> samples;
    try {
      samples = sampler.batch(dataset, bs, shuffle, seed, epoch, b);
    } catch (RuntimeException e) {
      throw new DataException(where(b) + ": its sampler failed: " + message(e), e, -1);
    }
    List<Object> items = new ArrayList<>(samples.size());
    for (int k = 0; k < samples.size(); k++) {
      try {
        items.add(afterItem.apply(samples.get(k), split));
      } catch (RuntimeException e) {
        throw new DataException(
            where(b) + " failed on sample " + k + " of the batch: " + message(e), e, -1);
      }
    }
    return items;
  }

  private Tuple finish(List<Object> items, int b, int start, boolean withAfterBatch) {
    try {
      if (beforeBatch != null) {
        items = beforeBatch.apply(items);
      }
      Tuple batch = collate.apply(items);
      if (withAfterBatch) {
        batch = (Tuple) afterBatch.apply(batch, split);
      }
      return batch;
    } catch (RuntimeException e) {
      throw new DataException(
          where(b)
              + " (items at positions "
              + start
              + ".."
              + (start + items.size() - 1)
              + ") failed: "
              + message(e),
          e,
          -1);
    }
  }

  /**
   * Sets {@code afterItem} up on the dataset, then {@code afterBatch} on this loader's (lazily
   * built) batches.
   */
  void setupTransforms(int length) {
    afterItem.setup(dataset);
    if (afterBatch.isEmpty()) {
      return;
    }
    int[] order = order(0);
    afterBatch.setup(
        new AbstractList<Object>() {
          @Override
          public Object get(int b) {
            return build(order, b, 0, false);
          }

          @Override
          public int size() {
            return length;
          }
        });
  }

  private static Tuple keep(Tuple batch) {
    return batch.map(
        o -> {
          if (o instanceof TensorItem t) {
            return t.withTensor(t.tensor().keep());
          }
          return o instanceof Tensor t ? t.keep() : o;
        });
  }

  private String where(int b) {
    return "DataLoader '" + name + "': batch " + b;
  }

  private String describeItem(int idx) {
    try {
      if (dataset instanceof Datasets ds) {
        return " (" + Describe.of(ds.rawItem(idx)) + ")";
      }
      if (dataset instanceof TfmdLists tl) {
        return " (" + Describe.of(tl.rawItem(idx)) + ")";
      }
    } catch (RuntimeException ignored) {
      // the description is a courtesy
    }
    return "";
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
