/**
 * Metrics shown in the Learner's epoch table, as fastai's: {@link org.boarfish.metrics.AvgMetric}
 * averages a per-batch value weighted by batch size, {@link org.boarfish.metrics.AccumMetric} keeps
 * the epoch's predictions and targets and computes once at the end, {@link
 * org.boarfish.metrics.LossMetric} transforms the epoch-average loss. Ready-made metrics come from
 * {@link org.boarfish.metrics.Metrics}: {@code Metrics.accuracy()}, {@code Metrics.rmse()}, ...
 */
package org.boarfish.metrics;
