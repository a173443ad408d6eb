package org.boarfish.data;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * Regression targets to float32 tensors, like fastai's {@code RegressionSetup}: a number becomes a
 * 0-d tensor (so a batch is {@code [B]}), an array or list of numbers a 1-D one ({@code [B, n]}).
 * {@link #c()} is the given {@code nOut}, or the width of the training targets. Decoding keeps the
 * tensor.
 */
public final class RegressionSetup extends Transform<Object, Tensor> {
  private volatile int c;

  /** Width learnt at setup. */
  public RegressionSetup() {
    this(-1);
  }

  /** A given number of outputs ({@code -1} to learn it). */
  public RegressionSetup(int nOut) {
    super(Object.class, Tensor.class);
    if (nOut == 0 || nOut < -1) {
      throw new IllegalArgumentException(
          "RegressionSetup: nOut must be positive (or -1 to learn it), got " + nOut);
    }
    this.c = nOut;
  }

  /** The number of regression outputs; {@link IllegalStateException} before setup. */
  public int c() {
    if (c < 0) {
      throw new IllegalStateException("RegressionSetup has no width yet: call setup or give nOut");
    }
    return c;
  }

  @Override
  public boolean handles(Object x) {
    return x instanceof Number
        || x instanceof float[]
        || x instanceof double[]
        || x instanceof int[]
        || x instanceof long[]
        || x instanceof Tensor
        || (x instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number);
  }

  @Override
  public void setup(List<?> items) {
    if (c < 0) {
      Object first = firstHandled(items);
      c = first == null ? 1 : (int) Math.max(1, encode(first).numel());
    }
  }

  @Override
  public Tensor encode(Object x) {
    if (x instanceof Number n) {
      return Tensor.scalar(n.doubleValue());
    }
    if (x instanceof float[] a) {
      return Tensor.of(a.clone(), a.length);
    }
    if (x instanceof double[] a) {
      return Tensor.of(a.clone(), a.length).to(DType.FLOAT32);
    }
    if (x instanceof int[] a) {
      return Tensor.of(a.clone(), a.length).to(DType.FLOAT32);
    }
    if (x instanceof long[] a) {
      return Tensor.of(a.clone(), a.length).to(DType.FLOAT32);
    }
    if (x instanceof Tensor t) {
      return t.to(DType.FLOAT32);
    }
    if (x instanceof List<?> l) {
      float[] v = new float[l.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = ((Number) l.get(i)).floatValue();
      }
      return Tensor.of(v, v.length);
    }
    throw new IllegalArgumentException(
        "RegressionSetup: cannot make a float tensor of " + Describe.of(x));
  }

  @Override
  public String name() {
    return c < 0 ? "RegressionSetup" : "RegressionSetup(c=" + c + ")";
  }
}
