package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dice, Jaccard and perplexity. */
class SegmentationAndLossMetricsTest {
  private static final double EPS = 1e-12;

  /** Logits [1, 2, H, W] whose argmax over axis 1 is {@code mask}. */
  static Tensor binaryLogits(long h, long w, int... mask) {
    float[] v = new float[2 * mask.length];
    for (int i = 0; i < mask.length; i++) {
      v[i] = 1 - mask[i];
      v[mask.length + i] = mask[i];
    }
    return Tensor.of(v, 1, 2, h, w);
  }

  static Tensor mask(long h, long w, long... m) {
    return Tensor.of(m, 1, h, w);
  }

  // image 1: pred 1 1 0 / 0 1 0, target 1 0 0 / 0 1 1 -> inter 2, union 3 + 3 = 6  (Dice 2/3 alone)
  // image 2: pred 0 0 0 / 0 0 0, target 0 0 1 / 0 0 0 -> inter 0, union 1          (Dice 0 alone)
  // epoch: inter 2, union 7 -> Dice 4/7, Jaccard 2/(7-2) = 2/5
  private static final Tensor[] I1 =
      batch(binaryLogits(2, 3, 1, 1, 0, 0, 1, 0), mask(2, 3, 1, 0, 0, 0, 1, 1));
  private static final Tensor[] I2 =
      batch(binaryLogits(2, 3, 0, 0, 0, 0, 0, 0), mask(2, 3, 0, 0, 1, 0, 0, 0));

  @Test
  void diceAndJaccardOverTheEpoch() {
    assertEquals(2.0 / 3, epoch(Metrics.dice(), I1), EPS);
    assertEquals(4.0 / 7, epoch(Metrics.dice(), I1, I2), EPS);
    assertEquals(0.5, epoch(Metrics.jaccard(), I1), EPS);
    assertEquals(0.4, epoch(Metrics.jaccard(), I1, I2), EPS);
    assertEquals("dice", Metrics.dice().name());
    assertEquals("jaccard_coeff", Metrics.jaccard().name());
    assertTrue(Metrics.dice().higherIsBetter());
    // empty prediction and empty target: undefined
    assertTrue(Double.isNaN(epoch(Metrics.dice(), batch(binaryLogits(1, 1, 0), mask(1, 1, 0)))));
  }

  @Test
  void diceMulti() {
    // pred labels 0 1 2 2, target 0 1 1 2 (pred [1, 3, 4], classes on axis 1)
    // class 0: 2·1/(1+1) = 1; class 1: 2·1/(1+2) = 2/3; class 2: 2·1/(2+1) = 2/3 -> mean 7/9
    Tensor pred =
        Tensor.of(
            new float[] {
              1, 0, 0, 0,
              0, 1, 0, 0,
              0, 0, 1, 1
            },
            1,
            3,
            4);
    Tensor targ = Tensor.of(new long[] {0, 1, 1, 2}, 1, 4);
    assertEquals(7.0 / 9, epoch(Metrics.diceMulti(), batch(pred, targ)), EPS);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> epoch(Metrics.dice(), batch(pred, targ)));
    assertTrue(e.getMessage().contains("Metrics.diceMulti()"), e.getMessage());
  }

  @Test
  void perplexityIsExpOfTheEpochLoss() {
    // losses 1.0 over 3 items and 2.0 over 1: average 5/4 -> exp(1.25)
    var m = Metrics.perplexity();
    Tensor any = Tensor.zeros(1);
    m.reset();
    m.accumulate(any, any, 1.0, 3);
    m.accumulate(any, any, 2.0, 1);
    assertEquals(Math.exp(1.25), m.value(), 1e-12);
    assertEquals("perplexity", m.name());
    assertFalse(m.higherIsBetter());
    m.reset();
    assertTrue(Double.isNaN(m.value()));
  }
}
