package org.boarfish.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleBiFunction;
import org.boarfish.tensor.Tensor;

/**
 * Keeps the epoch's predictions and targets and computes once over their concatenation, as fastai's
 * {@code AccumMetric}: right for metrics that are not means over items (RMSE, R², F1, ROC-AUC).
 *
 * <p>Each batch's prediction goes through, in order: the {@link Activation} (softmax or sigmoid),
 * the argmax over an axis, the threshold ({@code pred >= thresh} gives 0/1), then, unless {@link
 * #withFlatten(boolean) flatten} is off, predictions and targets are flattened to 1-D and must hold
 * as many values. Without flattening, they are concatenated along dim 0 and every batch must share
 * the trailing shape. The values are copied into Java arrays, so nothing depends on the batch's
 * memory scope.
 *
 * <p>At {@link #value()} the function receives the concatenations as fresh tensors: integer and
 * bool values as int64, floating values as float64.
 *
 * <pre>{@code
 * var maxErr = new AccumMetric("max_abs_error", (p, t) -> p.sub(t).abs().max().item(), false);
 * var top1 = new AccumMetric("my_acc", (p, t) -> p.eq(t).to(DType.FLOAT32).mean().item()).withArgmax(-1);
 * }</pre>
 */
public final class AccumMetric implements Metric {
  /** The activation applied to a batch's predictions before they are kept. */
  public enum Activation {
    /** Raw outputs. */
    NONE,
    /** Softmax over the activation axis. */
    SOFTMAX,
    /** Elementwise sigmoid. */
    SIGMOID,
    /**
     * Softmax over the activation axis, then the probability of the last class only (that axis is
     * removed).
     */
    BINARY_SOFTMAX
  }

  private final String name;
  private final ToDoubleBiFunction<Tensor, Tensor> func;
  private final Boolean higherIsBetter;
  private final Activation activation;
  private final int activationAxis;
  private final Integer argmaxAxis;
  private final Double thresh;
  private final boolean flatten;
  private final BiConsumer<Tensor, Tensor> check;

  private final DoubleList preds = new DoubleList();
  private final DoubleList targs = new DoubleList();
  private long[] predRow;
  private long[] targRow;
  private boolean predFloat;
  private boolean targFloat;

  /**
   * A metric computing {@code func(allPreds, allTargets)}; higher-is-better judged from the name.
   */
  public AccumMetric(String name, ToDoubleBiFunction<Tensor, Tensor> func) {
    this(name, func, null, Activation.NONE, -1, null, null, true, null);
  }

  /** A metric computing {@code func(allPreds, allTargets)} with an explicit direction. */
  public AccumMetric(String name, ToDoubleBiFunction<Tensor, Tensor> func, boolean higherIsBetter) {
    this(name, func, higherIsBetter, Activation.NONE, -1, null, null, true, null);
  }

