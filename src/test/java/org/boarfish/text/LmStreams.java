package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * Language-model batches for tests: a token stream laid out as {@code bs} contiguous rows, cut into
 * consecutive windows of {@code bptt} columns, targets shifted by one (fastai's LMDataLoader layout
 * without shuffling).
 */
final class LmStreams {
  private LmStreams() {}

  static DataLoader loader(long[] tokens, int bs, int bptt, String name) {
    int len = (tokens.length - 1) / bs;
    long[] x = new long[bs * len];
    long[] y = new long[bs * len];
    for (int r = 0; r < bs; r++) {
      System.arraycopy(tokens, r * len, x, r * len, len);
      System.arraycopy(tokens, r * len + 1, y, r * len, len);
    }
    Tensor xs = Scope.outside(() -> Tensor.of(x, bs, len));
    Tensor ys = Scope.outside(() -> Tensor.of(y, bs, len));
    List<Integer> windows = new ArrayList<>();
    for (int s = 0; s < len; s += bptt) {
      windows.add(s);
    }
    return DataLoader.builder(windows)
        .bs(1)
        .numWorkers(0)
        .seed(0)
        .collate(
            items -> {
              int s = (Integer) items.get(0);
              int e = Math.min(s + bptt, len);
              return new Tuple(
                  List.of(xs.slice(1, s, e).contiguous(), ys.slice(1, s, e).contiguous()), 1);
            })
        .name(name)
        .build();
  }

  static DataLoaders dls(long[] train, long[] valid, int bs, int bptt, TextInput input) {
    return new DataLoaders(
            List.of(loader(train, bs, bptt, "train"), loader(valid, bs, bptt, "valid")),
            LossHint.CROSS_ENTROPY)
        .inputEncoder(input);
  }
}
