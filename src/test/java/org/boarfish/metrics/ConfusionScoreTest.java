package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.boarfish.metrics.MetricTesting.logits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Precision, recall and F-scores accumulated over the epoch, against hand-computed values. */
class ConfusionScoreTest {
  private static final double EPS = 1e-12;

  // Binary, 6 items:  true 1 1 1 1 0 0
  //                   pred 1 1 0 0 1 0
  // tp = 2, fn = 2, fp = 1, tn = 1
  // precision 2/3, recall 1/2, F1 = 2tp/(2tp+fn+fp) = 4/7
  // F2 = 5tp/(5tp+4fn+fp) = 10/19; F0.5 = 1.25tp/(1.25tp+.25fn+fp) = 2.5/4
  // Split 4 + 2. Batch F1s would be 2/3 (tp 2, fn 2) and 0 (fp 1): their weighted mean 4/9 is not
  // 4/7.
  private static final Tensor[] B1 = batch(logits(2, 1, 1, 0, 0), labels(1, 1, 1, 1));
  private static final Tensor[] B2 = batch(logits(2, 1, 0), labels(0, 0));

  @Test
  void binaryScoresOverTheEpoch() {
    assertEquals(4.0 / 7, epoch(Metrics.f1Score(), B1, B2), EPS);
    assertEquals(2.0 / 3, epoch(Metrics.precision(), B1, B2), EPS);
    assertEquals(0.5, epoch(Metrics.recall(), B1, B2), EPS);
    assertEquals(10.0 / 19, epoch(Metrics.fBeta(2), B1, B2), EPS);
    assertEquals(0.625, epoch(Metrics.fBeta(0.5), B1, B2), EPS);
    assertEquals(2.0 / 3, epoch(Metrics.f1Score(), B1), EPS);
  }

  // 3 classes, 7 items: true 0 0 1 1 2 2 2
  //                     pred 0 1 1 1 2 0 2
  // class 0: tp 1 fp 1 fn 1 -> P 1/2 R 1/2 F1 1/2     (support 2)
  // class 1: tp 2 fp 1 fn 0 -> P 2/3 R 1   F1 4/5     (support 2)
  // class 2: tp 2 fp 0 fn 1 -> P 1   R 2/3 F1 4/5     (support 3)
  // macro F1 (1/2 + 4/5 + 4/5)/3 = 0.7; macro P = macro R = (1/2 + 2/3 + 1)/3 = 13/18
  // micro: tp 5 fp 2 fn 2 -> 5/7 (the accuracy)
  // weighted F1 (1/2·2 + 4/5·2 + 4/5·3)/7 = 5/7; weighted P (1/2·2 + 2/3·2 + 1·3)/7 = 16/21
  // The model has a 4th class that never appears: like sklearn, only labels present in either array
  // count.
  private static final Tensor[] M1 = batch(logits(4, 0, 1, 1), labels(0, 0, 1));
  private static final Tensor[] M2 = batch(logits(4, 1, 2, 0, 2), labels(1, 2, 2, 2));

  @Test
  void multiClassAverages() {
    assertEquals(0.7, epoch(Metrics.f1Score().macro(), M1, M2), EPS);
    assertEquals(0.7, epoch(Metrics.f1Score(Average.MACRO), M1, M2), EPS);
    assertEquals(13.0 / 18, epoch(Metrics.precision(Average.MACRO), M1, M2), EPS);
    assertEquals(13.0 / 18, epoch(Metrics.recall().macro(), M1, M2), EPS);
    assertEquals(5.0 / 7, epoch(Metrics.f1Score().micro(), M1, M2), EPS);
    assertEquals(5.0 / 7, epoch(Metrics.f1Score().weighted(), M1, M2), EPS);
    assertEquals(16.0 / 21, epoch(Metrics.precision().weighted(), M1, M2), EPS);
    assertEquals(5.0 / 7, epoch(Metrics.recall(Average.WEIGHTED), M1, M2), EPS);
  }

