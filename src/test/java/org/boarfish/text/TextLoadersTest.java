package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.boarfish.data.Category;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.Test;

/** The language-model stream layout, the sorted classifier batches and the padding, exactly. */
class TextLoadersTest {
  private static long[][] rows(Tuple b, int e) {
    long[] shape = b.tensor(e).shape();
    long[] v = b.tensor(e).toLongArray();
    long[][] out = new long[(int) shape[0]][];
    for (int r = 0; r < out.length; r++) {
      out[r] = Arrays.copyOfRange(v, (int) (r * shape[1]), (int) ((r + 1) * shape[1]));
    }
    return out;
  }

  private static TensorText range(int from, int to) {
    int[] ids = new int[to - from];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = from + i;
    }
    return TensorText.ofIds(ids);
  }

  @Test
  void lmStreamLayoutWithShiftedTargetsAndShorterLastBatch() {
    // tokens 0..22 in three texts; bs 2, seqLen 4 -> 22 tokens used, rows of bl = 11, 3 batches
    List<TensorText> docs = List.of(range(0, 5), range(5, 13), range(13, 23));
    try (DataLoader dl = LMDataLoader.builder(docs, 2, 4).numWorkers(0).build()) {
      assertEquals(3, dl.length());
      List<Tuple> bs = new ArrayList<>();
      dl.forEach(bs::add);
      assertArrayEquals(new long[][] {{0, 1, 2, 3}, {11, 12, 13, 14}}, rows(bs.get(0), 0));
      assertArrayEquals(new long[][] {{1, 2, 3, 4}, {12, 13, 14, 15}}, rows(bs.get(0), 1));
      assertArrayEquals(new long[][] {{4, 5, 6, 7}, {15, 16, 17, 18}}, rows(bs.get(1), 0));
      assertArrayEquals(new long[][] {{5, 6, 7, 8}, {16, 17, 18, 19}}, rows(bs.get(1), 1));
      assertArrayEquals(new long[][] {{8, 9, 10}, {19, 20, 21}}, rows(bs.get(2), 0));
      assertArrayEquals(new long[][] {{9, 10, 11}, {20, 21, 22}}, rows(bs.get(2), 1));
      assertEquals(1, bs.get(0).nInp());
    }
  }

  @Test
  void lmReshufflesTextsEachEpochReproducibly() {
    List<TensorText> docs = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      docs.add(range(d * 10, d * 10 + 10));
    }
    try (DataLoader a =
            LMDataLoader.builder(docs, 2, 100).shuffle(true).seed(7).numWorkers(0).build();
        DataLoader b =
            LMDataLoader.builder(docs, 2, 100).shuffle(true).seed(7).numWorkers(2).build()) {
      long[][] e0 = rows(a.iterator().next(), 0);
      long[][] e1 = rows(a.iterator().next(), 0);
      assertEquals(rows(b.iterator().next(), 0)[1][3], e0[1][3]);
      assertTrue(!Arrays.deepEquals(e0, e1), "a new epoch reshuffles the texts");
      // row 0 starts with a whole text (row 1 starts at token 49 of the stream, inside one)
      assertEquals(0, e0[0][0] % 10);
      assertEquals(e0[0][0] + 9, e0[0][9]);
      assertEquals(49, e0[0].length, "bl = (100 - 1) / 2 = 49 tokens per row, one short batch");
    }
  }

  private static List<Tuple> samples(int... lengths) {
    List<Tuple> out = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      int[] ids = new int[lengths[i]];
      Arrays.fill(ids, 100 + i);
      out.add(Tuple.of(TensorText.ofIds(ids), new Category("c" + (i % 2), i % 2)));
    }
    return out;
  }

  @Test
  void validationIsSortedLongestFirstAndPaddedInChunksFirst() {
    try (DataLoader dl = SortedDL.builder(samples(3, 7, 5, 7, 1), 2, 4).numWorkers(0).build()) {
      List<Tuple> bs = new ArrayList<>();
      dl.forEach(bs::add);
      assertEquals(3, bs.size());
      // order 1 (7), 3 (7), 2 (5), 0 (3), 4 (1)
      assertArrayEquals(
          new long[][] {{101, 101, 101, 101, 101, 101, 101}, {103, 103, 103, 103, 103, 103, 103}},
          rows(bs.get(0), 0));
      // 5 and 3 tokens, max 5: the shorter gets 2 pads, less than seqLen 4, so after the text
      assertArrayEquals(
          new long[][] {{102, 102, 102, 102, 102}, {100, 100, 100, 1, 1}}, rows(bs.get(1), 0));
      assertArrayEquals(new long[] {1, 1}, bs.get(0).tensor(1).toLongArray());
    }
  }

  @Test
  void padInputChunkPutsWholeChunksBeforeAndTheRestAfter() {
    List<Object> s = new ArrayList<>(samples(5, 12));
    List<Object> padded = PadInput.chunk(s, 1, true, 4);
    assertArrayEquals(
        new int[] {1, 1, 1, 1, 100, 100, 100, 100, 100, 1, 1, 1}, TextItems.ids(padded.get(0)));
    assertArrayEquals(TextItems.ids(s.get(1)), TextItems.ids(padded.get(1)));
    List<Object> after = PadInput.chunk(s, 1, false, 4);
    assertArrayEquals(
        new int[] {100, 100, 100, 100, 100, 1, 1, 1, 1, 1, 1, 1}, TextItems.ids(after.get(0)));
  }

  @Test
  void trainingBatchesAreBucketedWithTheLongestFirst() {
    int[] lengths = {4, 9, 2, 7, 1, 10, 3, 8, 6, 5, 11};
    List<Tuple> data = samples(lengths);
    SortedDL sampler = new SortedDL();
    int[] o0 = sampler.order(data, 2, true, 3, 0);
    int[] o1 = sampler.order(data, 2, true, 3, 1);
    assertEquals(10, o0[0], "the longest text leads the first batch");
    assertEquals(5, o0[1]);
    // one chunk of 100: sorted longest first, then batches 1..4 shuffled, the last (1 text) kept
    Set<Set<Integer>> pairs = new HashSet<>();
    for (int b = 0; b < 5; b++) {
      pairs.add(Set.of(lengths[o0[2 * b]], lengths[o0[2 * b + 1]]));
    }
    assertEquals(
        Set.of(Set.of(11, 10), Set.of(9, 8), Set.of(7, 6), Set.of(5, 4), Set.of(3, 2)), pairs);
    assertEquals(4, o0[10]);
    assertNotEquals(Arrays.toString(o0), Arrays.toString(o1), "each epoch shuffles the middle");
    assertArrayEquals(o0, new SortedDL().order(data, 2, true, 3, 0), "same seed, same order");
    try (DataLoader dl =
        SortedDL.builder(data, 2, 72).shuffle(true).dropLast(true).seed(3).numWorkers(0).build()) {
      assertEquals(5, dl.length());
      assertEquals(11, dl.iterator().next().tensor(0).shape()[1]);
    }
  }
}
