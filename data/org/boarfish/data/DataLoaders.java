package org.boarfish.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A training loader, a validation loader and possibly more, like fastai's {@code DataLoaders}; what
 * a learner trains on. Closing it stops every loader's workers.
 *
 * <pre>{@code
 * try (var dls = dblock.dataloaders(path, 64)) {
 *   var b = dls.train().oneBatch();            // (TensorImage[64x1x28x28 float32], TensorCategory[64 int64])
 *   dls.vocab();                               // CategoryMap['3', '7']
 *   var test = dls.testDl(newFiles);           // the validation transforms on new items
 * }
 * }</pre>
 */
public final class DataLoaders implements AutoCloseable {
  private final List<DataLoader> loaders;
  private final LossHint lossHint;
  private volatile InputEncoder inputEncoder;
  private volatile CategoryMap vocab;

  /** Loaders: the first trains, the second validates. */
  public DataLoaders(DataLoader... loaders) {
    this(List.of(loaders), LossHint.NONE);
  }

  /** Loaders with the loss their target block suggests. */
  public DataLoaders(List<DataLoader> loaders, LossHint lossHint) {
    if (loaders.isEmpty()) {
      throw new IllegalArgumentException("DataLoaders need at least a training loader");
    }
    this.loaders = Collections.unmodifiableList(new ArrayList<>(loaders));
    this.lossHint = lossHint;
  }

  static DataLoaders fromDatasets(
      Datasets dsets,
      LoaderConfig cfg,
      Pipeline afterItem,
      UnaryOperator<List<Object>> beforeBatch,
      Pipeline afterBatch,
      LossHint hint,
      Shower shower,
      UnaryOperator<DataLoader.Builder> setup) {
    DataLoader.Builder b =
        DataLoader.builder(dsets.train())
            .bs(cfg.bs())
            .shuffle(cfg.shuffleTrain())
            .dropLast(cfg.dropLast())
            .seed(cfg.seed())
            .numWorkers(cfg.numWorkers())
            .afterItem(afterItem)
            .beforeBatch(beforeBatch)
            .afterBatch(afterBatch)
            .name("train");
    if (shower != null) {
      b.shower(shower);
    }
    if (setup != null) {
      b = setup.apply(b);
    }
    DataLoader train = b.build();
    DataLoader valid =
        train.toBuilder()
            .dataset(dsets.valid())
            .bs(cfg.effectiveValBs())
            .shuffle(false)
            .dropLast(false)
            .name("valid")
            .build();
    return new DataLoaders(List.of(train, valid), hint);
  }

  /**
   * Sets how raw inputs become model inputs for {@code predict} and exports (applications whose
   * items are not files or tensors set one); returns this.
   */
  public DataLoaders inputEncoder(InputEncoder encoder) {
    this.inputEncoder = encoder;
    return this;
  }

  /** The encoder of raw inputs, if the application set one. */
  public java.util.Optional<InputEncoder> inputEncoder() {
    return java.util.Optional.ofNullable(inputEncoder);
  }

  /** The training loader. */
  public DataLoader train() {
    return loaders.get(0);
  }

  /** The validation loader. */
  public DataLoader valid() {
    if (loaders.size() < 2) {
      throw new IllegalStateException("these DataLoaders have no validation loader");
    }
    return loaders.get(1);
  }

  /** Loader {@code i}. */
  public DataLoader get(int i) {
    return loaders.get(i);
  }

  /** All loaders. */
  public List<DataLoader> loaders() {
    return loaders;
  }

  /** The number of loaders. */
  public int size() {
    return loaders.size();
  }

  /** The loss the target block suggests ({@link LossHint#NONE} if none). */
  public LossHint lossHint() {
    return lossHint;
  }

  /** The number of inputs of a batch. */
  public int nInp() {
    return train().nInp();
  }

  /** {@code train().oneBatch()}. */
  public Tuple oneBatch() {
    return train().oneBatch();
  }

  /** {@code train().showBatch()}. */
  public void showBatch() {
    train().showBatch();
  }

  /**
   * A loader over new items with the validation transforms (item pipelines, item and batch
   * transforms; no shuffling, every item), fastai's {@code test_dl}. Without labels the samples
   * hold only the inputs.
   */
  public DataLoader testDl(List<?> items, boolean withLabels) {
    DataLoader v = loaders.size() > 1 ? valid() : train();
    if (!(v.dataset() instanceof Datasets ds)) {
      throw new IllegalStateException(
          "testDl needs loaders over Datasets (made by DataBlock or Datasets.dataloaders), not "
              + v.dataset().getClass().getSimpleName());
    }
    return v.toBuilder()
        .dataset(ds.testSet(items, withLabels))
        .split(Split.VALID)
        .shuffle(false)
        .dropLast(false)
        .name("test")
        .build();
  }

  /** {@link #testDl(List, boolean)} without labels. */
  public DataLoader testDl(List<?> items) {
    return testDl(items, false);
  }

  /**
   * Sets the target vocabulary for loaders whose datasets are not {@link Datasets} (an application
   * that encodes its targets itself, e.g. tabular); {@link #vocab()} and {@link #c()} then use it.
   * Returns this.
   */
  public DataLoaders vocab(CategoryMap vocab) {
    this.vocab = vocab;
    return this;
  }

  /**
   * The target vocabulary set with {@link #vocab(CategoryMap)}, else that of the first target that
   * has one (e.g. the classes of a {@link Categorize}).
   */
  public CategoryMap vocab() {
    if (vocab != null) {
      return vocab;
    }
    for (Pipeline p : targetPipelines()) {
      for (Transform<?, ?> t : p.transforms()) {
        if (t instanceof HasVocab v && v.hasVocab()) {
          return v.vocab();
        }
      }
    }
    throw new IllegalStateException(
        "no target of these loaders has a vocabulary (no Categorize or MultiCategorize)");
  }

  /**
   * The number of outputs a model needs: classes of a category target, width of a regression
   * target.
   */
  public int c() {
    if (vocab != null) {
      return vocab.size();
    }
    for (Pipeline p : targetPipelines()) {
      List<Transform<?, ?>> ts = p.transforms();
      for (int i = ts.size() - 1; i >= 0; i--) {
        Transform<?, ?> t = ts.get(i);
        if (t instanceof OneHotEncode o) {
          return o.c();
        }
        if (t instanceof HasVocab v && v.hasVocab()) {
          return v.vocab().size();
        }
        if (t instanceof RegressionSetup r) {
          return r.c();
        }
      }
    }
    throw new IllegalStateException(
        "cannot tell the number of outputs: no target has a Categorize, MultiCategorize/OneHotEncode or "
            + "RegressionSetup; give it to the learner explicitly");
  }

  private List<Pipeline> targetPipelines() {
    if (!(train().dataset() instanceof Datasets ds)) {
      return List.of();
    }
    List<Pipeline> ps = ds.pipelines();
    return ps.subList(ds.nInp(), ps.size());
  }

  /** Stops every loader's workers. */
  @Override
  public void close() {
    for (DataLoader dl : loaders) {
      dl.close();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DataLoaders[");
    for (int i = 0; i < loaders.size(); i++) {
      DataLoader dl = loaders.get(i);
      sb.append(i == 0 ? "" : ", ")
          .append(dl.name())
          .append(": ")
          .append(dl.dataset().size())
          .append(" items/")
          .append(dl.length())
          .append(" batches");
    }
    return sb.append(']').toString();
  }
}
