package org.boarfish.tabular;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Splits;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Loaders over row indices: the dataset of a loader is the list of its rows' indices, and a batch
 * is collated straight from the column arrays of {@link TabularData} into an int64 {@code [B,
 * nCat]} matrix, a float32 {@code [B, nCont]} matrix and the targets, without row objects.
 */
final class TabularLoaders {
  private TabularLoaders() {}

  /**
   * Training and validation loaders over {@code splits} of the columns; with {@code splits} null,
   * one unshuffled loader over every row (a test set).
   */
  static DataLoaders of(TabularData data, Columns cols, Splits splits, int bs) {
    DataLoader.Builder b =
        DataLoader.builder(new RowIds(splits == null ? all(cols) : splits.train()))
            .bs(bs)
            .shuffle(splits != null)
            .dropLast(splits != null)
            .numWorkers(0)
            .collate(items -> collate(cols, items))
            .shower(new TabularShower(data))
            .name(splits == null ? "test" : "train");
    List<DataLoader> loaders = new ArrayList<>();
    DataLoader first = b.build();
    loaders.add(first);
    if (splits != null) {
      loaders.add(
          first.toBuilder()
              .dataset(new RowIds(splits.valid()))
              .shuffle(false)
              .dropLast(false)
              .name("valid")
              .build());
    }
    LossHint hint = data.yBlock() == YBlock.CATEGORY ? LossHint.CROSS_ENTROPY : LossHint.MSE;
    DataLoaders dls = new DataLoaders(loaders, hint);
    dls.inputEncoder(data.encoder());
    if (data.yBlock() == YBlock.CATEGORY) {
      dls.vocab(data.yVocab());
    }
    return dls;
  }

  private static int[] all(Columns cols) {
    int n = cols.cats().length > 0 ? cols.cats()[0].length : cols.conts()[0].length;
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** The batch of the rows {@code items} (Integers): cats, conts, and the targets if labelled. */
  static Tuple collate(Columns cols, List<?> items) {
    int n = items.size();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = (Integer) items.get(i);
    }
    Tensor xc = cats(cols.cats(), rows);
    Tensor xf = conts(cols.conts(), rows);
    if (!cols.labelled()) {
      return new Tuple(List.of(xc, xf), 2);
    }
    Tensor y;
    if (cols.yCodes() != null) {
      int[] codes = cols.yCodes();
      long[] yb = new long[n];
      for (int i = 0; i < n; i++) {
        yb[i] = codes[rows[i]];
      }
      y = Tensor.of(yb, n);
    } else {
      float[][] v = cols.yValues();
      y = Tensor.of(gather(v, rows), n, v.length);
    }
    return new Tuple(List.of(xc, xf, y), 2);
  }

  /** The int64 {@code [rows, columns]} matrix of column-major codes. */
  static Tensor cats(int[][] cols, int[] rows) {
    int n = rows.length;
    int k = cols.length;
    long[] out = new long[n * k];
    for (int j = 0; j < k; j++) {
      int[] c = cols[j];
      for (int i = 0; i < n; i++) {
        out[i * k + j] = c[rows[i]];
      }
    }
    return Tensor.of(out, n, k);
  }

  /** The float32 {@code [rows, columns]} matrix of column-major values. */
  static Tensor conts(float[][] cols, int[] rows) {
    return Tensor.of(gather(cols, rows), rows.length, cols.length);
  }

  private static float[] gather(float[][] cols, int[] rows) {
    int n = rows.length;
    int k = cols.length;
    float[] out = new float[n * k];
    for (int j = 0; j < k; j++) {
      float[] c = cols[j];
      for (int i = 0; i < n; i++) {
        out[i * k + j] = c[rows[i]];
      }
    }
    return out;
  }

  /** The row indices of a split, as the loader's dataset. */
  static final class RowIds extends AbstractList<Integer> {
    private final int[] rows;

    RowIds(int[] rows) {
      this.rows = rows;
    }

    @Override
    public Integer get(int i) {
      return rows[i];
    }

    @Override
    public int size() {
      return rows.length;
    }
  }
}
