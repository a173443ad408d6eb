package org.boarfish.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LAMB as fastai: Adam's debiased direction {@code s = (m/(1−mom^t)) / (√(v/(1−sqrMom^t)) + eps)}
 * scaled per parameter by the trust ratio {@code q = min(r1/r2, 10)}, where {@code r1} is the root
 * mean square of the (weight-decayed) parameter and {@code r2} that of {@code s} ({@code q = 1} if
 * either is 0): {@code p ← p − lr·q·s}. Defaults (fastai's): mom 0.9, sqrMom 0.99, eps 1e-5, wd 0,
 * decoupled, lr 1e-3.
 *
 * <p>Two passes per parameter: the first updates the averages and sums the squares, the second
 * applies the step.
 */
public final class Lamb extends Optimizer {
  private static final List<String> BUFFERS = List.of("grad_avg", "sqr_avg");
  private final double[] sums = new double[2];

  private Lamb(Builder b) {
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
    INDArray m = s.buffer(0, p);
    INDArray v = s.buffer(1, p);
    double bc1 = 1 - Math.pow(h.mom(), s.step);
    double bc2 = 1 - Math.pow(h.sqrMom(), s.step);
    int n = (int) p.length();
    if (p.dataType() == DataType.FLOAT) {
      FloatBuffer pb = Buffers.floats(p);
      FloatBuffer mb = Buffers.floats(m);
      FloatBuffer vb = Buffers.floats(v);
      averages(
          pb,
          Buffers.floats(g),
          mb,
          vb,
          n,
          (float) decay,
          (float) l2,
          (float) h.mom(),
          (float) (1 - h.mom()),
          (float) h.sqrMom(),
          (float) (1 - h.sqrMom()),
          (float) bc1,
          (float) bc2,
          (float) h.eps(),
          sums);
      apply(
          pb, mb, vb, n, (float) (h.lr() * trust(sums)), (float) bc1, (float) bc2, (float) h.eps());
    } else {
      DoubleBuffer pb = Buffers.doubles(p);
      DoubleBuffer mb = Buffers.doubles(m);
      DoubleBuffer vb = Buffers.doubles(v);
      averages(
          pb,
          Buffers.doubles(g),
          mb,
          vb,
          n,
          decay,
          l2,
          h.mom(),
          1 - h.mom(),
          h.sqrMom(),
          1 - h.sqrMom(),
          bc1,
          bc2,
          h.eps(),
          sums);
      apply(pb, mb, vb, n, h.lr() * trust(sums), bc1, bc2, h.eps());
    }
  }

  /** {@code min(r1/r2, 10)}, or 1 when either root mean square is 0 (the element count cancels). */
  static double trust(double[] sums) {
    double r1 = Math.sqrt(sums[0]);
    double r2 = Math.sqrt(sums[1]);
    return r1 == 0 || r2 == 0 ? 1 : Math.min(r1 / r2, 10);
  }

  private static void averages(
      FloatBuffer p,
      FloatBuffer g,
      FloatBuffer m,
      FloatBuffer v,
      int n,
      float decay,
      float l2,
      float b1,
      float c1,
      float b2,
      float c2,
      float bc1,
      float bc2,
      float eps,
      double[] sums) {
    double sp = 0;
    double ss = 0;
    for (int k = 0; k < n; k++) {
      float p0 = p.get(k);
      float gk = g.get(k) + l2 * p0;
      float pk = p0 * decay;
      float mk = Buffers.flush(b1 * m.get(k) + c1 * gk);
      float vk = Buffers.flush(b2 * v.get(k) + c2 * (gk * gk));
      p.put(k, pk);
      m.put(k, mk);
      v.put(k, vk);
      float sk = (mk / bc1) / ((float) Math.sqrt(vk / bc2) + eps);
      sp += pk * pk;
      ss += sk * sk;
    }
    sums[0] = sp;
    sums[1] = ss;
  }

  private static void apply(
      FloatBuffer p,
      FloatBuffer m,
      FloatBuffer v,
      int n,
      float scale,
      float bc1,
      float bc2,
      float eps) {
    for (int k = 0; k < n; k++) {
      float sk = (m.get(k) / bc1) / ((float) Math.sqrt(v.get(k) / bc2) + eps);
      p.put(k, p.get(k) - scale * sk);
    }
  }

  private static void averages(
      DoubleBuffer p,
      DoubleBuffer g,
      DoubleBuffer m,
      DoubleBuffer v,
      int n,
      double decay,
      double l2,
      double b1,
      double c1,
      double b2,
      double c2,
      double bc1,
      double bc2,
      double eps,
      double[] sums) {
    double sp = 0;
    double ss = 0;
    for (int k = 0; k < n; k++) {
      double p0 = p.get(k);
      double gk = g.get(k) + l2 * p0;
      double pk = p0 * decay;
      double mk = Buffers.flush(b1 * m.get(k) + c1 * gk);
      double vk = Buffers.flush(b2 * v.get(k) + c2 * (gk * gk));
      p.put(k, pk);
      m.put(k, mk);
      v.put(k, vk);
      double sk = (mk / bc1) / (Math.sqrt(vk / bc2) + eps);
      sp += pk * pk;
      ss += sk * sk;
    }
    sums[0] = sp;
    sums[1] = ss;
  }

  private static void apply(
      DoubleBuffer p,
      DoubleBuffer m,
      DoubleBuffer v,
      int n,
      double scale,
      double bc1,
      double bc2,
      double eps) {
    for (int k = 0; k < n; k++) {
      double sk = (m.get(k) / bc1) / (Math.sqrt(v.get(k) / bc2) + eps);
      p.put(k, p.get(k) - scale * sk);
    }
  }

  /** Settings for {@link Lamb}; every setter checks its value at once. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    Builder(List<? extends List<Tensor>> groups) {
      super(groups, new Hypers(1e-3, 0.9, 0.99, 1e-5, 0));
    }

    @Override
    Builder self() {
      return this;
    }

    /** β1 (default 0.9). */
    @Override
    public Builder mom(double value) {
      return super.mom(value);
    }

    /** One β1 per group. */
    @Override
    public Builder mom(LrRange values) {
      return super.mom(values);
    }

    /** β2 (default 0.99). */
    @Override
    public Builder sqrMom(double value) {
      return super.sqrMom(value);
    }

    /** Added to the denominator (default 1e-5). */
    @Override
    public Builder eps(double value) {
      return super.eps(value);
    }

    @Override
    public Lamb build() {
      return new Lamb(this);
    }
  }
}
