package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.FreshJvm;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fit on fastai's ML_SAMPLE, interpretation of the result, and export → load → predict on
 * raw ids in a fresh JVM.
 */
class CollabLearnerTest {
  @TempDir static Path dir;
  private static CollabDataLoaders dls;
  private static Learner learn;
  private static double meanBaseline;

  @BeforeAll
  static void fit() {
    dls = CollabDataLoaders.fromCsv(CollabFixtures.SAMPLE, 0.2, 42, 64);
    Generator.manualSeed(0);
    learn =
        Collab.builder(dls, 50, false, null, YRange.of(0, 5.5))
            .wd(0.1)
            .progress(false)
            .path(dir)
            .build();
    learn.fitOneCycle(3, 5e-3);
    meanBaseline = meanBaseline(dls);
  }

  /** The validation MSE of predicting the mean training rating for everything. */
  private static double meanBaseline(CollabDataLoaders d) {
    double sum = 0;
    int n = 0;
    for (var b : d.train()) {
      for (float y : b.tensor(1).toFloatArray()) {
        sum += y;
        n++;
      }
    }
    double mean = sum / n;
    double se = 0;
    int m = 0;
    for (var b : d.valid()) {
      for (float y : b.tensor(1).toFloatArray()) {
        se += (y - mean) * (y - mean);
        m++;
      }
    }
    return se / m;
  }

  @Test
  void shortFitBeatsPredictingTheMean() {
    double mse = learn.validate().loss();
    assertTrue(
        mse < 0.85 * meanBaseline,
        "valid MSE " + mse + " should beat the mean's " + meanBaseline + " by 15%");
  }

  @Test
  void embeddingNnTrainsToo() {
    Generator.manualSeed(0);
    Learner nn =
        Collab.builder(dls, 50, true, null, YRange.of(0, 5.5))
            .wd(0.1)
            .progress(false)
            .path(dir)
            .build();
    assertTrue(nn.model() instanceof EmbeddingNN);
    nn.fitOneCycle(2, 5e-3);
    double mse = nn.validate().loss();
    assertTrue(mse < meanBaseline, "NN valid MSE " + mse + " vs mean " + meanBaseline);
  }

  @Test
  void predictOnRawIdsUsesTheVocabulariesAndNa() {
    EmbeddingDotBias m = (EmbeddingDotBias) learn.model();
    String user = dls.users().get(3);
    String item = dls.items().get(5);
    double viaPredict = Collab.predict(learn, Integer.parseInt(user), item);
    m.eval();
    float direct;
    float unseen;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      direct = m.call(Tensor.of(new long[] {3, 5}, 1, 2)).toFloatArray()[0];
      unseen = m.call(Tensor.of(new long[] {0, 5}, 1, 2)).toFloatArray()[0];
    }
    assertEquals(direct, viaPredict, 1e-6);
    assertEquals(unseen, Collab.predict(learn, "no-such-user", item), 1e-6);
    assertEquals(viaPredict, learn.predict(List.of(user, item)).probs().item(), 1e-6);
    assertEquals(viaPredict, learn.predict(user + "," + item).probs().item(), 1e-6);
    assertEquals(
        viaPredict, learn.predict(Map.of("userId", user, "movieId", item)).probs().item(), 1e-6);
    var e = assertThrows(IllegalArgumentException.class, () -> learn.predict(42));
    assertTrue(e.getMessage().contains("UserItem.of"), e.getMessage());
  }

  @Test
  void interpretationReadsTheLearnedTables() {
    EmbeddingDotBias m = (EmbeddingDotBias) learn.model();
    CollabInterpretation interp = CollabInterpretation.from(learn);
    float[] biases = m.itemBiases().toFloatArray();
    List<ItemScore> most = interp.mostBiased(5);
    List<ItemScore> least = interp.leastBiased(5);
    assertEquals(5, most.size());
    float max = Float.NEGATIVE_INFINITY;
    float min = Float.POSITIVE_INFINITY;
    for (int i = 1; i < biases.length; i++) {
      max = Math.max(max, biases[i]);
      min = Math.min(min, biases[i]);
    }
    assertEquals(max, most.get(0).value(), 1e-7);
    assertEquals(min, least.get(0).value(), 1e-7);
    for (int i = 1; i < 5; i++) {
      assertTrue(most.get(i - 1).value() >= most.get(i).value());
      assertTrue(least.get(i - 1).value() <= least.get(i).value());
    }
    String top = most.get(0).id();
    assertEquals(max, m.bias(List.of(top)).item(), 1e-7);
    Tensor w = m.weight(List.of(top, least.get(0).id()));
    assertArrayEquals(new long[] {2, 50}, w.shape());
    var sim = interp.similarItems(top, 3);
    assertEquals(3, sim.size());
    assertTrue(sim.stream().noneMatch(s -> s.id().equals(top)));
    assertTrue(sim.get(0).value() >= sim.get(2).value());
    assertThrows(IllegalArgumentException.class, () -> m.bias(List.of("no-such-movie")));
  }

  @Test
  void plotItemFactorsWritesAPng() throws Exception {
    Path png =
        CollabInterpretation.from(learn)
            .plotItemFactors(dls.mostRated(60), 20, dir.resolve("plots/pca.png"));
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    Pca p = CollabInterpretation.from(learn).pca(dls.mostRated(60));
    assertEquals(60, p.projections().length);
    assertEquals(3, p.projections()[0].length);
  }

  @Test
  void exportLoadPredictInAFreshJvm() throws Exception {
    Path f = dir.resolve("collab.boarfish");
    learn.export(f);
    String user = dls.users().get(7);
    String item = dls.items().get(11);
    double expected = Collab.predict(learn, user, item);
    // same JVM
    Learner loaded = Learner.load(f);
    assertEquals(expected, Collab.predict(loaded, user, item), 1e-6);
    assertEquals(expected, loaded.predict(user, item).probs().toDoubleArray()[0], 1e-6);
    EmbeddingDotBias lm = (EmbeddingDotBias) loaded.model();
    assertEquals(
        ((EmbeddingDotBias) learn.model()).bias(List.of(item)).item(),
        lm.bias(List.of(item)).item(),
        1e-7,
        "the loaded model keeps its vocabularies for interpretation");
    // a fresh JVM that never ran the training code
    String out = FreshJvm.run(CollabExportedPredict.class, f.toString(), user, item);
    String line = FreshJvm.line(out, "PRED ");
    assertEquals(expected, Double.parseDouble(line.substring(5)), 1e-6, out);
  }
}