  @Test
  void zeroDivisionScoresZero() {
    // nothing predicted positive and nothing positive: every denominator is 0
    assertEquals(0.0, epoch(Metrics.f1Score(), batch(logits(2, 0, 0), labels(0, 0))), EPS);
    assertEquals(0.0, epoch(Metrics.precision(), batch(logits(2, 0, 0), labels(1, 0))), EPS);
  }

  // Multi-label, 3 items × 2 labels. Logits ±2 -> sigmoid .88/.12 -> predicted
  //   1 0 / 1 1 / 0 1   against targets   1 0 / 0 1 / 1 1
  // column 0: pred 1 1 0, true 1 0 1 -> tp 1 fp 1 fn 1 -> F1 1/2, P 1/2, R 1/2
  // column 1: pred 0 1 1, true 0 1 1 -> tp 2          -> F1 1,   P 1,   R 1
  // macro: 3/4 each. micro F1: tp 3 fp 1 fn 1 -> 6/8.
  private static final Tensor[] L1 =
      batch(Tensor.of(new float[] {2, -2, 2, 2}, 2, 2), Tensor.of(new float[] {1, 0, 0, 1}, 2, 2));
  private static final Tensor[] L2 =
      batch(Tensor.of(new float[] {-2, 2}, 1, 2), Tensor.of(new float[] {1, 1}, 1, 2));

  @Test
  void multiLabelScores() {
    assertEquals(0.75, epoch(Metrics.f1ScoreMulti(), L1, L2), EPS);
    assertEquals(0.75, epoch(Metrics.precisionMulti(), L1, L2), EPS);
    assertEquals(0.75, epoch(Metrics.recallMulti(), L1, L2), EPS);
    assertEquals(0.75, epoch(Metrics.f1ScoreMulti().micro(), L1, L2), EPS);
    // F2 per column: col 0 5/(5+4+1) = 1/2, col 1: 1 -> 3/4
    assertEquals(0.75, epoch(Metrics.fBetaMulti(2), L1, L2), EPS);
    // thresh .9: sigmoid(2) = .88 is below -> nothing predicted -> 0
    assertEquals(0.0, epoch(Metrics.f1ScoreMulti(0.9), L1, L2), EPS);
    // no sigmoid, raw logits >= 1.5 -> same predictions as above
    assertEquals(
        0.75, epoch(Metrics.f1ScoreMulti().withSigmoid(false).withThresh(1.5), L1, L2), EPS);
  }

  @Test
  void namesAndOptions() {
    assertEquals("f1_score", Metrics.f1Score().name());
    assertEquals("fbeta_score", Metrics.fBeta(2).name());
    assertEquals("precision_score", Metrics.precision().name());
    assertEquals("recall_score", Metrics.recallMulti().name());
    assertEquals(Average.BINARY, Metrics.f1Score().average());
    assertEquals(Average.MACRO, Metrics.f1ScoreMulti().average());
    assertEquals("ConfusionScore[f1_score, macro]", Metrics.f1Score().macro().toString());
    assertTrue(Metrics.f1Score().higherIsBetter());
    assertThrows(IllegalArgumentException.class, () -> Metrics.fBeta(0));
    assertThrows(
        IllegalArgumentException.class, () -> Metrics.f1ScoreMulti().withAverage(Average.BINARY));
    assertThrows(IllegalStateException.class, () -> Metrics.f1Score().withThresh(0.3));
  }

  @Test
  void binaryRefusesMoreThanTwoClasses() {
    var e = assertThrows(IllegalArgumentException.class, () -> epoch(Metrics.f1Score(), M1));
    assertTrue(
        e.getMessage().contains("f1_score with Average.BINARY expects 2 classes"), e.getMessage());
    assertTrue(e.getMessage().contains("float32 [3, 4]"), e.getMessage());
    assertTrue(e.getMessage().contains(".macro()"), e.getMessage());
    // two output classes but a target label 2: caught over the epoch, as sklearn does
    var v =
        assertThrows(
            IllegalArgumentException.class,
            () -> epoch(Metrics.recall(), batch(logits(2, 0, 1), labels(2, 1))));
    assertTrue(v.getMessage().contains("labels [0, 1, 2]"), v.getMessage());
  }
}
