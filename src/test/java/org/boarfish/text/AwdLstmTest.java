package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.boarfish.io.Npz;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** AWD-LSTM against PyTorch, and its dropouts and state. */
class AwdLstmTest {
  static final AwdLstmConfig TINY = AwdLstmConfig.lm().withSizes(8, 12, 2).noDropout();

  static Map<String, Tensor> fixture() {
    return Npz.read(Path.of("src/test/resources/text/awd_lstm_fixture.npz"));
  }

  static LanguageModel fixtureModel(Map<String, Tensor> f) {
    LanguageModel lm = new LanguageModel(11, TINY, new Generator(1));
    var report = lm.loadStateDict(f, false);
    // the fixture holds every weight under fastai's names; the tied copies are the same tensor
    assertEquals(
        java.util.List.of("0.encoder_dp.emb.weight", "1.decoder.weight"),
        report.missing(),
        "" + report);
    return lm;
  }

  static void assertClose(Tensor expected, Tensor actual, double tol) {
    assertArrayEquals(expected.shape(), actual.shape());
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], tol, "element " + i);
    }
  }

  @Test
  void forwardMatchesPyTorchWithStateCarriedAcrossBatches() {
    var f = fixture();
    LanguageModel lm = fixtureModel(f);
    lm.eval();
    try (var ng = Autograd.noGrad()) {
      assertClose(f.get("out1"), lm.encoder().call(f.get("x1")), 1e-5);
      lm.reset();
      lm.call(f.get("x1"));
      assertClose(f.get("logits2"), lm.call(f.get("x2")), 1e-5);
      assertClose(f.get("out2"), lm.rawOutput(), 1e-5);
    }
  }

  @Test
  void resetStartsFromZeroState() {
    var f = fixture();
    LanguageModel lm = fixtureModel(f);
    lm.eval();
    try (var ng = Autograd.noGrad()) {
      Tensor fresh = lm.encoder().call(f.get("x2"));
      lm.reset();
      assertNull(lm.encoder().hiddenState());
      lm.encoder().call(f.get("x1"));
      Tensor carried = lm.encoder().call(f.get("x2"));
      assertClose(f.get("out2"), carried, 1e-5);
      assertNotEquals(fresh.toFloatArray()[0], carried.toFloatArray()[0]);
      lm.reset();
      assertClose(fresh, lm.encoder().call(f.get("x2")), 0);
    }
  }

  @Test
  void batchSizeChangeTruncatesOrPadsTheState() {
    var f = fixture();
    LanguageModel lm = fixtureModel(f);
    lm.eval();
    try (var ng = Autograd.noGrad()) {
      lm.encoder().call(f.get("x1")); // bs 3
      Tensor x2 = f.get("x2");
      Tensor first2 = x2.slice(0, 0, 2).contiguous();
      Tensor out = lm.encoder().call(first2);
      assertEquals(2, lm.encoder().hiddenState().get(0).size(1));
      // rows 0 and 1 continue from their own state: the same as the full carried batch
      assertClose(f.get("out2").slice(0, 0, 2), out, 1e-5);
      Tensor grown = lm.encoder().call(x2); // back to 3: the new row starts from zeros
      assertEquals(3, lm.encoder().hiddenState().get(0).size(1));
      lm.reset();
      Tensor alone = lm.encoder().call(x2.slice(0, 2, 3).contiguous());
      assertClose(alone, grown.slice(0, 2, 3), 1e-6);
    }
  }

  @Test
  void encoderStateDictUsesFastaiNamesAndTiesTheDecoder() {
    LanguageModel lm = new LanguageModel(20, AwdLstmConfig.lm().withSizes(8, 12, 3));
    var keys = lm.stateDict().keySet();
    assertTrue(keys.contains("0.encoder.weight"));
    assertTrue(keys.contains("0.encoder_dp.emb.weight"));
    assertTrue(keys.contains("0.rnns.2.weight_hh_l0_raw"));
    assertTrue(keys.contains("0.rnns.2.module.weight_ih_l0"));
    assertTrue(keys.contains("1.decoder.bias"));
    assertSame(lm.encoder().encoder().weight(), lm.decoder().decoder().weight());
    // the last layer maps back to the embedding size
    assertArrayEquals(
        new long[] {32, 12}, lm.stateDict().get("0.rnns.2.module.weight_ih_l0").shape());
  }

  @Test
  void weightDropoutMasksAndRescalesHiddenWeightsInTrainingOnly() {
    WeightDropout wd = new WeightDropout(3, 5, 0.5, new Generator(3));
    Tensor raw = wd.param("weight_hh_l0_raw");
    float[] r = raw.toFloatArray();
    wd.train();
    float[] a = wd.effectiveWeightHh().toFloatArray();
    float[] b = wd.effectiveWeightHh().toFloatArray();
    int zeros = 0;
    boolean differ = false;
    for (int i = 0; i < r.length; i++) {
      assertTrue(a[i] == 0 || Math.abs(a[i] - 2 * r[i]) < 1e-6, "dropped or scaled by 1/(1-p)");
      zeros += a[i] == 0 ? 1 : 0;
      differ |= (a[i] == 0) != (b[i] == 0);
    }
    assertTrue(zeros > 20 && zeros < 80, "about half of 100 dropped, got " + zeros);
    assertTrue(differ, "a new mask every call");
    wd.eval();
    assertSame(raw, wd.effectiveWeightHh());

    // the gradient reaches only the kept raw weights: same seed, same init, same first mask
    WeightDropout twin = new WeightDropout(3, 5, 0.5, new Generator(3));
    WeightDropout probe = new WeightDropout(3, 5, 0.5, new Generator(3));
    float[] mask = probe.effectiveWeightHh().toFloatArray();
    Tensor x = Tensor.randn(new Generator(9), 2, 4, 3);
    twin.forward(x).sum().backward();
    float[] g = twin.param("weight_hh_l0_raw").grad().toFloatArray();
    int kept = 0;
    for (int i = 0; i < g.length; i++) {
      if (mask[i] == 0) {
        assertEquals(0f, g[i], 0f, "masked weight " + i + " gets no gradient");
      } else if (g[i] != 0) {
        kept++;
      }
    }
    assertTrue(kept > 10, "kept weights get gradients");
  }

  @Test
  void rnnDropoutUsesOneMaskForEveryTimestep() {
    RNNDropout d = new RNNDropout(0.4, new Generator(5));
    Tensor x = Tensor.ones(3, 7, 10);
    float[] y = d.call(x).toFloatArray();
    int zeros = 0;
    for (int b = 0; b < 3; b++) {
      for (int f = 0; f < 10; f++) {
        float first = y[(b * 7) * 10 + f];
        assertTrue(first == 0 || Math.abs(first - 1 / 0.6f) < 1e-6);
        zeros += first == 0 ? 1 : 0;
        for (int t = 1; t < 7; t++) {
          assertEquals(first, y[(b * 7 + t) * 10 + f], "same mask at every step");
        }
      }
    }
    assertTrue(zeros > 0 && zeros < 30);
    d.eval();
    assertSame(x, d.call(x));
  }

  @Test
  void embeddingDropoutDropsWholeWords() {
    var emb = new org.boarfish.nn.Embedding(50, 6, 1L, new Generator(2));
    org.boarfish.nn.Init.uniform(emb.weight(), 0.5, 1.0, new Generator(2));
    EmbeddingDropout ed = new EmbeddingDropout(emb, 0.5, 1, new Generator(4));
    long[] ids = new long[100];
    for (int i = 0; i < 100; i++) {
      ids[i] = i % 50;
    }
    float[] out = ed.call(Tensor.of(ids, 1, 100)).toFloatArray();
    float[] w = emb.weight().toFloatArray();
    int dropped = 0;
    for (int i = 0; i < 50; i++) {
      boolean zero = out[i * 6] == 0;
      dropped += zero ? 1 : 0;
      for (int j = 0; j < 6; j++) {
        float v = out[i * 6 + j];
        assertEquals(zero ? 0 : 2 * w[i * 6 + j], v, 1e-6, "a whole row kept (x2) or dropped");
        assertEquals(v, out[(i + 50) * 6 + j], "the same word, the same mask");
      }
    }
    assertTrue(dropped > 10 && dropped < 40, "about half the words dropped, got " + dropped);
    ed.eval();
    assertEquals(w[6 * 7], ed.call(Tensor.of(new long[] {7}, 1, 1)).toFloatArray()[0]);
  }

  @Test
  void badInputIsRejectedWithTheShape() {
    AwdLstm enc = new AwdLstm(10, TINY);
    var e = assertThrows(IllegalArgumentException.class, () -> enc.call(Tensor.zeros(2, 3)));
    assertTrue(e.getMessage().contains("int token ids"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AwdLstm(1, TINY));
    assertThrows(
        IllegalArgumentException.class, () -> AwdLstmConfig.lm().withDropouts(1.0, 0, 0, 0, 0));
  }

  @Test
  void dropMultScalesEveryDropout() {
    AwdLstmConfig c = AwdLstmConfig.clas().dropMult(0.5);
    assertEquals(0.2, c.outputP(), 1e-12);
    assertEquals(0.15, c.hiddenP(), 1e-12);
    assertEquals(0.2, c.inputP(), 1e-12);
    assertEquals(0.025, c.embedP(), 1e-12);
    assertEquals(0.25, c.weightP(), 1e-12);
    assertEquals(c, AwdLstmConfig.fromModelConfig(c.toModelConfig()));
  }
}
