package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.boarfish.metrics.MetricTesting.logits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batch-averaged classification metrics against hand-computed values. */
class ClassificationMetricsTest {
  private static final double EPS = 1e-12;

  // batch 1 (4 items): predicted 0 1 1 0, true 0 1 0 0 -> 3 of 4 right
  // batch 2 (2 items): predicted 1 1,     true 0 1     -> 1 of 2 right
  // weighted by batch size: (0.75·4 + 0.5·2) / 6 = 4/6; the plain mean of batch accuracies would be
  // 0.625
  private static final Tensor[] B1 = batch(logits(2, 0, 1, 1, 0), labels(0, 1, 0, 0));
  private static final Tensor[] B2 = batch(logits(2, 1, 1), labels(0, 1));

  @Test
  void accuracyIsWeightedByBatchSize() {
    double acc = epoch(Metrics.accuracy(), B1, B2);
    assertEquals(4.0 / 6, acc, EPS);
    assertNotEquals(0.625, acc, 1e-6);
    assertEquals(2.0 / 6, epoch(Metrics.errorRate(), B1, B2), EPS);
  }

  @Test
  void namesAndDirections() {
    assertEquals("accuracy", Metrics.accuracy().name());
    assertEquals("error_rate", Metrics.errorRate().name());
    assertTrue(Metrics.accuracy().higherIsBetter());
    assertFalse(Metrics.errorRate().higherIsBetter());
    assertEquals("AvgMetric[accuracy]", Metrics.accuracy().toString());
    assertEquals("top_k_accuracy", Metrics.topKAccuracy(5).name());
    assertEquals("accuracy_multi", Metrics.accuracyMulti().name());
    assertEquals("foreground_acc", Metrics.foregroundAcc().name());
  }

  @Test
  void resetStartsAFreshEpoch() {
    Metric m = Metrics.accuracy();
    assertTrue(Double.isNaN(m.value()), "nothing accumulated yet");
    assertEquals(4.0 / 6, epoch(m, B1, B2), EPS);
    assertEquals(0.5, epoch(m, B2), EPS);
    m.reset();
    assertTrue(Double.isNaN(m.value()));
  }

  @Test
  void accuracyTargetsMayBeInt32OrColumn() {
    // [N, 1] int targets flatten like fastai's flatten_check
    Tensor t = Tensor.of(new int[] {0, 1, 0, 0}, 4, 1);
    assertEquals(0.75, epoch(Metrics.accuracy(), batch(B1[0], t)), EPS);
  }

  @Test
  void accuracyOverAxisOneForSegmentation() {
    // pred [1, 2, 1, 3]: class-1 scores 1 0 1 vs class-0 scores 0 1 0 -> labels 1 0 1; targets 1 1
    // 1 -> 2/3
    Tensor pred = Tensor.of(new float[] {0, 1, 0, 1, 0, 1}, 1, 2, 1, 3);
    Tensor targ = Tensor.of(new long[] {1, 1, 1}, 1, 1, 3);
    assertEquals(2.0 / 3, epoch(Metrics.accuracy(1), batch(pred, targ)), EPS);
  }

  @Test
  void topKAccuracy() {
    // row 0 [0.1 0.5 0.4] target 2: one score above -> in the top 2
    // row 1 [0.1 0.5 0.4] target 0: two above           -> out
    // row 2 [0.3 0.3 0.3] target 1: one tie with a smaller index counts before it -> in
    // row 3 [0.3 0.3 0.3] target 0: no score before it  -> in (also in the top 1)
    // row 4 [0.3 0.3 0.3] target 2: two ties before it  -> out
    Tensor pred =
        Tensor.of(
            new float[] {.1f, .5f, .4f, .1f, .5f, .4f, .3f, .3f, .3f, .3f, .3f, .3f, .3f, .3f, .3f},
            5,
            3);
    Tensor targ = labels(2, 0, 1, 0, 2);
    // split 3 + 2: top 2 is (2/3·3 + 1/2·2) / 5 = 3/5
    Tensor[] b1 = batch(pred.slice(0, 0, 3), targ.slice(0, 0, 3));
    Tensor[] b2 = batch(pred.slice(0, 3, 5), targ.slice(0, 3, 5));
    assertEquals(0.6, epoch(Metrics.topKAccuracy(2), b1, b2), EPS);
    assertEquals(1.0, epoch(Metrics.topKAccuracy(3), b1, b2), EPS);
    // top 1: only row 3 -> 1/5; k = 1 agrees with accuracy, ties included (argmax picks the first
    // maximum)
    assertEquals(0.2, epoch(Metrics.topKAccuracy(1), b1, b2), EPS);
    assertEquals(0.2, epoch(Metrics.accuracy(), b1, b2), EPS);
  }

  @Test
  void accuracyMulti() {
    // sigmoid(2) = .88 > .5 yes, sigmoid(-1) no, sigmoid(.5) = .62 yes, sigmoid(0) = .5 is not > .5
    // predicted 1 0 / 1 0, targets 1 0 / 0 0 -> 3 of 4 match; batch 2: logit -3 -> 0 vs 1, logit 4
    // -> 1 vs 1 -> 1 of 2
    Tensor[] b1 =
        batch(
            Tensor.of(new float[] {2, -1, .5f, 0}, 2, 2),
            Tensor.of(new float[] {1, 0, 0, 0}, 2, 2));
    Tensor[] b2 = batch(Tensor.of(new float[] {-3, 4}, 1, 2), Tensor.of(new float[] {1, 1}, 1, 2));
    // weighted by batch size (items, not elements): (0.75·2 + 0.5·1) / 3 = 2/3
    assertEquals(2.0 / 3, epoch(Metrics.accuracyMulti(), b1, b2), EPS);
    // without the sigmoid, thresh 0.25: raw 2 -1 .5 0 -> 1 0 1 0, same matches as above
    assertEquals(0.75, epoch(Metrics.accuracyMulti(0.25, false), b1), EPS);
    // thresh 0.9 on sigmoid: .88 is not above -> 0 0 0 0 against 1 0 0 0 -> 3 of 4
    assertEquals(0.75, epoch(Metrics.accuracyMulti(0.9), b1), EPS);
    // bool targets work too
    Tensor boolT = Tensor.of(new boolean[] {true, false, false, false}, 2, 2);
    assertEquals(0.75, epoch(Metrics.accuracyMulti(), batch(b1[0], boolT)), EPS);
  }

  @Test
  void foregroundAccuracy() {
    // pred [1, 3, 5] -> argmax over axis 1: 0 1 1 1 2; targets 0 1 2 1 0
    // not background (target != 0): positions 1 2 3, right at 1 and 3 -> 2/3
    Tensor pred =
        Tensor.of(
            new float[] {
              1, 0, 0, 0, 0,
              0, 1, 1, 1, 0,
              0, 0, 0, 0, 1
            },
            1,
            3,
            5);
    Tensor targ = Tensor.of(new long[] {0, 1, 2, 1, 0}, 1, 5);
    assertEquals(2.0 / 3, epoch(Metrics.foregroundAcc(), batch(pred, targ)), EPS);
    // background 1: positions 0 2 4, right at 0 only -> 1/3
    assertEquals(1.0 / 3, epoch(Metrics.foregroundAcc(1), batch(pred, targ)), EPS);
  }
}
