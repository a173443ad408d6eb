package org.boarfish.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, with momentum as fastai and PyTorch: {@code m ← mom·m + g}, {@code p
 * ← p − lr·m}; without momentum ({@code mom} 0, the default) {@code p ← p − lr·g}. Defaults: lr
 * 1e-3, wd 0, decoupled. The momentum buffer is made on the first step with a nonzero {@code mom},
 * so a scheduler may turn momentum on later.
 *
 * <pre>{@code
 * var opt = SGD.of(params).lr(0.05).mom(0.9).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
  private static final List<String> BUFFERS = List.of("grad_avg");

  private SGD(Builder b) {
    super(b, BUFFERS);
  }

  /** A builder over one group of parameters (lr 1e-3, no momentum, no weight decay). */
  public static Builder of(List<Tensor> params) {
    return new Builder(List.of(params));
  }

  /** A builder over several groups (body first, head last). */
  public static Builder ofGroups(List<? extends List<Tensor>> groups) {
    return new Builder(groups);
  }

  @Override
  void update(INDArray p, INDArray g, ParamState s, Hypers h, double decay, double l2) {
    int n = (int) p.length();
    boolean momentum = h.mom() != 0 || s.has(0);
    if (p.dataType() == DataType.FLOAT) {
      FloatBuffer m = momentum ? Buffers.floats(s.buffer(0, p)) : null;
      floats(
          Buffers.floats(p),
          Buffers.floats(g),
          m,
          n,
          (float) decay,
          (float) l2,
          (float) h.mom(),
          (float) h.lr());
    } else {
      DoubleBuffer m = momentum ? Buffers.doubles(s.buffer(0, p)) : null;
      doubles(Buffers.doubles(p), Buffers.doubles(g), m, n, decay, l2, h.mom(), h.lr());
    }
  }

  private static void floats(
      FloatBuffer p,
      FloatBuffer g,
      FloatBuffer m,
      int n,
      float decay,
      float l2,
      float mom,
      float lr) {
    for (int k = 0; k < n; k++) {
      float pk = p.get(k);
      float dk = g.get(k) + l2 * pk;
      if (m != null) {
        dk = Buffers.flush(mom * m.get(k) + dk);
        m.put(k, dk);
      }
      p.put(k, pk * decay - lr * dk);
    }
  }

  private static void doubles(
      DoubleBuffer p,
      DoubleBuffer g,
      DoubleBuffer m,
      int n,
      double decay,
      double l2,
      double mom,
      double lr) {
    for (int k = 0; k < n; k++) {
      double pk = p.get(k);
      double dk = g.get(k) + l2 * pk;
      if (m != null) {
        dk = Buffers.flush(mom * m.get(k) + dk);
        m.put(k, dk);
      }
      p.put(k, pk * decay - lr * dk);
    }
  }

  /** Settings for {@link SGD}; every setter checks its value at once. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    Builder(List<? extends List<Tensor>> groups) {
      super(groups, new Hypers(1e-3, 0, 0, 0, 0));
    }

    @Override
    Builder self() {
      return this;
    }

    /** Momentum (default 0, none). */
    @Override
    public Builder mom(double value) {
      return super.mom(value);
    }

    /** One momentum per group. */
    @Override
    public Builder mom(LrRange values) {
      return super.mom(values);
    }

    @Override
    public SGD build() {
      return new SGD(this);
    }
  }
}
