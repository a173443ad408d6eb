package org.boarfish.text;

import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code RNNRegularizer}: in training, adds activation regularization {@code
 * alpha·mean(dropped²)} on the last layer's outputs after output dropout, and temporal activation
 * regularization {@code beta·mean((h_t − h_{t−1})²)} on the raw outputs, to the back-propagated
 * loss (the recorded loss stays the plain one). The model must implement {@link RnnOutputs} (or
 * contain a module that does).
 */
public final class RNNRegularizer implements Callback {
  private final double alpha;
  private final double beta;

  /** fastai's defaults alpha 2, beta 1. */
  public RNNRegularizer() {
    this(2, 1);
  }

  /** With these weights (0 turns a term off). */
  public RNNRegularizer(double alpha, double beta) {
    if (!(alpha >= 0) || !(beta >= 0)) {
      throw new IllegalArgumentException(
          "RNNRegularizer: alpha and beta must be >= 0, got " + alpha + ", " + beta);
    }
    this.alpha = alpha;
    this.beta = beta;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  @Override
  public void afterLoss(Learner learn) {
    if (!learn.isTraining() || learn.lossGrad() == null) {
      return;
    }
    RnnOutputs outs = find(learn.model());
    learn.setLossGrad(learn.lossGrad().add(penalty(outs.rawOutput(), outs.droppedOutput())));
  }

  /** The AR + TAR term for these activations ({@code [B, T, E]} each). */
  public Tensor penalty(Tensor raw, Tensor dropped) {
    Tensor p = Tensor.scalar(0);
    if (alpha > 0 && dropped != null) {
      p = p.add(dropped.pow(2).mean().mul(alpha));
    }
    if (beta > 0 && raw != null && raw.size(1) > 1) {
      long t = raw.size(1);
      Tensor d = raw.slice(1, 1, t).sub(raw.slice(1, 0, t - 1));
      p = p.add(d.pow(2).mean().mul(beta));
    }
    return p;
  }

  private static RnnOutputs find(Module model) {
    for (Module m : model.modules()) {
      if (m instanceof RnnOutputs r) {
        return r;
      }
    }
    throw new IllegalStateException(
        "RNNRegularizer needs a model that keeps its RNN outputs (implements RnnOutputs, as"
            + " LanguageModel does); "
            + model.name()
            + " does not: remove the callback or use Text.languageModelLearner");
  }

  @Override
  public String toString() {
    return "RNNRegularizer(alpha=" + alpha + ", beta=" + beta + ")";
  }
}
