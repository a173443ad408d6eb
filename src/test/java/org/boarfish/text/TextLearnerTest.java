package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.boarfish.FreshJvm;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Language model and classifier learners on a tiny corpus. */
class TextLearnerTest {
  static final Vocab VOCAB = AwdLstmAndLearnerFixtures.vocab();
  static final AwdLstmConfig SMALL = AwdLstmAndLearnerFixtures.SMALL;
  @TempDir Path dir;

  @BeforeAll
  static void register() {
    StubTextInput.registerFactory();
  }

  static DataLoaders lmDls() {
    return LmStreams.dls(
        AwdLstmAndLearnerFixtures.stream(300, 1),
        AwdLstmAndLearnerFixtures.stream(60, 2),
        8,
        12,
        new StubTextInput(VOCAB));
  }

  static LMLearner trainedLm() {
    Generator.manualSeed(0);
    LMLearner lm = Text.languageModelLearner(lmDls(), SMALL, 0.5);
    lm.fitOneCycle(3, 3e-2);
    return lm;
  }

  @Test
  void languageModelLearnsTheCorpusAndGeneratesReproducibly() {
    Generator.manualSeed(0);
    LMLearner lm = Text.languageModelLearner(lmDls(), SMALL, 0.5);
    Learner learn = lm.learner();
    assertEquals(Text.MOMS, learn.moms());
    assertEquals(3, learn.opt().groups().size(), "2 LSTM layers, then embedding + decoder");
    double before = lm.validate().loss();
    lm.fitOneCycle(3, 3e-2);
    var after = lm.validate();
    assertTrue(
        after.loss() < before - 1.0, "validation loss fell from " + before + " to " + after.loss());
    assertEquals(Math.exp(after.loss()), after.metrics().get("perplexity"), 1e-3);
    assertTrue(after.metrics().get("accuracy") > 0.3, "" + after);

    String a = lm.predict("the cat", 6, 0.8, new Generator(11));
    String b = lm.predict("the cat", 6, 0.8, new Generator(11));
    assertEquals(a, b, "the same seed, the same text");
    List<String> sampled = lm.predictTokens("the cat", 6, 0.8, new Generator(11));
    assertEquals(6, sampled.size());
    List<String> all = new java.util.ArrayList<>(List.of("the", "cat"));
    all.addAll(sampled);
    assertEquals(Detokenizer.words(all), a, "the prompt, then the sampled tokens decoded");
    assertTrue(!a.contains("xxunk"), a);
    List<String> many = lm.predictTokens("the", 40, 1.0, new Generator(12));
    assertTrue(VOCAB.itos().containsAll(many));
  }

  @Test
  void exportedLanguageModelLoadsWithTheSameWeights() throws Exception {
    Generator.manualSeed(1);
    LMLearner lm = Text.languageModelLearner(lmDls(), SMALL, 1.0);
    lm.fit(1, 1e-2);
    Path f = dir.resolve("lm.boarfish");
    lm.export(f);
    Learner loaded = Learner.load(f);
    Tensor x = Tensor.of(new long[] {2, 3, 4, 5, 2, 6}, 2, 3);
    lm.model().eval();
    try (var ng = Autograd.noGrad()) {
      Resettable.resetAll(lm.model());
      float[] want = lm.model().call(x).toFloatArray();
      Resettable.resetAll(loaded.model());
      assertArrayEquals(want, loaded.model().call(x).toFloatArray(), 1e-6f);
    }
    assertTrue(loaded.model() instanceof LanguageModel);

    // a fresh JVM that never touched Text finds the model factory through TextExportPlugin
    double want;
    try (var ng = Autograd.noGrad()) {
      Resettable.resetAll(lm.model());
      want = lm.model().call(x).sum().item();
    }
    String out = FreshJvm.run(ExportedLmMain.class, f.toString());
    String line = FreshJvm.line(out, "LOGITS ");
    assertEquals(want, Double.parseDouble(line.split(" ")[1]), 1e-3, out);
    assertTrue(line.endsWith("LanguageModel"), line);
  }

