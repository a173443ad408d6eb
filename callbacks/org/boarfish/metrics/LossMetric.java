package org.boarfish.metrics;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.boarfish.tensor.Tensor;

/**
 * A function of the epoch-average loss ({@code Σ loss_b·n_b / Σ n_b}, fastai's {@code AvgLoss});
 * {@link Metrics#perplexity()} is {@code new LossMetric("perplexity", Math::exp, false)}.
 */
public final class LossMetric implements Metric {
  private final String name;
  private final DoubleUnaryOperator transform;
  private final boolean higherIsBetter;
  private double total;
  private long count;

  /** A metric named {@code name} computing {@code transform(average loss)}. */
  public LossMetric(String name, DoubleUnaryOperator transform, boolean higherIsBetter) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("LossMetric: name must not be blank");
    }
    this.name = name;
    this.transform = Objects.requireNonNull(transform, "transform");
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
    total += loss * batchSize;
    count += batchSize;
  }

  @Override
  public double value() {
    return count == 0 ? Double.NaN : transform.applyAsDouble(total / count);
  }

  @Override
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  @Override
  public String toString() {
    return "LossMetric[" + name + "]";
  }
}
