package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.learner.Preds;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link ProbEnsemble}: averaged probabilities of classifiers on the same items. */
class ProbEnsembleTest {
  private static Preds preds(float[] p, long... y) {
    return new Preds(
        Tensor.of(p, y.length, p.length / y.length), Tensor.of(y, y.length), null, null);
  }

  @Test
  void averagesProbabilitiesAndDecodesTheMean() {
    // item 0: 0.9/0.1 and 0.2/0.8 -> 0.55/0.45 (class 0, right); item 1: 0.6/0.4 and 0.1/0.9 ->
    // 0.35/0.65 (class 1, right); item 2: 0.3/0.7 and 0.6/0.4 -> 0.45/0.55 (class 1, wrong)
    Preds a = preds(new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.3f, 0.7f}, 0, 1, 0);
    Preds b = preds(new float[] {0.2f, 0.8f, 0.1f, 0.9f, 0.6f, 0.4f}, 0, 1, 0);
    Preds m = ProbEnsemble.average(List.of(a, b));
    assertArrayEquals(
        new float[] {0.55f, 0.45f, 0.35f, 0.65f, 0.45f, 0.55f}, m.preds().toFloatArray(), 1e-6f);
    assertArrayEquals(new long[] {0, 1, 1}, m.decoded().toLongArray());
    assertArrayEquals(new long[] {0, 1, 0}, m.targets().toLongArray());
    // a alone: 0, 0, 1 -> 1 of 3 right; b alone: 1, 1, 0 -> 2 of 3; the mean: 2 of 3
    assertEquals(1.0 / 3, ProbEnsemble.accuracy(a), 1e-12);
    assertEquals(2.0 / 3, ProbEnsemble.accuracy(b), 1e-12);
    assertEquals(2.0 / 3, ProbEnsemble.accuracy(m), 1e-12);
    // one member is itself
    assertArrayEquals(
        a.preds().toFloatArray(), ProbEnsemble.average(List.of(a)).preds().toFloatArray(), 0f);
  }

  @Test
  void membersMustPredictTheSameItems() {
    Preds a = preds(new float[] {0.9f, 0.1f, 0.6f, 0.4f}, 0, 1);
    Preds otherTargets = preds(new float[] {0.9f, 0.1f, 0.6f, 0.4f}, 1, 0);
    Preds fewer = preds(new float[] {0.9f, 0.1f}, 0);
    var e1 =
        assertThrows(
            IllegalArgumentException.class, () -> ProbEnsemble.average(List.of(a, otherTargets)));
    assertTrue(e1.getMessage().contains("member 1's targets differ"), e1.getMessage());
    var e2 =
        assertThrows(IllegalArgumentException.class, () -> ProbEnsemble.average(List.of(a, fewer)));
    assertTrue(e2.getMessage().contains("member 1 has predictions [1, 2]"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProbEnsemble.average(List.of()));
  }
}
