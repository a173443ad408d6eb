package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.metrics.AccumMetric.Activation;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** AccumMetric's options, custom metrics, and metrics that outlive the batch's memory scope. */
class AccumMetricTest {
  private static final double EPS = 1e-12;

  @Test
  void functionSeesTheConcatenatedEpoch() {
    List<long[]> shapes = new ArrayList<>();
    var m =
        new AccumMetric(
            "sum_sq",
            (p, t) -> {
              shapes.add(p.shape());
              shapes.add(t.shape());
              return p.sub(t).pow(2).sum().item();
            });
    double v =
        epoch(
            m,
            batch(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {0, 0}, 2)),
            batch(Tensor.of(new float[] {3}, 1, 1), Tensor.of(new float[] {1}, 1)));
    assertEquals(1 + 4 + 4, v, EPS);
    assertArrayEquals(new long[] {3}, shapes.get(0), "flattened by default");
    assertArrayEquals(new long[] {3}, shapes.get(1));
  }

  @Test
  void activationArgmaxThreshAndFlatten() {
    // sigmoid then >= .5: logits -1 2 0 -> 0 1 1 (sigmoid(0) = .5 counts, as fastai's >=)
    var count =
        new AccumMetric("positives", (p, t) -> p.to(DType.FLOAT64).sum().item())
            .withActivation(Activation.SIGMOID)
            .withThresh(0.5);
    assertEquals(
        2, epoch(count, batch(Tensor.of(new float[] {-1, 2, 0}, 3), Tensor.zeros(3))), EPS);

    // argmax over the last axis gives int64 labels
    List<DType> types = new ArrayList<>();
    var acc =
        new AccumMetric(
                "my_acc",
                (p, t) -> {
                  types.add(p.dtype());
                  return p.eq(t).to(DType.FLOAT32).mean().item();
                })
            .withArgmax(-1);
    assertEquals(
        0.75,
        epoch(
            acc,
            batch(MetricTesting.logits(3, 0, 2, 1), labels(0, 2, 2)),
            batch(MetricTesting.logits(3, 1), labels(1))),
        EPS);
    assertEquals(DType.INT64, types.get(0));

    // unflattened: rows [n, C] after softmax, rows add to one
    List<long[]> shapes = new ArrayList<>();
    var rows =
        new AccumMetric(
                "row_sum",
                (p, t) -> {
                  shapes.add(p.shape());
                  return p.sum().item();
                })
            .withActivation(Activation.SOFTMAX)
            .withFlatten(false);
    assertEquals(
        3,
        epoch(
            rows,
            batch(MetricTesting.logits(4, 0, 3), labels(0, 3)),
            batch(MetricTesting.logits(4, 1), labels(1))),
        1e-6);
    assertArrayEquals(new long[] {3, 4}, shapes.get(0));

    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                epoch(
                    rows.withFlatten(false),
                    batch(MetricTesting.logits(4, 0), labels(0)),
                    batch(MetricTesting.logits(3, 0), labels(0))));
    assertTrue(e.getMessage().contains("trailing shapes"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> rows.withActivation(Activation.BINARY_SOFTMAX).withArgmax(-1));
  }

  @Test
  void directionFromNameOrExplicit() {
    assertFalse(new AccumMetric("max_error", (p, t) -> 0).higherIsBetter());
    assertTrue(new AccumMetric("my_acc", (p, t) -> 0).higherIsBetter());
    assertFalse(new AccumMetric("my_acc", (p, t) -> 0, false).higherIsBetter());
    assertTrue(new AccumMetric("max_error", (p, t) -> 0).withHigherIsBetter(true).higherIsBetter());
    assertFalse(new AvgMetric("valid_loss2", (p, t) -> 0).higherIsBetter());
    assertTrue(new AvgMetric("hits", (p, t) -> 0).higherIsBetter());
    assertThrows(IllegalArgumentException.class, () -> new AvgMetric(" ", (p, t) -> 0));
  }

  /** Each batch lives in its own Scope, closed before the next one and before value(). */
  @Test
  void metricsOutliveTheBatchScope() {
    List<Metric> metrics =
        List.of(
            Metrics.accuracy(),
            Metrics.f1Score(),
            Metrics.rocAucBinary(),
            Metrics.rocAuc(),
            Metrics.perplexity(),
            new AccumMetric("raw", (p, t) -> p.sum().item() + t.sum().item()).withFlatten(false));
    List<Metric> regression = List.of(Metrics.rmse(), Metrics.r2Score(), Metrics.mse());
    metrics.forEach(Metric::reset);
    regression.forEach(Metric::reset);
    int[][] classes = {{1, 1, 0, 0}, {1, 0}};
    long[][] targets = {{1, 1, 1, 1}, {0, 0}};
    Tensor[] seen = new Tensor[2];
    for (int b = 0; b < 2; b++) {
      try (var scope = Scope.open()) {
        Tensor pred =
            MetricTesting.logits(2, classes[b]).mul(2.0).add(Tensor.zeros(1)).requiresGrad(false);
        Tensor targ = Tensor.of(targets[b], targets[b].length);
        seen[b] = pred;
        for (Metric m : metrics) {
          m.accumulate(pred, targ, 1.0, targets[b].length);
        }
        Tensor rp = Tensor.of(new float[] {b, b + 1f}, 2);
        Tensor rt = Tensor.of(new float[] {b + 1f, b + 1f}, 2);
        for (Metric m : regression) {
          m.accumulate(rp, rt, 0.0, 2);
        }
      }
    }
    assertThrows(
        IllegalStateException.class, () -> seen[0].data(), "the batch's memory really is gone");
    double[] values = new double[metrics.size()];
    try (var scope = Scope.open()) {
      for (int i = 0; i < metrics.size(); i++) {
        values[i] = metrics.get(i).value();
      }
    }
    assertEquals(3.0 / 6, values[0], EPS);
    assertEquals(4.0 / 7, values[1], EPS);
    assertTrue(values[2] > 0 && values[2] <= 1);
    assertEquals(Math.E, values[4], 1e-12);
    assertEquals(2 * 6 + 4, values[5], 1e-6);
    // pred 0 1 1 2 vs target 1 1 2 2: squared errors 1 0 1 0
    assertEquals(Math.sqrt(0.5), regression.get(0).value(), EPS);
    assertEquals(0.5, regression.get(2).value(), EPS);
  }

  @Test
  void gradientCarryingPredictionsAreFine() {
    Tensor pred = MetricTesting.logits(2, 1, 0).requiresGrad(true);
    Tensor out = pred.mul(3.0);
    assertEquals(1.0, epoch(Metrics.accuracy(), batch(out, labels(1, 0))), EPS);
    assertEquals(1.0, epoch(Metrics.f1Score(), batch(out, labels(1, 0))), EPS);
  }
}
