package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericalizeTest {
  private static List<List<String>> texts(String... ts) {
    List<List<String>> out = new ArrayList<>();
    for (String t : ts) {
      out.add(List.of(t.split(" ")));
    }
    return out;
  }

  @Test
  void vocabIsSpecialsThenByFrequencyTiesByFirstSeenPaddedTo8() {
    // counts: b 4, a 3, c 3 (c seen after a), d 2, xxmaj 3 (a special: moved to the front)
    Vocab v =
        Numericalize.makeVocab(texts("d c a b xxmaj", "b a c b", "xxmaj a c b d xxmaj"), 3, 60000);
    assertEquals(
        List.of(
            "xxunk", "xxpad", "xxbos", "xxeos", "xxfld", "xxrep", "xxwrep", "xxup", "xxmaj", "b",
            "c", "a", "xxfake", "xxfake", "xxfake", "xxfake"),
        v.itos());
    // c (first seen in text 0 before a) ties a at 3 and comes first; d (2 < minFreq 3) is out
    assertEquals(16, v.size());
    assertEquals(Vocab.UNK, v.stoi("d"));
    assertEquals(Vocab.UNK, v.stoi("xxfake"));
    assertFalse(v.contains("xxfake"));
    assertEquals(9, v.stoi("b"));
  }

  @Test
  void minFreqAndMaxVocab() {
    Vocab all = Numericalize.makeVocab(texts("x y y z z z"), 1, 60000);
    assertEquals(List.of("z", "y", "x"), all.itos().subList(9, 12));
    assertEquals(16, all.size());
    // maxVocab counts the special tokens: 10 leaves room for one word
    Vocab small = Numericalize.makeVocab(texts("x y y z z z"), 1, 10);
    assertEquals("z", small.itos().get(9));
    assertEquals(16, small.size());
    assertTrue(small.itos().subList(10, 16).stream().allMatch("xxfake"::equals));
    // already a multiple of 8: nothing added (fastai 2.x would add 8 more xxfake)
    Vocab eight = Numericalize.makeVocab(texts("a1 a2 a3 a4 a5 a6 a7"), 1, 60000);
    assertEquals(16, eight.size());
    assertEquals("a7", eight.itos().get(15));
  }

  @Test
  void encodeUnknownToZeroAndDecodeDropsPadding() {
    Numericalize num = new Numericalize(1, 100);
    num.setup(List.of(new Tokens(List.of("xxbos", "hello", "world"))));
    TensorText t = num.encode(new Tokens(List.of("xxbos", "hello", "there", "world")));
    assertArrayEquals(new int[] {2, 9, 0, 10}, t.ids());
    assertEquals(
        List.of("xxbos", "hello", "world"),
        num.decode(TensorText.ofIds(new int[] {1, 1, 2, 9, 10, 1})).tokens());
  }

  @Test
  void aGivenVocabIsKeptAndBadSettingsAreRefused() {
    Vocab v = Numericalize.makeVocab(texts("a a a"), 3, 100);
    Numericalize num = new Numericalize(v);
    num.setup(List.of(new Tokens(List.of("b", "b", "b"))));
    assertEquals(v, num.vocab());
    assertThrows(IllegalStateException.class, () -> new Numericalize().vocab());
    var e = assertThrows(IllegalArgumentException.class, () -> new Numericalize(0, 100));
    assertTrue(e.getMessage().contains("minFreq"), e.getMessage());
  }
}
