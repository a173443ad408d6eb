package org.boarfish.collab;

import java.util.AbstractList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Ratings encoded with the vocabularies: user row, item row (0 = {@code #na#} when unseen) and
 * rating per rating; loaders over subsets of them collate {@code x [B, 2]} int64 and {@code y [B]}
 * float.
 */
final class RatingRows {
  private final int[] users;
  private final int[] items;
  private final float[] ratings;

  private RatingRows(int[] users, int[] items, float[] ratings) {
    this.users = users;
    this.items = items;
    this.ratings = ratings;
  }

  static RatingRows encode(RatingColumns cols, IdVocab userVocab, IdVocab itemVocab) {
    int n = cols.size();
    int[] u = new int[n];
    int[] i = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = userVocab.indexOf(cols.users[k]);
      i[k] = itemVocab.indexOf(cols.items[k]);
    }
    return new RatingRows(u, i, cols.ratings.clone());
  }

  /** How often each item row occurs among rows {@code idx}. */
  int[] itemCounts(int[] idx, int nItems) {
    int[] c = new int[nItems];
    for (int r : idx) {
      c[items[r]]++;
    }
    return c;
  }

  /** A loader builder over rows {@code idx} (no workers: collation is two array copies). */
  DataLoader.Builder loader(int[] idx, int bs, boolean train, long seed, String name) {
    List<Integer> ds =
        new AbstractList<>() {
          @Override
          public Integer get(int k) {
            return idx[k];
          }

          @Override
          public int size() {
            return idx.length;
          }
        };
    return DataLoader.builder(ds)
        .bs(bs)
        .shuffle(train)
        .dropLast(train)
        .seed(seed)
        .numWorkers(0)
        .collate(this::collate)
        .name(name);
  }

  private Tuple collate(List<?> rows) {
    int b = rows.size();
    long[] x = new long[2 * b];
    float[] y = new float[b];
    for (int k = 0; k < b; k++) {
      int r = (Integer) rows.get(k);
      x[2 * k] = users[r];
      x[2 * k + 1] = items[r];
      y[k] = ratings[r];
    }
    return new Tuple(List.of(Tensor.of(x, b, 2), Tensor.of(y, b)), 1);
  }
}
