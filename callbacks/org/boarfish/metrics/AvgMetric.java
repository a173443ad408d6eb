package org.boarfish.metrics;

import java.util.Objects;
import java.util.function.ToDoubleBiFunction;
import org.boarfish.tensor.Tensor;

/**
 * A per-batch function averaged over the epoch, weighted by batch size: {@code Σ f(pred_b,
 * target_b)·n_b / Σ n_b}, as fastai's {@code AvgMetric}. Right for metrics that are means over
 * items (accuracy, MSE); for metrics that are not (RMSE, F1, ROC-AUC) use {@link AccumMetric}.
 *
 * <pre>{@code
 * var within1 = new AvgMetric("within_1", (p, t) -> p.sub(t).abs().le(1.0).to(DType.FLOAT32).mean().item());
 * }</pre>
 *
 * <p>The function receives the batch's raw predictions (detached) and targets inside the batch's
 * scope and must return a plain double.
 */
public final class AvgMetric implements Metric {
  private final String name;
  private final ToDoubleBiFunction<Tensor, Tensor> func;
  private final Boolean higherIsBetter;
  private double total;
  private long count;

  /**
   * A metric named {@code name}; higher-is-better judged from the name as {@link
   * Metric#higherIsBetter()}.
   */
  public AvgMetric(String name, ToDoubleBiFunction<Tensor, Tensor> func) {
    this(name, func, null);
  }

  /** A metric named {@code name} with an explicit direction. */
  public AvgMetric(String name, ToDoubleBiFunction<Tensor, Tensor> func, boolean higherIsBetter) {
    this(name, func, Boolean.valueOf(higherIsBetter));
  }

  private AvgMetric(String name, ToDoubleBiFunction<Tensor, Tensor> func, Boolean higherIsBetter) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("AvgMetric: name must not be blank");
    }
    this.name = name;
    this.func = Objects.requireNonNull(func, "func");
    this.higherIsBetter = higherIsBetter;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  @Override
  public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
    Checks.batchSize(name, batchSize);
    double v = func.applyAsDouble(pred.detach(), target.detach());
    total += v * batchSize;
    count += batchSize;
  }

  @Override
  public double value() {
    return count == 0 ? Double.NaN : total / count;
  }

  @Override
  public boolean higherIsBetter() {
    return higherIsBetter != null ? higherIsBetter : Metric.super.higherIsBetter();
  }

  @Override
  public String toString() {
    return "AvgMetric[" + name + "]";
  }
}
