package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.Test;

/** Backward text data ({@link TextOptions#backwards}): each text's tokens reversed. */
class BackwardTextTest {
  private static final List<Map<String, String>> ROWS =
      List.of(
          Map.of("text", "one two three four five six", "label", "a", "v", "False"),
          Map.of("text", "seven eight nine ten", "label", "b", "v", "False"),
          Map.of("text", "five six", "label", "a", "v", "True"),
          Map.of("text", "one two three", "label", "b", "v", "True"));

  private static int[][] docs(DataLoaders dls, boolean train) {
    return TextItems.docs((train ? dls.train() : dls.valid()).dataset());
  }

  @Test
  void languageModelStreamReversesEachDocument() {
    TextOptions lm =
        TextOptions.of().isLm(true).minFreq(1).validCol("v").bs(1).seqLen(100).numWorkers(0);
    try (DataLoaders fwd = TextDataLoaders.fromDf(ROWS, lm);
        DataLoaders bwd = TextDataLoaders.fromDf(ROWS, lm.backwards(true))) {
      assertEquals(Vocab.of(fwd).itos(), Vocab.of(bwd).itos(), "reversing keeps the vocabulary");
      int[][] f = docs(fwd, false);
      int[][] b = docs(bwd, false);
      assertEquals(2, b.length);
      for (int i = 0; i < f.length; i++) {
        assertArrayEquals(ReverseText.reversed(f[i]), b[i], "document " + i);
        assertEquals(2, b[i][b[i].length - 1], "xxbos ends a reversed document");
      }
      // the (unshuffled) validation stream is document 0 reversed, then document 1 reversed; the
      // target is the same stream one token later
      Vocab v = Vocab.of(bwd);
      long[] x = bwd.valid().oneBatch().tensor(0).toLongArray();
      long[] y = bwd.valid().oneBatch().tensor(1).toLongArray();
      String[] expected = {"six", "five", "xxbos", "three", "two", "one", "xxbos"};
      assertEquals(6, x.length);
      for (int t = 0; t < 6; t++) {
        assertEquals(expected[t], v.itos().get((int) x[t]), "input " + t);
        assertEquals(expected[t + 1], v.itos().get((int) y[t]), "target " + t);
      }
    }
  }

  @Test
  void classifierTextsAreReversedAndPaddedLikeForwardOnes() {
    TextOptions clas = TextOptions.of().minFreq(1).validCol("v").bs(2).seqLen(4).numWorkers(0);
    try (DataLoaders fwd = TextDataLoaders.fromDf(ROWS, clas);
        DataLoaders bwd = TextDataLoaders.fromDf(ROWS, clas.backwards(true))) {
      int[][] f = docs(fwd, true);
      int[][] b = docs(bwd, true);
      for (int i = 0; i < f.length; i++) {
        assertArrayEquals(ReverseText.reversed(f[i]), b[i], "text " + i);
      }
      // valid batch: "xxbos one two three" (4) and "xxbos five six" (3) reversed, the shorter
      // one padded after its text (less than one chunk of padding)
      Vocab v = Vocab.of(bwd);
      Tuple batch = bwd.valid().oneBatch();
      long[] x = batch.tensor(0).toLongArray();
      String[] row0 = {"three", "two", "one", "xxbos"};
      String[] row1 = {"six", "five", "xxbos", "xxpad"};
      for (int t = 0; t < 4; t++) {
        assertEquals(row0[t], v.itos().get((int) x[t]), "row 0 position " + t);
        assertEquals(row1[t], v.itos().get((int) x[4 + t]), "row 1 position " + t);
      }
      // the labels are untouched
      assertArrayEquals(
          fwd.valid().oneBatch().tensor(1).toLongArray(), batch.tensor(1).toLongArray());
    }
  }

  @Test
  void encoderOfBackwardDataReversesRawTextAndKeepsTheFlagInJson() {
    TextOptions clas = TextOptions.of().minFreq(1).validCol("v").bs(2).numWorkers(0);
    try (DataLoaders fwd = TextDataLoaders.fromDf(ROWS, clas);
        DataLoaders bwd = TextDataLoaders.fromDf(ROWS, clas.backwards(true))) {
      TextEncoder f = (TextEncoder) fwd.inputEncoder().orElseThrow();
      TextEncoder b = (TextEncoder) bwd.inputEncoder().orElseThrow();
      assertFalse(f.backwards());
      assertTrue(b.backwards());
      int[] ids = f.ids("one two nine");
      assertArrayEquals(ReverseText.reversed(ids), b.ids("one two nine"));
      TextEncoder back = TextEncoder.fromJson(b.toJson());
      assertTrue(back.backwards());
      assertArrayEquals(b.ids("one two nine"), back.ids("one two nine"));
      assertFalse(TextEncoder.fromJson(f.toJson()).backwards());
    }
  }

  @Test
  void decodingReversesBack() {
    ReverseText r = new ReverseText();
    TensorText t = TensorText.ofIds(new int[] {5, 6, 7});
    assertArrayEquals(new int[] {7, 6, 5}, r.encode(t).ids());
    assertArrayEquals(new int[] {5, 6, 7}, r.decode(r.encode(t)).ids());
    assertArrayEquals(new int[] {5, 6, 7}, t.ids(), "the input is not changed");
  }
}
