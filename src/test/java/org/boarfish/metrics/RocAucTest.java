package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ROC-AUC against the Mann–Whitney count: the fraction of (positive, negative) pairs where the
 * positive scores higher, ties counting 1/2. Tied scores come from identical rows, so they tie
 * exactly after the softmax.
 */
class RocAucTest {
  private static final double EPS = 1e-12;

  @Test
  void binaryWithTies() {
    // logits [0, x]: the softmax of the last class is sigmoid(x), monotone in x.
    // positives x = 2, 1, 0; negatives x = 1, -1, 0.
    // pos 2 beats all 3 -> 3; pos 1: tie, win, win -> 2.5; pos 0: loss, win, tie -> 1.5. AUC = 7/9.
    Tensor pred1 = Tensor.of(new float[] {0, 2, 0, 1, 0, 0, 0, 1}, 4, 2);
    Tensor pred2 = Tensor.of(new float[] {0, -1, 0, 0}, 2, 2);
    double auc =
        epoch(Metrics.rocAucBinary(), batch(pred1, labels(1, 1, 1, 0)), batch(pred2, labels(0, 0)));
    assertEquals(7.0 / 9, auc, EPS);
  }

  @Test
  void multiClassOneVsRestMacro() {
    // rows (logits, target) and their softmax (rounded):
    //   r0 [3 1 0] t0 -> .844 .114 .042
    //   r1 [0 2 1] t1 -> .090 .665 .245
    //   r2 [0 2 1] t2 -> .090 .665 .245   (same row as r1: exact ties)
    //   r3 [1 0 3] t2 -> .114 .042 .844
    //   r4 [1 1 1] t1 -> .333 .333 .333
    // class 0: positive r0 beats all 4 negatives -> 1
    // class 1: positives r1 (.665), r4 (.333) vs r0 .114, r2 .665, r3 .042: 2.5 + 2 = 4.5 of 6 ->
    // .75
    // class 2: positives r2 (.245), r3 (.844) vs r0 .042, r1 .245, r4 .333: 1.5 + 3 = 4.5 of 6 ->
    // .75
    // macro = (1 + .75 + .75)/3 = 5/6
    Tensor p1 = Tensor.of(new float[] {3, 1, 0, 0, 2, 1, 0, 2, 1}, 3, 3);
    Tensor p2 = Tensor.of(new float[] {1, 0, 3, 1, 1, 1}, 2, 3);
    var m = Metrics.rocAuc();
    assertEquals(5.0 / 6, epoch(m, batch(p1, labels(0, 1, 2)), batch(p2, labels(2, 1))), EPS);
    assertEquals("roc_auc_score", m.name());
    assertTrue(m.higherIsBetter());
  }

  @Test
  void multiLabelColumns() {
    // column 0: scores 2, 1, -1 for targets 1, 0, 0 -> 1; column 1: scores 0, 0, 3 for 1, 0, 1 ->
    // (.5 + 1)/2 = .75
    Tensor pred = Tensor.of(new float[] {2, 0, 1, 0, -1, 3}, 3, 2);
    Tensor targ = Tensor.of(new float[] {1, 1, 0, 0, 0, 1}, 3, 2);
    assertEquals(0.875, epoch(Metrics.rocAucMulti(), batch(pred, targ)), EPS);
  }

  @Test
  void undefinedWithOneClassIsNaN() {
    Tensor pred = Tensor.of(new float[] {0, 1, 0, 2}, 2, 2);
    assertTrue(Double.isNaN(epoch(Metrics.rocAucBinary(), batch(pred, labels(1, 1)))));
  }

  @Test
  void wrongTargets() {
    Tensor pred = Tensor.of(new float[] {0, 1, 0, 2, 1, 1}, 3, 2);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> epoch(Metrics.rocAucBinary(), batch(pred, labels(0, 2, 1))));
    assertTrue(e.getMessage().contains("Metrics.rocAuc()"), e.getMessage());
    var f =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                epoch(
                    Metrics.rocAuc(),
                    batch(pred, Tensor.of(new float[] {0, 1, 1, 0, 1, 0}, 3, 2))));
    assertTrue(f.getMessage().contains("Metrics.rocAucMulti()"), f.getMessage());
  }
}
