package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.Collate;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Collation for text loaders: {@link TensorText} elements (already of one length) go straight from
 * their Java arrays into one int64 {@code [B, T]} tensor; every other element is collated by {@link
 * Collate#collate}.
 */
public final class TextCollate {
  private TextCollate() {}

  /** One batch from samples ({@link Tuple}s, or single {@link TensorText}s). */
  public static Tuple collate(List<?> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("collate: no samples to make a batch of");
    }
    if (!(samples.get(0) instanceof Tuple first)) {
      return new Tuple(List.of(element(0, new ArrayList<>(samples))), 1);
    }
    List<Object> out = new ArrayList<>(first.size());
    for (int e = 0; e < first.size(); e++) {
      List<Object> column = new ArrayList<>(samples.size());
      for (Object s : samples) {
        column.add(((Tuple) s).get(e));
      }
      out.add(element(e, column));
    }
    return new Tuple(out, first.nInp());
  }

  private static Object element(int e, List<Object> column) {
    if (!(column.get(0) instanceof TensorText)) {
      return Collate.collate(column).get(0);
    }
    int t = TextItems.ids(column.get(0)).length;
    long[] v = new long[Math.multiplyExact(t, column.size())];
    for (int s = 0; s < column.size(); s++) {
      int[] ids = TextItems.ids(column.get(s));
      if (ids.length != t) {
        throw new IllegalArgumentException(
            "collate: element "
                + e
                + " (TensorText) of sample 0 has "
                + t
                + " tokens but of sample "
                + s
                + " "
                + ids.length
                + "; pad the batch first (PadInput.chunk as beforeBatch)");
      }
      for (int i = 0; i < t; i++) {
        v[s * t + i] = ids[i];
      }
    }
    return new TensorText(Tensor.of(v, column.size(), t));
  }
}
