package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.floats;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.boarfish.metrics.MetricTesting.logits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The snippets of docs/metrics.md, compiled and run. */
class DocsSnippetsTest {

  static class CountItems implements Metric {
    private long n;

    @Override
    public String name() {
      return "items";
    }

    @Override
    public void reset() {
      n = 0;
    }

    @Override
    public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
      n += batchSize;
    }

    @Override
    public double value() {
      return n;
    }
  }

  @Test
  void customMetrics() {
    var metrics = List.of(Metrics.accuracy(), Metrics.f1Score().macro(), Metrics.rocAuc());
    assertEquals(3, metrics.size());

    var within1 =
        new AvgMetric(
            "within_1",
            (p, t) ->
                p.reshape(-1).sub(t.reshape(-1)).abs().le(1.0).to(DType.FLOAT32).mean().item());
    // |errors| 0.5 2 / 1: within 1 -> 1 0 / 1 -> (0.5·2 + 1·1)/3
    double v =
        epoch(
            within1,
            batch(Tensor.of(new float[] {1.5f, 4}, 2, 1), floats(1, 2)),
            batch(Tensor.of(new float[] {0}, 1, 1), floats(1)));
    assertEquals(2.0 / 3, v, 1e-12);

    var maxErr = new AccumMetric("max_abs_error", (p, t) -> p.sub(t).abs().max().item());
    assertFalse(maxErr.higherIsBetter());
    assertEquals(
        2, epoch(maxErr, batch(floats(1, 4), floats(1, 2)), batch(floats(0), floats(1))), 1e-6);

    var meanProb =
        new AccumMetric("mean_top_prob", (p, t) -> p.amax(new int[] {1}, false).mean().item())
            .withActivation(AccumMetric.Activation.SOFTMAX)
            .withFlatten(false);
    // two equal logits -> top prob 0.5
    assertEquals(0.5, epoch(meanProb, batch(Tensor.zeros(3, 2), labels(0, 1, 0))), 1e-6);

    var count = new CountItems();
    assertEquals(
        5,
        epoch(
            count,
            batch(logits(2, 0, 1, 1), labels(0, 1, 1)),
            batch(logits(2, 0, 1), labels(0, 1))));
    assertTrue(count.higherIsBetter());
  }
}
