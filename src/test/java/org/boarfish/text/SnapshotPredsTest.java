package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Preds;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SnapshotPreds}: each epoch's validation probabilities, kept during the fit. */
class SnapshotPredsTest {
  @BeforeAll
  static void register() {
    StubTextInput.registerFactory();
  }

  /** Texts with "cat" are class 1, with "dog" class 0 (padded first), 96 to train, 24 to check. */
  private static DataLoaders catsAndDogs(Vocab vocab) {
    Generator g = new Generator(5);
    int n = 120;
    int t = 6;
    long[] ids = new long[n * t];
    long[] y = new long[n];
    String[] words = {"the", "sat", "on", "mat", "ran", "park", "."};
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      int len = 3 + (int) g.nextLong(0, 4);
      for (int k = 0; k < t; k++) {
        ids[i * t + k] = k < t - len ? Vocab.PAD : vocab.stoi(words[(int) g.nextLong(0, 7)]);
      }
      ids[i * t + t - len + (int) g.nextLong(0, len)] = vocab.stoi(y[i] == 1 ? "cat" : "dog");
    }
    Tensor x = Tensor.of(ids, n, t);
    Tensor yt = Tensor.of(y, n);
    return TensorDataLoaders.of(
            x.slice(0, 0, 96),
            yt.slice(0, 0, 96),
            x.slice(0, 96, 120),
            yt.slice(0, 96, 120),
            16,
            3,
            LossHint.CROSS_ENTROPY)
        .inputEncoder(new StubTextInput(vocab));
  }

  @Test
  void keepsEachEpochsValidationProbabilitiesAndAveragesTheLast() {
    Vocab vocab = AwdLstmAndLearnerFixtures.vocab();
    Generator.manualSeed(3);
    TextLearner clas =
        Text.classifierLearner(
            catsAndDogs(vocab), AwdLstmAndLearnerFixtures.SMALL, 0.5, 2, Metrics.accuracy());
    SnapshotPreds snaps = new SnapshotPreds();
    clas.learner().addCbs(snaps);
    clas.fitOneCycle(2, 2e-2);
    clas.fitOneCycle(1, 1e-2);
    List<Preds> all = snaps.snapshots();
    assertEquals(3, all.size(), "one snapshot per epoch of both fits");

    // the last snapshot is what getPreds gives after the fit; getPreds itself is not recorded
    Preds now = clas.learner().getPreds();
    clas.validate();
    assertEquals(3, snaps.snapshots().size(), "passes outside a fit are not recorded");
    Preds last = all.get(2);
    assertArrayEquals(now.preds().toFloatArray(), last.preds().toFloatArray(), 1e-6f);
    assertArrayEquals(now.targets().toLongArray(), last.targets().toLongArray());
    assertEquals(24, last.preds().size(0));
    float[] p = last.preds().toFloatArray();
    for (int i = 0; i < 24; i++) {
      assertEquals(1.0, p[2 * i] + p[2 * i + 1], 1e-5, "probabilities of item " + i);
    }
    // the first epoch differs from the last: the model moved
    assertTrue(
        Math.abs(all.get(0).preds().toFloatArray()[0] - p[0]) > 1e-4, "snapshots differ by epoch");

    float[] mean = snaps.averageOfLast(2).preds().toFloatArray();
    float[] e1 = all.get(1).preds().toFloatArray();
    for (int i = 0; i < mean.length; i++) {
      assertEquals((e1[i] + p[i]) / 2, mean[i], 1e-6f);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> snaps.averageOfLast(4));
    assertEquals(
        "SnapshotPreds.averageOfLast: k must be in 1..3 (the epochs recorded so far), got 4",
        e.getMessage());
    clas.close();
  }
}
