package org.boarfish.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.boarfish.data.BatchSampler;
import org.boarfish.data.DataLoader;
import org.boarfish.tensor.Generator;

/**
 * fastai's {@code SortedDL} as a {@link BatchSampler}, for text classification: texts of similar
 * length share a batch, so little padding is needed.
 *
 * <ul>
 *   <li>Validation (no shuffle): every text, longest first (ties in dataset order).
 *   <li>Training: a random permutation of the epoch; the longest text is swapped to the front;
 *       chunks of {@code 50·bs} are each sorted longest first; the result is cut into batches of
 *       {@code bs}, and the batches between the first (which holds the longest text, so a memory
 *       problem shows at once) and the last are shuffled.
 * </ul>
 */
public final class SortedDL implements BatchSampler {
  private final int chunkBatches;
  private final TextItems.EpochCache<int[]> orders = new TextItems.EpochCache<>();

  /** fastai's chunks of 50 batches. */
  public SortedDL() {
    this(50);
  }

  /** Sorts within chunks of {@code chunkBatches · bs} texts. */
  public SortedDL(int chunkBatches) {
    if (chunkBatches < 1) {
      throw new IllegalArgumentException("chunkBatches must be at least 1, got " + chunkBatches);
    }
    this.chunkBatches = chunkBatches;
  }

  /**
   * A loader builder over numericalized {@code (text, label)} samples, padded with {@link
   * PadInput#chunk} (pad index 1, padding first, chunks of {@code seqLen}).
   */
  public static DataLoader.Builder builder(List<?> samples, int bs, int seqLen) {
    return DataLoader.builder(samples)
        .bs(bs)
        .sampler(new SortedDL())
        .beforeBatch(s -> PadInput.chunk(s, Vocab.PAD, true, seqLen))
        .collate(TextCollate::collate);
  }

  @Override
  public int length(List<?> dataset, int bs, boolean dropLast) {
    int n = dataset.size();
    return dropLast ? n / bs : (n + bs - 1) / bs;
  }

  @Override
  public List<?> batch(List<?> dataset, int bs, boolean shuffle, long seed, int epoch, int b) {
    int[] order = order(dataset, bs, shuffle, seed, epoch);
    int start = b * bs;
    int end = Math.min(order.length, start + bs);
    if (start >= end) {
      throw new IndexOutOfBoundsException("batch " + b + " of " + length(dataset, bs, false));
    }
    List<Object> out = new ArrayList<>(end - start);
    for (int k = start; k < end; k++) {
      out.add(dataset.get(order[k]));
    }
    return out;
  }

  /** The item order of an epoch (batch {@code b} is positions {@code b·bs ..}). */
  public int[] order(List<?> dataset, int bs, boolean shuffle, long seed, int epoch) {
    return orders.get(
        dataset,
        shuffle,
        seed,
        epoch,
        () -> compute(TextItems.lengths(dataset), bs, shuffle, seed, epoch));
  }

  int[] compute(int[] res, int bs, boolean shuffle, long seed, int epoch) {
    int n = res.length;
    Comparator<Integer> longestFirst = (a, c) -> Integer.compare(res[c], res[a]);
    if (!shuffle) {
      return sorted(boxed(TextItems.permutation(n, null)), longestFirst);
    }
    Generator g = TextItems.epochGenerator(seed, epoch);
    int[] idxs = TextItems.permutation(n, g);
    int idxMax = 0;
    for (int i = 1; i < n; i++) {
      if (res[i] > res[idxMax]) {
        idxMax = i;
      }
    }
    for (int p = 0; p < n; p++) {
      if (idxs[p] == idxMax) {
        idxs[p] = idxs[0];
        idxs[0] = idxMax;
        break;
      }
    }
    int sz = chunkBatches * bs;
    int[] sortIdx = new int[n];
    for (int c = 0; c < n; c += sz) {
      int e = Math.min(n, c + sz);
      int[] chunk = sorted(boxed(Arrays.copyOfRange(idxs, c, e)), longestFirst);
      System.arraycopy(chunk, 0, sortIdx, c, chunk.length);
    }
    int nb = (n + bs - 1) / bs;
    if (nb <= 2) {
      return sortIdx;
    }
    int[] middle = TextItems.permutation(nb - 2, g);
    int[] out = new int[n];
    System.arraycopy(sortIdx, 0, out, 0, bs);
    int p = bs;
    for (int m : middle) {
      int from = (m + 1) * bs;
      System.arraycopy(sortIdx, from, out, p, bs);
      p += bs;
    }
    System.arraycopy(sortIdx, (nb - 1) * bs, out, p, n - (nb - 1) * bs);
    return out;
  }

  private static Integer[] boxed(int[] a) {
    Integer[] b = new Integer[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }

  private static int[] sorted(Integer[] a, Comparator<Integer> cmp) {
    Arrays.sort(a, cmp);
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  @Override
  public String toString() {
    return "SortedDL(chunks of " + chunkBatches + " batches)";
  }
}