  @Test
  void encoderMovesFromTheLanguageModelToTheClassifierWhichTrainsGradually() {
    LMLearner lm = trainedLm();
    Path enc = lm.saveEncoder(dir.resolve("enc.safetensors"));

    // texts with "cat" are class 1, with "dog" class 0; padded first
    Generator g = new Generator(5);
    int n = 160;
    int t = 7;
    long[] ids = new long[n * t];
    long[] y = new long[n];
    String[] words = {"the", "sat", "on", "mat", "ran", "park", "."};
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      int len = 3 + (int) g.nextLong(0, 5);
      for (int k = 0; k < t; k++) {
        ids[i * t + k] = k < t - len ? Vocab.PAD : VOCAB.stoi(words[(int) g.nextLong(0, 7)]);
      }
      ids[i * t + t - len + (int) g.nextLong(0, len)] = VOCAB.stoi(y[i] == 1 ? "cat" : "dog");
    }
    Tensor x = Tensor.of(ids, n, t);
    Tensor yt = Tensor.of(y, n);
    DataLoaders dls =
        TensorDataLoaders.of(
                x.slice(0, 0, 128),
                yt.slice(0, 0, 128),
                x.slice(0, 128, 160),
                yt.slice(0, 128, 160),
                16,
                3,
                LossHint.CROSS_ENTROPY)
            .inputEncoder(new StubTextInput(VOCAB));
    TextLearner clas = Text.classifierLearner(dls, SMALL, 0.5, 2, Metrics.accuracy());
    assertEquals(4, clas.learner().opt().groups().size(), "embedding, 2 layers, head");
    clas.loadEncoder(enc);
    assertArrayEquals(
        lm.model().stateDict().get("0.rnns.1.weight_hh_l0_raw").toFloatArray(),
        clas.model().stateDict().get("0.module.rnns.1.weight_hh_l0_raw").toFloatArray());

    float[] emb0 = copy(clas.encoder().encoder().weight());
    float[] last0 = copy(clas.encoder().rnns().get(1).param("weight_hh_l0_raw"));
    clas.fitOneCycle(1, 1e-2); // frozen: only the head trains
    assertArrayEquals(emb0, copy(clas.encoder().encoder().weight()));
    assertArrayEquals(last0, copy(clas.encoder().rnns().get(1).param("weight_hh_l0_raw")));
    clas.freezeTo(-2); // the last LSTM layer joins
    clas.fitOneCycle(1, 1e-2);
    assertArrayEquals(emb0, copy(clas.encoder().encoder().weight()));
    assertNotEquals(last0[0], copy(clas.encoder().rnns().get(1).param("weight_hh_l0_raw"))[0]);
    clas.unfreeze();
    clas.fitOneCycle(4, 2e-2);
    double acc = clas.validate().metrics().get("accuracy");
    assertTrue(acc >= 0.75, "cat/dog accuracy " + acc);
  }

  @Test
  void generationNeedsATextEncoder() {
    Generator.manualSeed(0);
    DataLoaders plain =
        LmStreams.dls(
            AwdLstmAndLearnerFixtures.stream(40, 1),
            AwdLstmAndLearnerFixtures.stream(20, 2),
            4,
            8,
            new StubTextInput(VOCAB));
    LMLearner lm = Text.languageModelLearner(plain, SMALL, 1.0);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> lm.predict("the", 0, 0.0, new Generator(1)));
    assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    var noVocab =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Text.languageModelLearner(
                    LmStreams.dls(new long[] {2, 3, 4, 5, 6}, new long[] {2, 3, 4}, 1, 2, null),
                    SMALL,
                    1.0));
    assertTrue(noVocab.getMessage().contains("TextDataLoaders"), noVocab.getMessage());
  }

  private static float[] copy(Tensor t) {
    return t.toFloatArray().clone();
  }
}
