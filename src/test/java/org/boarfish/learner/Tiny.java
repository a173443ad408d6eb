package org.boarfish.learner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Tuple;
import org.boarfish.metrics.Metric;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/** Small data and models for the learner tests: 4 features, 2 separable classes. */
public final class Tiny {
  private Tiny() {}

  /** x ~ N(0, 1) [n, 4], y = (x0 + x1 > 0) as int64. */
  public static Tensor[] data(int n, long seed) {
    Tensor x = Tensor.randn(new Generator(seed), n, 4);
    float[] xs = x.toFloatArray();
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = xs[4 * i] + xs[4 * i + 1] > 0 ? 1 : 0;
    }
    return new Tensor[] {x, Tensor.of(y, n)};
  }

  /**
   * 48 training items in 3 batches of 16 (shuffled, dropLast), 16 validation items in one batch.
   */
  public static DataLoaders dls() {
    return dls(48, 16, 16);
  }

  /** nTrain training items, nValid validation items, batch size bs. */
  public static DataLoaders dls(int nTrain, int nValid, int bs) {
    Tensor[] t = data(nTrain, 1);
    Tensor[] v = data(nValid, 2);
    return TensorDataLoaders.of(t[0], t[1], v[0], v[1], bs, 7, LossHint.CROSS_ENTROPY);
  }

  /** Loaders in order (no shuffling) over rows, for exact comparisons. */
  public static DataLoaders ordered(Tensor x, Tensor y, int bs) {
    List<Tuple> rows =
        new AbstractList<>() {
          @Override
          public Tuple get(int i) {
            return new Tuple(
                List.of(x.slice(0, i, i + 1).squeeze(0), y.slice(0, i, i + 1).squeeze(0)), 1);
          }

          @Override
          public int size() {
            return (int) x.size(0);
          }
        };
    DataLoader train = DataLoader.builder(rows).bs(bs).numWorkers(0).seed(1).name("train").build();
    DataLoader valid = DataLoader.builder(rows).bs(bs).numWorkers(0).seed(1).name("valid").build();
    return new DataLoaders(List.of(train, valid), LossHint.CROSS_ENTROPY);
  }

  /** Linear(4, 8) → ReLU → Linear(8, 2), seeded. */
  public static Module model() {
    Generator.manualSeed(3);
    return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
  }

  /**
   * A learner on {@link #dls()} writing under {@code dir}, quiet (its output goes to {@code sink}).
   */
  public static Learner learner(Path dir, Sink sink, Metric... metrics) {
    return Learner.builder(dls(), model()).path(dir).out(sink.stream()).metrics(metrics).build();
  }

  /** Collected text output. */
  public static final class Sink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The stream to print to. */
    public PrintStream stream() {
      return stream;
    }

    /** Everything printed so far. */
    public String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** A metric reporting a fixed sequence of values, one per validation epoch. */
  public static Metric scripted(String name, boolean higherIsBetter, double... values) {
    return new Metric() {
      private int epoch = -1;

      @Override
      public String name() {
        return name;
      }

      @Override
      public void reset() {
        epoch++;
      }

      @Override
      public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {}

      @Override
      public double value() {
        return values[Math.min(epoch, values.length - 1)];
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }
    };
  }
}
