package org.boarfish.metrics;

import java.util.Locale;
import org.boarfish.tensor.Tensor;

/**
 * A value computed over a validation epoch, batch by batch: the Learner calls {@link #reset()}
 * before the epoch, {@link #accumulate} after each batch (inside the batch's memory scope, so a
 * metric keeps only plain Java values or {@link Tensor#keep() kept} copies) and {@link #value()}
 * after the epoch.
 */
public interface Metric {
  /**
   * The column name in the epoch table, snake_case like fastai: {@code accuracy}, {@code
   * error_rate}, {@code rmse}.
   */
  String name();

  /** Forgets everything accumulated; called before each validation epoch. */
  void reset();

  /**
   * Adds one batch.
   *
   * @param pred the raw model output of the batch (logits, not probabilities)
   * @param target the batch's target tensor
   * @param loss the batch's mean loss
   * @param batchSize the number of items in the batch
   */
  void accumulate(Tensor pred, Tensor target, double loss, int batchSize);

  /**
   * The metric over everything accumulated since {@link #reset()}; NaN if nothing was accumulated.
   */
  double value();

  /**
   * True when a larger value is better (accuracy-like), false for error- and loss-like metrics;
   * EarlyStopping and SaveModel use it to pick their comparison. By default it is judged from the
   * name: names containing {@code error}, {@code loss}, {@code mse}, {@code mae}, {@code msle},
   * {@code rmspe} or {@code perplexity} are lower-is-better.
   */
  default boolean higherIsBetter() {
    String n = name().toLowerCase(Locale.ROOT);
    for (String low : new String[] {"error", "loss", "mse", "mae", "msle", "rmspe", "perplexity"}) {
      if (n.contains(low)) {
        return false;
      }
    }
    return true;
  }
}
