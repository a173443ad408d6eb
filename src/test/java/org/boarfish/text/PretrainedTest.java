package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataCache;
import org.boarfish.data.DatasetUrl;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching pretrained embeddings to a new vocabulary, the vocabulary pickle, the offline error. */
class PretrainedTest {
  @TempDir Path dir;

  @Test
  void matchEmbedsCopiesKnownWordsAndGivesUnknownOnesTheMean() {
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("0.encoder.weight", Tensor.of(new float[] {0, 0, 1, 1, 2, 4, 5, 3}, 4, 2));
    w.put("0.encoder_dp.emb.weight", Tensor.of(new float[] {0, 0, 1, 1, 2, 4, 5, 3}, 4, 2));
    w.put("0.rnns.0.weight_hh_l0_raw", Tensor.ones(4, 1));
    w.put("1.decoder.weight", Tensor.of(new float[] {0, 0, 1, 1, 2, 4, 5, 3}, 4, 2));
    w.put("1.decoder.bias", Tensor.of(new float[] {1, 2, 3, 6}, 4));
    List<String> old = List.of("xxunk", "xxpad", "the", "cat");
    List<String> neu = List.of("xxunk", "xxpad", "cat", "dog", "the");
    Map<String, Tensor> m = Pretrained.matchEmbeds(w, old, neu);
    // mean row (0+1+2+5)/4, (0+1+4+3)/4 = (2, 2); mean bias 3
    float[] expected = {0, 0, 1, 1, 5, 3, 2, 2, 2, 4};
    assertArrayEquals(expected, m.get("0.encoder.weight").toFloatArray());
    assertArrayEquals(expected, m.get("0.encoder_dp.emb.weight").toFloatArray());
    assertArrayEquals(expected, m.get("1.decoder.weight").toFloatArray());
    assertArrayEquals(new float[] {1, 2, 6, 3, 3}, m.get("1.decoder.bias").toFloatArray());
    assertArrayEquals(new long[] {5, 2}, m.get("0.encoder.weight").shape());
    assertEquals(w.get("0.rnns.0.weight_hh_l0_raw"), m.get("0.rnns.0.weight_hh_l0_raw"));
    // the input map is left alone
    assertArrayEquals(new long[] {4, 2}, w.get("0.encoder.weight").shape());
  }

  @Test
  void matchedWeightsLoadIntoALanguageModelOfTheNewVocabulary() {
    LanguageModel src = new LanguageModel(4, AwdLstmAndLearnerFixtures.SMALL);
    Map<String, Tensor> old = new LinkedHashMap<>(src.stateDict());
    old.put("0.rnns.0.module.weight_hh_l0", old.get("0.rnns.0.weight_hh_l0_raw"));
    Map<String, Tensor> w = Pretrained.cleanRawKeys(old);
    assertFalse(w.containsKey("0.rnns.0.module.weight_hh_l0"));
    w =
        Pretrained.matchEmbeds(
            w,
            List.of("xxunk", "xxpad", "a", "b"),
            List.of("xxunk", "xxpad", "b", "c", "d", "e", "f", "g"));
    LanguageModel dst = new LanguageModel(8, AwdLstmAndLearnerFixtures.SMALL);
    assertTrue(dst.loadStateDict(w, true).isClean());
    float[] srcEmb = src.encoder().encoder().weight().toFloatArray();
    float[] dstEmb = dst.encoder().encoder().weight().toFloatArray();
    int d = AwdLstmAndLearnerFixtures.SMALL.embSz();
    assertEquals(srcEmb[3 * d], dstEmb[2 * d], "b moved from row 3 to row 2");
    assertArrayEquals(
        dst.encoder().encoder().weight().toFloatArray(),
        dst.decoder().decoder().weight().toFloatArray(),
        "still tied");
  }

  @Test
  void readsFastaiVocabularyPickles() {
    for (String f : List.of("itos_p2.pkl", "itos_p4.pkl")) {
      List<String> itos = ItosPickle.read(Path.of("src/test/resources/text", f));
      assertEquals(
          List.of("xxunk", "xxpad", "the", "café", "xxunk", "the", "a".repeat(300)), itos, f);
    }
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ItosPickle.parse(new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'}, "evil.pkl"));
    assertTrue(e.getMessage().contains("evil.pkl"), e.getMessage());
  }

  @Test
  void offlineErrorSaysWhereToPutTheFiles() {
    DataCache cache = DataCache.at(dir);
    DatasetUrl url = DatasetUrl.of("http://boarfish-test.invalid/wt103-fwd.tgz");
    var e = assertThrows(IllegalStateException.class, () -> Pretrained.fetch(url, cache));
    assertTrue(e.getMessage().contains(cache.dataPath(url).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("pretrained=false"), e.getMessage());
  }

  @Test
  void pretrainedNeedsFastaiSizes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Pretrained.loadLanguageModel(
                    new LanguageModel(10, AwdLstmAndLearnerFixtures.SMALL),
                    new Vocab(List.of("xxunk", "xxpad")),
                    DataCache.at(dir)));
    assertTrue(e.getMessage().contains("AwdLstmConfig.lm()"), e.getMessage());
  }
}
