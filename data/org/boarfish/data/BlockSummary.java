package org.boarfish.data;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link DataBlock#summary}: runs every step by hand on the first training items, printing the
 * value after each.
 */
final class BlockSummary {
  private final DataBlock block;
  private final PrintStream out;

  BlockSummary(DataBlock block, PrintStream out) {
    this.block = block;
    this.out = out;
  }

  void run(Object source, int bs) {
    if (bs < 1) {
      throw new IllegalArgumentException("summary: bs must be at least 1, got " + bs);
    }
    out.println("Setting-up type transforms pipelines");
    out.println("Collecting items from " + Describe.of(source));
    List<?> items =
        step("collecting items with " + block.itemsName(), -1, null, () -> block.items(source));
    out.println("Found " + items.size() + " items");
    Splits splits =
        step("splitting with " + block.splitter(), -1, null, () -> block.splitter().split(items));
    out.println("2 datasets of sizes " + splits.trainRef().length + "," + splits.validRef().length);
    if (splits.trainRef().length == 0) {
      fail(
          "splitting with " + block.splitter(),
          -1,
          null,
          new IllegalStateException("the training split is empty"));
    }
    Datasets dsets =
        step(
            "setting up the type pipelines on the training items",
            -1,
            null,
            () -> new Datasets(items, block.typePipelines(), splits, block.nInp()));
    for (Pipeline p : dsets.pipelines()) {
      out.println("Setting up " + p);
    }

    Datasets train = dsets.train();
    int first = splits.trainRef()[0];
    Object raw = train.rawItem(0);
    out.println();
    out.println("Building one sample");
    List<Object> elements = new ArrayList<>();
    for (Pipeline p : dsets.pipelines()) {
      elements.add(walk(p, raw, first, raw, "  "));
    }
    Tuple sample = new Tuple(elements, dsets.nInp());
    out.println();
    out.println("Final sample: " + sample);

    int n = Math.min(bs, train.size());
    out.println();
    out.println("Collecting items into a batch of size " + n);
    LoaderConfig cfg =
        LoaderConfig.defaults()
            .withBs(n)
            .withNumWorkers(0)
            .withDropLast(false)
            .withShuffleTrain(false);
    try (DataLoaders dls =
        step(
            "setting up the loaders' item and batch transforms",
            -1,
            null,
            () -> block.loaders(dsets, cfg))) {
      DataLoader dl = dls.train();
      out.println("Setting up after_item: " + dl.afterItem());
      out.println(
          "Setting up before_batch: "
              + (block.beforeBatch() == null ? "(none)" : "the blocks' hook"));
      out.println("Setting up after_batch: " + dl.afterBatch());
      out.println();
      out.println("Building one batch");
      out.println("Applying item_tfms to the first sample:");
      List<Object> samples = new ArrayList<>();
      samples.add(walk(dl.afterItem(), sample, first, raw, "  "));
      out.println();
      if (n > 1) {
        out.println("Adding the next " + (n - 1) + " samples");
      }
      for (int k = 1; k < n; k++) {
        int idx = splits.trainRef()[k];
        Object rawK = train.rawItem(k);
        final int kk = k;
        samples.add(
            step(
                "building sample " + k + " and applying item_tfms",
                idx,
                rawK,
                () -> dl.afterItem().apply(train.get(kk), Split.TRAIN)));
      }
      out.println();
      if (block.beforeBatch() == null) {
        out.println("No before_batch transform to apply");
      } else {
        List<Object> s0 = samples;
        samples = step("applying before_batch", -1, null, () -> block.beforeBatch().apply(s0));
        out.println("Applied before_batch");
      }
      out.println();
      out.println("Collating items in a batch");
      List<Object> s1 = samples;
      Tuple batch = step("collating " + n + " samples", -1, null, () -> Collate.collate(s1));
      out.println("  " + batch);
      out.println();
      if (dl.afterBatch().isEmpty()) {
        out.println("No batch_tfms to apply");
      } else {
        out.println("Applying batch_tfms to the batch built");
        walk(dl.afterBatch(), batch, -1, null, "  ");
      }
    }
  }

  /** Applies a pipeline transform by transform, printing each value; returns the result. */
  private Object walk(Pipeline p, Object x, int idx, Object raw, String indent) {
    out.println(indent + p);
    out.println(indent + "  starting from");
    out.println(indent + "    " + Describe.of(x));
    Object v = x;
    for (Transform<?, ?> t : p.transforms()) {
      Object in = v;
      v = step("applying " + t.name(), idx, raw, () -> t.apply(in, Split.TRAIN));
      out.println(indent + "  applying " + t.name() + " gives");
      out.println(indent + "    " + Describe.of(v));
    }
    return v;
  }

  private <T> T step(String what, int idx, Object raw, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw fail(what, idx, raw, e);
    }
  }

  private DataException fail(String what, int idx, Object raw, RuntimeException e) {
    String item = idx < 0 ? "" : " on item " + idx + " (" + Describe.of(raw) + ")";
    String msg =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    out.println();
    out.println("Error! The step '" + what + "' failed" + item + ":");
    out.println("  " + msg);
    throw new DataException(
        "DataBlock.summary: the step '" + what + "' failed" + item + ": " + msg, e, idx);
  }
}
