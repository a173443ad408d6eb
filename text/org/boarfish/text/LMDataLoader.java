package org.boarfish.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boarfish.data.BatchSampler;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;

/**
 * fastai's {@code LMDataLoader} as a {@link BatchSampler}: the texts (reshuffled each epoch when
 * the loader shuffles) are concatenated into one token stream, whose first {@code (total - 1)}
 * tokens rounded down to a multiple of {@code bs} are cut into {@code bs} rows of {@code bl}
 * tokens; batch {@code k} is columns {@code k·seqLen ..} of every row, so each row continues the
 * previous batch's row (the model's hidden state carries over), and the target is the input shifted
 * by one token. The last batch is shorter when {@code bl} is not a multiple of {@code seqLen}.
 * Samples are {@code (x, y)} pairs of {@link TensorText}, collated into {@code [bs, sl]} int64
 * tensors.
 *
 * <pre>
 * stream 0 1 2 ... 22 (23 tokens), bs 2, seqLen 4: bl = 11
 * row 0: x  0  1  2  3 |  4  5  6  7 |  8  9 10      y  1 ..  4 |  5 ..  8 |  9 10 11
 * row 1: x 11 12 13 14 | 15 16 17 18 | 19 20 21      y 12 .. 15 | 16 .. 19 | 20 21 22
 *          batch 0       batch 1       batch 2 (3 columns)
 * </pre>
 */
public final class LMDataLoader implements BatchSampler {
  private final int seqLen;
  private final TextItems.EpochCache<int[]> streams = new TextItems.EpochCache<>();

  /** Batches of {@code seqLen} tokens (fastai: 72). */
  public LMDataLoader(int seqLen) {
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqLen must be at least 1, got " + seqLen);
    }
    this.seqLen = seqLen;
  }

  /**
   * A loader builder over numericalized texts with this layout: {@code LMDataLoader.builder(docs,
   * 64, 72).shuffle(true).seed(42).build()}.
   */
  public static DataLoader.Builder builder(List<?> docs, int bs, int seqLen) {
    return DataLoader.builder(docs)
        .bs(bs)
        .sampler(new LMDataLoader(seqLen))
        .collate(TextCollate::collate);
  }

  /** The sequence length. */
  public int seqLen() {
    return seqLen;
  }

  /** Tokens per row: {@code ((total - 1) / bs · bs) / bs}. */
  static int rowLength(List<?> dataset, int bs) {
    long total = 0;
    for (int[] d : TextItems.docs(dataset)) {
      total += d.length;
    }
    return (int) (Math.max(0, total - 1) / bs);
  }

  @Override
  public int length(List<?> dataset, int bs, boolean dropLast) {
    int bl = rowLength(dataset, bs);
    return (bl + seqLen - 1) / seqLen;
  }

  @Override
  public List<?> batch(List<?> dataset, int bs, boolean shuffle, long seed, int epoch, int b) {
    int bl = rowLength(dataset, bs);
    int n = (bl + seqLen - 1) / seqLen;
    if (b < 0 || b >= n) {
      throw new IndexOutOfBoundsException("batch " + b + " of " + n);
    }
    int[] stream =
        streams.get(dataset, shuffle, seed, epoch, () -> stream(dataset, shuffle, seed, epoch));
    int sl = b == n - 1 ? bl - (n - 1) * seqLen : seqLen;
    List<Object> out = new ArrayList<>(bs);
    for (int r = 0; r < bs; r++) {
      int st = r * bl + b * seqLen;
      out.add(
          new Tuple(
              List.of(
                  TensorText.ofIds(Arrays.copyOfRange(stream, st, st + sl)),
                  TensorText.ofIds(Arrays.copyOfRange(stream, st + 1, st + sl + 1))),
              1));
    }
    return out;
  }

  private static int[] stream(List<?> dataset, boolean shuffle, long seed, int epoch) {
    int[][] docs = TextItems.docs(dataset);
    int[] order =
        shuffle
            ? TextItems.permutation(docs.length, TextItems.epochGenerator(seed, epoch))
            : TextItems.permutation(docs.length, null);
    int total = 0;
    for (int[] d : docs) {
      total += d.length;
    }
    int[] s = new int[total];
    int p = 0;
    for (int i : order) {
      System.arraycopy(docs[i], 0, s, p, docs[i].length);
      p += docs[i].length;
    }
    return s;
  }

  @Override
  public String toString() {
    return "LMDataLoader(seqLen=" + seqLen + ")";
  }
}
