package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Regression metrics: batch-averaged (mse, mae, msle) and epoch-accumulated (rmse, exp_rmspe, R²).
 */
class RegressionMetricsTest {
  private static final double EPS = 1e-12;

  // batch 1: pred 1 2 3, target 1 2 5 -> squared errors 0 0 4 (batch MSE 4/3, batch RMSE 1.1547)
  // batch 2: pred 0 0,   target 1 1   -> squared errors 1 1   (batch MSE 1,   batch RMSE 1)
  // epoch: 6 / 5 = 1.2 -> RMSE sqrt(1.2) = 1.0954...
  // neither the mean of the batch RMSEs (1.0774) nor their batch-weighted mean (1.0928)
  private static final Tensor[] B1 =
      batch(Tensor.of(new float[] {1, 2, 3}, 3, 1), Tensor.of(new float[] {1, 2, 5}, 3, 1));
  private static final Tensor[] B2 = batch(Tensor.of(new float[] {0, 0}, 2, 1), floats(1, 1));

  @Test
  void rmseIsOverTheEpoch() {
    double rmse = epoch(Metrics.rmse(), B1, B2);
    assertEquals(Math.sqrt(1.2), rmse, EPS);
    double b1 = Math.sqrt(4.0 / 3);
    assertNotEquals((b1 + 1) / 2, rmse, 1e-3);
    assertNotEquals((b1 * 3 + 2) / 5, rmse, 1e-3);
  }

  @Test
  void mseAndMaeAreBatchWeighted() {
    // (4/3·3 + 1·2)/5 = 1.2, the epoch MSE since every item has one value
    assertEquals(1.2, epoch(Metrics.mse(), B1, B2), EPS);
    // batch MAEs 2/3 and 1: (2/3·3 + 1·2)/5 = 0.8
    assertEquals(0.8, epoch(Metrics.mae(), B1, B2), EPS);
  }

  @Test
  void msle() {
    // log(1+p) = 0, 1 and log(1+t) = 1, 1 -> squared 1, 0 -> 0.5
    double e1 = Math.E - 1;
    Tensor p = Tensor.of(new double[] {0, e1}, 2);
    Tensor t = Tensor.of(new double[] {e1, e1}, 2);
    assertEquals(0.5, epoch(Metrics.msle(), batch(p, t)), 1e-12);
  }

  @Test
  void expRmspe() {
    // e^t = 4, 3 and e^p = 2, 3: relative errors (4-2)/4 = 1/2 and 0 -> sqrt((1/4 + 0)/2) =
    // sqrt(1/8)
    Tensor p = Tensor.of(new double[] {Math.log(2)}, 1);
    Tensor t = Tensor.of(new double[] {Math.log(4)}, 1);
    Tensor p2 = Tensor.of(new double[] {Math.log(3)}, 1);
    Tensor t2 = Tensor.of(new double[] {Math.log(3)}, 1);
    assertEquals(Math.sqrt(0.125), epoch(Metrics.expRmspe(), batch(p, t), batch(p2, t2)), 1e-12);
  }

  @Test
  void r2FromSums() {
    // targets 1 2 3 4 (mean 2.5): SS_tot = 2.25 + .25 + .25 + 2.25 = 5
    // preds   1 2 3 5:            SS_res = 1 -> R² = 1 - 1/5 = 0.8 (split 2 + 2)
    var r2 = Metrics.r2Score();
    assertEquals(
        0.8, epoch(r2, batch(floats(1, 2), floats(1, 2)), batch(floats(3, 5), floats(3, 4))), EPS);
    // constant targets: 1 if exact, else 0 (sklearn's force_finite)
    assertEquals(1.0, epoch(r2, batch(floats(2, 2), floats(2, 2))), EPS);
    assertEquals(0.0, epoch(r2, batch(floats(2, 3), floats(2, 2))), EPS);
  }

  @Test
  void integerTargetsWithOneValuePerPredictionAreRegression() {
    Tensor p = Tensor.of(new float[] {1, 3}, 2, 1);
    Tensor t = Tensor.of(new long[] {1, 1}, 2);
    assertEquals(Math.sqrt(2), epoch(Metrics.rmse(), batch(p, t)), 1e-12);
  }

  @Test
  void namesAndDirections() {
    for (Metric m :
        new Metric[] {
          Metrics.mse(), Metrics.rmse(), Metrics.mae(), Metrics.msle(), Metrics.expRmspe()
        }) {
      assertFalse(m.higherIsBetter(), m.name());
    }
    assertTrue(Metrics.r2Score().higherIsBetter());
    assertEquals("rmse", Metrics.rmse().name());
    assertEquals("exp_rmspe", Metrics.expRmspe().name());
    assertEquals("r2_score", Metrics.r2Score().name());
    assertEquals("AccumMetric[rmse]", Metrics.rmse().toString());
  }
}
