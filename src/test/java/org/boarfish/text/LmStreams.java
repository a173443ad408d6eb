package org.boarfish.text;

import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;

/**
 * Language-model batches for tests: a token stream laid out as {@code bs} contiguous rows, cut into
 * consecutive windows of {@code bptt} columns, targets shifted by one (fastai's LMDataLoader layout
 * without shuffling).
 */
final class LmStreams {
  private LmStreams() {}

  static DataLoader loader(long[] tokens, int bs, int bptt, String name) {
    int[] ids = new int[tokens.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) tokens[i];
    }
    return LMDataLoader.builder(List.of(ids), bs, bptt).numWorkers(0).seed(0).name(name).build();
  }

  static DataLoaders dls(long[] train, long[] valid, int bs, int bptt, TextInput input) {
    return new DataLoaders(
            List.of(loader(train, bs, bptt, "train"), loader(valid, bs, bptt, "valid")),
            LossHint.CROSS_ENTROPY)
        .inputEncoder(input);
  }
}
