package org.boarfish.callbacks;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * fastai's {@code GradientClip}: before each step, scales all gradients down so that their total
 * norm (over every parameter together, as PyTorch's {@code clip_grad_norm_}) is at most {@code
 * maxNorm} (default 1, norm 2).
 */
public final class GradientClip implements Callback {
  private final double maxNorm;
  private final double normType;
  private double lastNorm = Double.NaN;

  /** Max norm 1, L2. */
  public GradientClip() {
    this(1.0, 2.0);
  }

  /** A max norm and a norm type (2 for L2, {@code Double.POSITIVE_INFINITY} for the max). */
  public GradientClip(double maxNorm, double normType) {
    if (!(maxNorm > 0) || !(normType > 0)) {
      throw new IllegalArgumentException(
          "GradientClip needs maxNorm > 0 and normType > 0, got " + maxNorm + ", " + normType);
    }
    this.maxNorm = maxNorm;
    this.normType = normType;
  }

  @Override
  public void beforeStep(Learner learn) {
    List<INDArray> grads = new ArrayList<>();
    for (Tensor p : learn.model().parameters()) {
      Tensor g = p.grad();
      if (g != null && p.requiresGrad()) {
        grads.add(g.data());
      }
    }
    double total = 0;
    for (INDArray g : grads) {
      if (Double.isInfinite(normType)) {
        total = Math.max(total, g.amaxNumber().doubleValue());
      } else if (normType == 2) {
        double n = g.norm2Number().doubleValue();
        total += n * n;
      } else {
        total += sumPow(g, normType);
      }
    }
    if (!Double.isInfinite(normType)) {
      total = Math.pow(total, 1 / normType);
    }
    lastNorm = total;
    double coef = maxNorm / (total + 1e-6);
    if (coef < 1) {
      for (INDArray g : grads) {
        g.muli(coef);
      }
    }
  }

  private static double sumPow(INDArray g, double p) {
    double s = 0;
    for (double v : g.dup().data().asDouble()) {
      s += Math.pow(Math.abs(v), p);
    }
    return s;
  }

  /** The total gradient norm measured before the last step (before clipping). */
  public double lastNorm() {
    return lastNorm;
  }

  @Override
  public String toString() {
    return "GradientClip[maxNorm " + maxNorm + "]";
  }
}
