package org.boarfish.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSProp as fastai: {@code v ← sqrMom·v + (1−sqrMom)·g²}, {@code p ← p − lr·g/(√v + eps)} with no
 * bias correction (PyTorch's {@code RMSprop} with {@code alpha = sqrMom}). With a nonzero {@code
 * mom}, {@code g} in the step is replaced by the average {@code m ← mom·m + g}. Defaults: lr 1e-3,
 * sqrMom 0.99, mom 0, eps 1e-8, wd 0.
 */
public final class RMSProp extends Optimizer {
  private static final List<String> BUFFERS = List.of("grad_avg", "sqr_avg");

  private RMSProp(Builder b) {
    super(b, BUFFERS);
  }

  /** A builder over one group of parameters, with fastai's defaults and lr 1e-3. */
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
    INDArray v = s.buffer(1, p);
    if (p.dataType() == DataType.FLOAT) {
      FloatBuffer m = momentum ? Buffers.floats(s.buffer(0, p)) : null;
      floats(
          Buffers.floats(p),
          Buffers.floats(g),
          m,
          Buffers.floats(v),
          n,
          (float) decay,
          (float) l2,
          (float) h.mom(),
          (float) h.sqrMom(),
          (float) (1 - h.sqrMom()),
          (float) h.lr(),
          (float) h.eps());
    } else {
      DoubleBuffer m = momentum ? Buffers.doubles(s.buffer(0, p)) : null;
      doubles(
          Buffers.doubles(p),
          Buffers.doubles(g),
          m,
          Buffers.doubles(v),
          n,
          decay,
          l2,
          h.mom(),
          h.sqrMom(),
          1 - h.sqrMom(),
          h.lr(),
          h.eps());
    }
  }

  private static void floats(
      FloatBuffer p,
      FloatBuffer g,
      FloatBuffer m,
      FloatBuffer v,
      int n,
      float decay,
      float l2,
      float mom,
      float b2,
      float c2,
      float lr,
      float eps) {
    for (int k = 0; k < n; k++) {
      float pk = p.get(k);
      float gk = g.get(k) + l2 * pk;
      float vk = Buffers.flush(b2 * v.get(k) + c2 * (gk * gk));
      v.put(k, vk);
      float dk = gk;
      if (m != null) {
        dk = Buffers.flush(mom * m.get(k) + gk);
        m.put(k, dk);
      }
      p.put(k, pk * decay - lr * (dk / ((float) Math.sqrt(vk) + eps)));
    }
  }

  private static void doubles(
      DoubleBuffer p,
      DoubleBuffer g,
      DoubleBuffer m,
      DoubleBuffer v,
      int n,
      double decay,
      double l2,
      double mom,
      double b2,
      double c2,
      double lr,
      double eps) {
    for (int k = 0; k < n; k++) {
      double pk = p.get(k);
      double gk = g.get(k) + l2 * pk;
      double vk = Buffers.flush(b2 * v.get(k) + c2 * (gk * gk));
      v.put(k, vk);
      double dk = gk;
      if (m != null) {
        dk = Buffers.flush(mom * m.get(k) + gk);
        m.put(k, dk);
      }
      p.put(k, pk * decay - lr * (dk / (Math.sqrt(vk) + eps)));
    }
  }

  /** Settings for {@link RMSProp}; every setter checks its value at once. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    Builder(List<? extends List<Tensor>> groups) {
      super(groups, new Hypers(1e-3, 0, 0.99, 1e-8, 0));
    }

    @Override
    Builder self() {
      return this;
    }

    /** Momentum of the gradient average used in the step (default 0, none). */
    @Override
    public Builder mom(double value) {
      return super.mom(value);
    }

    /** One momentum per group. */
    @Override
    public Builder mom(LrRange values) {
      return super.mom(values);
    }

    /** The squared-gradient average's momentum, PyTorch's {@code alpha} (default 0.99). */
    @Override
    public Builder sqrMom(double value) {
      return super.sqrMom(value);
    }

    /** Added to the denominator (default 1e-8). */
    @Override
    public Builder eps(double value) {
      return super.eps(value);
    }

    @Override
    public RMSProp build() {
      return new RMSProp(this);
    }
  }
}
