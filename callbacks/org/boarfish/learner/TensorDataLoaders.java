package org.boarfish.learner;

import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Small in-memory {@link DataLoaders} for tests, benchmarks and data already in tensors: samples
 * are the rows (dim 0) of an input and a target tensor.
 *
 * <pre>{@code
 * var dls = TensorDataLoaders.of(xTrain, yTrain, xValid, yValid, 64, 42, LossHint.CROSS_ENTROPY);
 * var bench = TensorDataLoaders.fixedBatch(x, y, 50, LossHint.CROSS_ENTROPY);   // the same batch 50 times an epoch
 * }</pre>
 */
public final class TensorDataLoaders {
  private TensorDataLoaders() {}

  /**
   * Training (shuffled with {@code seed}, dropLast) and validation loaders over rows of tensors; no
   * worker threads.
   */
  public static DataLoaders of(
      Tensor xTrain,
      Tensor yTrain,
      Tensor xValid,
      Tensor yValid,
      int bs,
      long seed,
      LossHint hint) {
    DataLoader train =
        DataLoader.builder(rows(xTrain, yTrain))
            .bs(bs)
            .shuffle(true)
            .dropLast(true)
            .seed(seed)
            .numWorkers(0)
            .name("train")
            .build();
    DataLoader valid =
        DataLoader.builder(rows(xValid, yValid))
            .bs(bs)
            .shuffle(false)
            .dropLast(false)
            .seed(seed)
            .numWorkers(0)
            .name("valid")
            .build();
    return new DataLoaders(List.of(train, valid), hint);
  }

  /**
   * Loaders whose every batch is {@code (x, y)}: {@code batches} per training epoch and one
   * validation batch. For measuring the training loop's own overhead (the benchmark runs W2 through
   * {@code Learner.fit} this way).
   */
  public static DataLoaders fixedBatch(Tensor x, Tensor y, int batches, LossHint hint) {
    if (batches < 1) {
      throw new IllegalArgumentException(
          "fixedBatch needs at least one batch per epoch, got " + batches);
    }
    int bs = (int) x.size(0);
    Tuple batch = new Tuple(List.of(x, y), 1);
    DataLoader train =
        DataLoader.builder(Collections.nCopies(batches * bs, Boolean.TRUE))
            .bs(bs)
            .numWorkers(0)
            .collate(items -> batch)
            .name("train")
            .seed(0)
            .build();
    DataLoader valid =
        DataLoader.builder(Collections.nCopies(bs, Boolean.TRUE))
            .bs(bs)
            .numWorkers(0)
            .collate(items -> batch)
            .name("valid")
            .seed(0)
            .build();
    return new DataLoaders(List.of(train, valid), hint);
  }

  private static List<Tuple> rows(Tensor x, Tensor y) {
    if (x.size(0) != y.size(0)) {
      throw new IllegalArgumentException(
          "inputs and targets need the same number of rows, got "
              + x.size(0)
              + " and "
              + y.size(0));
    }
    int n = (int) x.size(0);
    return new AbstractList<>() {
      @Override
      public Tuple get(int i) {
        return new Tuple(
            List.of(x.slice(0, i, i + 1).squeeze(0), y.slice(0, i, i + 1).squeeze(0)), 1);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }
}