  private AccumMetric(
      String name,
      ToDoubleBiFunction<Tensor, Tensor> func,
      Boolean higherIsBetter,
      Activation activation,
      int activationAxis,
      Integer argmaxAxis,
      Double thresh,
      boolean flatten,
      BiConsumer<Tensor, Tensor> check) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("AccumMetric: name must not be blank");
    }
    if (activation == Activation.BINARY_SOFTMAX && argmaxAxis != null) {
      throw new IllegalArgumentException(
          name
              + ": BINARY_SOFTMAX keeps only the last class's probability, so no argmax can follow it; use SOFTMAX");
    }
    this.name = name;
    this.func = Objects.requireNonNull(func, "func");
    this.higherIsBetter = higherIsBetter;
    this.activation = Objects.requireNonNull(activation, "activation");
    this.activationAxis = activationAxis;
    this.argmaxAxis = argmaxAxis;
    this.thresh = thresh;
    this.flatten = flatten;
    this.check = check;
  }

  /** The same metric with an activation over the last axis. */
  public AccumMetric withActivation(Activation a) {
    return withActivation(a, argmaxAxis == null ? -1 : argmaxAxis);
  }

  /** The same metric with an activation; {@code axis} is the class axis for the softmax kinds. */
  public AccumMetric withActivation(Activation a, int axis) {
    return new AccumMetric(name, func, higherIsBetter, a, axis, argmaxAxis, thresh, flatten, check);
  }

  /**
   * The same metric keeping the argmax over {@code axis} (after the activation) instead of the
   * scores.
   */
  public AccumMetric withArgmax(int axis) {
    return new AccumMetric(
        name, func, higherIsBetter, activation, activationAxis, axis, thresh, flatten, check);
  }

  /** The same metric keeping {@code pred >= thresh} as 0/1 (after the activation). */
  public AccumMetric withThresh(double thresh) {
    if (Double.isNaN(thresh)) {
      throw new IllegalArgumentException(name + ": thresh must be a number, got NaN");
    }
    return new AccumMetric(
        name, func, higherIsBetter, activation, activationAxis, argmaxAxis, thresh, flatten, check);
  }

  /**
   * The same metric with flattening on (the default: both 1-D) or off (concatenated along dim 0).
   */
  public AccumMetric withFlatten(boolean flatten) {
    return new AccumMetric(
        name, func, higherIsBetter, activation, activationAxis, argmaxAxis, thresh, flatten, check);
  }

  /** The same metric with an explicit direction. */
  public AccumMetric withHigherIsBetter(boolean higher) {
    return new AccumMetric(
        name, func, higher, activation, activationAxis, argmaxAxis, thresh, flatten, check);
  }

  /** The same metric validating each raw batch first (the built-in metrics' wrong-kind errors). */
  AccumMetric withCheck(BiConsumer<Tensor, Tensor> check) {
    return new AccumMetric(
        name, func, higherIsBetter, activation, activationAxis, argmaxAxis, thresh, flatten, check);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    preds.clear();
    targs.clear();
    predRow = null;
    targRow = null;
    predFloat = false;
    targFloat = false;
  }

  @Override
  public void accumulate(Tensor pred, Tensor target, double loss, int batchSize) {
    Checks.batchSize(name, batchSize);
    Tensor p = pred.detach();
    Tensor t = target.detach();
    if (check != null) {
      check.accept(p, t);
    }
    p = transform(p, t);
    if (flatten) {
      Checks.sameCount(name, "as many target values as predictions after flattening", p, t);
    } else {
      checkRows(p, t);
    }
    preds.addAll(p.toDoubleArray());
    targs.addAll(t.toDoubleArray());
    predFloat |= p.dtype().isFloatingPoint();
    targFloat |= t.dtype().isFloatingPoint();
  }

  private Tensor transform(Tensor p, Tensor t) {
    if (activation != Activation.NONE && activation != Activation.SIGMOID) {
      int a = Checks.axis(name, p, t, activationAxis);
      p = p.softmax(a);
      if (activation == Activation.BINARY_SOFTMAX) {
        p = p.slice(a, p.size(a) - 1, p.size(a)).squeeze(a);
      }
    } else if (activation == Activation.SIGMOID) {
      p = p.sigmoid();
    }
    if (argmaxAxis != null) {
      p = p.argmax(Checks.axis(name, p, t, argmaxAxis));
    }
    if (thresh != null) {
      p = p.ge(thresh);
    }
    return p;
  }

  private void checkRows(Tensor p, Tensor t) {
    if (p.dim() == 0 || t.dim() == 0 || p.size(0) != t.size(0)) {
      throw Checks.wrongKind(
          name,
          "predictions and targets with the same batch dim 0 (flatten is off)",
          p,
          t,
          "give both a leading batch dim of the same size, or turn flattening on");
    }
    long[] pr = Arrays.copyOfRange(p.shape(), 1, p.dim());
    long[] tr = Arrays.copyOfRange(t.shape(), 1, t.dim());
    if (predRow != null && (!Arrays.equals(pr, predRow) || !Arrays.equals(tr, targRow))) {
      throw new IllegalArgumentException(
          name
              + ": batches must share their trailing shapes to be concatenated; "
              + "earlier pred rows "
              + Arrays.toString(predRow)
              + " and target rows "
              + Arrays.toString(targRow)
              + ", now pred "
              + Checks.desc(p)
              + " and target "
              + Checks.desc(t));
    }
    predRow = pr;
    targRow = tr;
  }

  @Override
  public double value() {
    if (preds.size() == 0) {
      return Double.NaN;
    }
    Tensor p = rebuild(preds.toArray(), predRow, predFloat);
    Tensor t = rebuild(targs.toArray(), targRow, targFloat);
    return func.applyAsDouble(p, t);
  }

  private Tensor rebuild(double[] values, long[] row, boolean floating) {
    long[] shape;
    if (flatten) {
      shape = new long[] {values.length};
    } else {
      long per = 1;
      for (long d : row) {
        per *= d;
      }
      shape = new long[row.length + 1];
      shape[0] = per == 0 ? 0 : values.length / per;
      System.arraycopy(row, 0, shape, 1, row.length);
    }
    if (floating) {
      return Tensor.of(values, shape);
    }
    long[] ints = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      ints[i] = (long) values[i];
    }
    return Tensor.of(ints, shape);
  }

  @Override
  public boolean higherIsBetter() {
    return higherIsBetter != null ? higherIsBetter : Metric.super.higherIsBetter();
  }

  @Override
  public String toString() {
    return "AccumMetric[" + name + "]";
  }
}
