package org.boarfish.metrics;

import static org.boarfish.metrics.MetricTesting.batch;
import static org.boarfish.metrics.MetricTesting.epoch;
import static org.boarfish.metrics.MetricTesting.labels;
import static org.boarfish.metrics.MetricTesting.logits;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A metric of the wrong kind for the targets fails at once, naming the metric, both tensors and the
 * fix.
 */
class WrongKindTest {

  private static String error(Metric m, Tensor pred, Tensor target) {
    return assertThrows(IllegalArgumentException.class, () -> epoch(m, batch(pred, target)))
        .getMessage();
  }

  private static void contains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), () -> "missing '" + p + "' in: " + message);
    }
  }

  @Test
  void accuracyOnRegressionTargets() {
    String m = error(Metrics.accuracy(), Tensor.zeros(4, 1), Tensor.zeros(4, 1));
    contains(
        m,
        "accuracy expects integer class-index targets",
        "pred float32 [4, 1]",
        "target float32 [4, 1]",
        "for regression use Metrics.rmse()");
  }

  @Test
  void accuracyOnSegmentationWithTheDefaultAxis() {
    String m =
        error(Metrics.accuracy(), Tensor.zeros(2, 3, 4, 5), Tensor.of(new long[40], 2, 4, 5));
    contains(m, "accuracy", "[2, 3, 4, 5]", "int64 [2, 4, 5]", "Metrics.accuracy(1)");
  }

  @Test
  void accuracyWithTooFewTargets() {
    String m = error(Metrics.errorRate(), logits(3, 0, 1, 2), labels(0, 1));
    contains(m, "error_rate", "float32 [3, 3]", "int64 [2]", "one class index per item");
  }

  @Test
  void regressionOnClassLogits() {
    for (Metric metric :
        new Metric[] {Metrics.rmse(), Metrics.mse(), Metrics.mae(), Metrics.r2Score()}) {
      String m = error(metric, logits(3, 0, 1, 2, 0), labels(0, 1, 2, 0));
      contains(
          m,
          metric.name() + " expects float regression targets",
          "pred float32 [4, 3]",
          "target int64 [4]",
          "Metrics.accuracy()");
    }
  }

  @Test
  void regressionShapesThatDoNotMatch() {
    String m = error(Metrics.rmse(), Tensor.zeros(4, 2), Tensor.zeros(4));
    contains(m, "rmse", "pred holds 8 values and target 4");
  }

  @Test
  void multiLabelMetricsOnClassIndices() {
    contains(
        error(Metrics.accuracyMulti(), logits(3, 0, 1), labels(0, 1)),
        "accuracy_multi expects 0/1 multi-label targets",
        "int64 [2]",
        "Metrics.accuracy()");
    contains(
        error(Metrics.f1ScoreMulti(), logits(3, 0, 1), labels(0, 1)),
        "f1_score expects 0/1 multi-label targets",
        "Metrics.f1Score()");
  }

  @Test
  void classificationScoresOnFloatTargets() {
    contains(
        error(Metrics.f1Score(), logits(2, 0, 1), Tensor.zeros(2, 2)),
        "f1_score expects integer class-index targets",
        "float32 [2, 2]",
        "f1ScoreMulti");
    contains(
        error(Metrics.topKAccuracy(2), logits(3, 0, 1), Tensor.zeros(2)),
        "top_k_accuracy expects integer class-index targets",
        "Metrics.rmse()");
  }

  @Test
  void oneDimensionalOutputHasNoClassAxis() {
    contains(
        error(Metrics.accuracy(), Tensor.zeros(4), labels(0, 1, 0, 1)),
        "accuracy expects class scores with a class axis -1",
        "float32 [4]",
        "Metrics.accuracyMulti()");
  }

  @Test
  void badArguments() {
    contains(
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(0)).getMessage(),
        "k must be at least 1, got 0");
    contains(
        error(Metrics.topKAccuracy(5), logits(3, 0, 1), labels(0, 1)),
        "k = 5 is more than the 3 classes");
    var acc = Metrics.accuracy();
    contains(
        assertThrows(
                IllegalArgumentException.class, () -> acc.accumulate(logits(2, 0), labels(0), 0, 0))
            .getMessage(),
        "accuracy: batchSize must be positive, got 0");
  }
}
