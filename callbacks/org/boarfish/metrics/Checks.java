package org.boarfish.metrics;

import java.util.Arrays;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * The checks behind "wrong kind of metric for these targets" errors: each names the metric, both
 * tensors and a fix.
 */
final class Checks {
  private Checks() {}

  /** A tensor as the errors print it: {@code float32 [64, 10]}. */
  static String desc(Tensor t) {
    return t.dtype() + " " + Arrays.toString(t.shape());
  }

  static IllegalArgumentException wrongKind(
      String metric, String expects, Tensor pred, Tensor target, String fix) {
    return new IllegalArgumentException(
        metric
            + " expects "
            + expects
            + "; got pred "
            + desc(pred)
            + " and target "
            + desc(target)
            + ": "
            + fix);
  }

  static void batchSize(String metric, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(metric + ": batchSize must be positive, got " + batchSize);
    }
  }

  static boolean isIntegral(Tensor t) {
    return t.dtype() == DType.INT32 || t.dtype() == DType.INT64;
  }

  /** Normalises a class axis of {@code pred}, or explains why it does not exist. */
  static int axis(String metric, Tensor pred, Tensor target, int axis) {
    int r = pred.dim();
    int a = axis < 0 ? axis + r : axis;
    if (r == 0 || a < 0 || a >= r) {
      throw wrongKind(
          metric,
          "class scores with a class axis " + axis,
          pred,
          target,
          "a 0-d or 1-d output has no class axis; for one output per item use Metrics.accuracyMulti() (sigmoid) "
              + "or a regression metric such as Metrics.rmse()");
    }
    return a;
  }

  /** The class axis of class scores (at least 2-d: a batch dim and a class dim), normalised. */
  static int classAxis(String metric, Tensor pred, Tensor target, int axis) {
    if (pred.dim() < 2) {
      throw wrongKind(
          metric,
          "class scores with a class axis " + axis + " (e.g. [N, C])",
          pred,
          target,
          "a "
              + pred.dim()
              + "-d output holds one value per item; for one logit per item use Metrics.accuracyMulti()"
              + " (sigmoid), for regression Metrics.rmse()");
    }
    return axis(metric, pred, target, axis);
  }

  /**
   * The class labels of {@code pred} (argmax over {@code axis}, flattened) after checking that
   * {@code target} holds one integer class index per label.
   */
  static long[] argmaxLabels(String metric, Tensor pred, Tensor target, int axis) {
    int a = classAxis(metric, pred, target, axis);
    String expects = "integer class-index targets, one per argmax of pred over axis " + axis;
    if (!isIntegral(target)) {
      throw wrongKind(
          metric,
          expects,
          pred,
          target,
          "for regression use Metrics.rmse() or Metrics.mse(); for multi-label 0/1 targets use Metrics.accuracyMulti()"
              + ", Metrics.f1ScoreMulti() or the other *Multi metrics");
    }
    long items = pred.numel() / Math.max(1, pred.size(a));
    if (items != target.numel()) {
      String fix =
          pred.dim() > 2 && a == pred.dim() - 1
              ? "for segmentation output [N, C, H, W] take the classes over axis 1, e.g. Metrics.accuracy(1)"
              : "the argmax gives "
                  + items
                  + " labels but the target holds "
                  + target.numel()
                  + "; give one class index per item (e.g. int64 [N] for pred [N, C])";
      throw wrongKind(metric, expects, pred, target, fix);
    }
    return pred.detach().argmax(a).toLongArray();
  }

  /** Checks that pred and target hold the same number of values, as fastai's flatten_check. */
  static void sameCount(String metric, String expects, Tensor pred, Tensor target) {
    if (pred.numel() == target.numel()) {
      return;
    }
    String fix =
        isIntegral(target) && pred.dim() >= 2
            ? "pred holds "
                + pred.numel()
                + " values and target "
                + target.numel()
                + "; for class-index targets use Metrics.accuracy() or Metrics.errorRate()"
            : "pred holds "
                + pred.numel()
                + " values and target "
                + target.numel()
                + "; make the model output one value per target value";
    throw wrongKind(metric, expects, pred, target, fix);
  }

  /** The regression check: one target value per predicted value. */
  static void regression(String metric, Tensor pred, Tensor target) {
    if (target.dtype() == DType.BOOL) {
      throw wrongKind(
          metric,
          "float regression targets, one per predicted value",
          pred,
          target,
          "for 0/1 multi-label targets use Metrics.accuracyMulti() or Metrics.f1ScoreMulti()");
    }
    sameCount(metric, "float regression targets, one per predicted value", pred, target);
  }
}
