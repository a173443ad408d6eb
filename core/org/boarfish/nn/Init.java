package org.boarfish.nn;

import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisers, as {@code torch.nn.init} and fastai's {@code trunc_normal_}. Each fills a
 * tensor in place (no graph is recorded) and returns it; the overloads without a {@link Generator}
 * use {@link Generator#global()}.
 *
 * <pre>{@code
 * model.apply(m -> { if (m instanceof Linear l) Init.kaimingNormal(l.weight()); });
 * }</pre>
 *
 * <p>Fans follow PyTorch: for a weight {@code [out, in, k...]}, fan-in is {@code in·∏k} and fan-out
 * {@code out·∏k}.
 */
public final class Init {
  private Init() {}

  /**
   * Which fan scales a Kaiming initialisation: {@code IN} preserves the forward variance, {@code
   * OUT} the backward.
   */
  public enum Fan {
    IN,
    OUT
  }

  /** Kaiming uniform for ReLU (a = 0, fan-in): U(−b, b) with b = √2·√(3/fanIn). */
  public static Tensor kaimingUniform(Tensor t) {
    return kaimingUniform(t, 0, Fan.IN, Generator.global());
  }

  /** Kaiming uniform for a leaky ReLU of slope {@code a}: b = √(2/(1+a²))·√(3/fan). */
  public static Tensor kaimingUniform(Tensor t, double a, Fan mode) {
    return kaimingUniform(t, a, mode, Generator.global());
  }

  /** Kaiming uniform with a generator. */
  public static Tensor kaimingUniform(Tensor t, double a, Fan mode, Generator gen) {
    double bound = leakyGain(a) * Math.sqrt(3.0 / fan(t, mode, "kaimingUniform"));
    return uniform(t, -bound, bound, gen);
  }

  /** Kaiming normal for ReLU (a = 0, fan-in): N(0, 2/fanIn). */
  public static Tensor kaimingNormal(Tensor t) {
    return kaimingNormal(t, 0, Fan.IN, Generator.global());
  }

  /** Kaiming normal for a leaky ReLU of slope {@code a}: std = √(2/(1+a²))/√fan. */
  public static Tensor kaimingNormal(Tensor t, double a, Fan mode) {
    return kaimingNormal(t, a, mode, Generator.global());
  }

  /** Kaiming normal with a generator. */
  public static Tensor kaimingNormal(Tensor t, double a, Fan mode, Generator gen) {
    return normal(t, 0, leakyGain(a) / Math.sqrt(fan(t, mode, "kaimingNormal")), gen);
  }

  /** Xavier (Glorot) uniform with gain 1: U(−b, b) with b = √(6/(fanIn+fanOut)). */
  public static Tensor xavierUniform(Tensor t) {
    return xavierUniform(t, 1, Generator.global());
  }

  /** Xavier uniform with a gain and a generator. */
  public static Tensor xavierUniform(Tensor t, double gain, Generator gen) {
    double bound =
        gain
            * Math.sqrt(6.0 / (fan(t, Fan.IN, "xavierUniform") + fan(t, Fan.OUT, "xavierUniform")));
    return uniform(t, -bound, bound, gen);
  }

  /** Xavier normal with gain 1: std = √(2/(fanIn+fanOut)). */
  public static Tensor xavierNormal(Tensor t) {
    return xavierNormal(t, 1, Generator.global());
  }

  /** Xavier normal with a gain and a generator. */
  public static Tensor xavierNormal(Tensor t, double gain, Generator gen) {
    double std =
        gain * Math.sqrt(2.0 / (fan(t, Fan.IN, "xavierNormal") + fan(t, Fan.OUT, "xavierNormal")));
    return normal(t, 0, std, gen);
  }

  /** U(low, high). */
  public static Tensor uniform(Tensor t, double low, double high) {
    return uniform(t, low, high, Generator.global());
  }

  /** U(low, high) with a generator. */
  public static Tensor uniform(Tensor t, double low, double high, Generator gen) {
    if (!(low <= high)) {
      throw new IllegalArgumentException(
          "uniform: low must not exceed high, got low=" + low + " high=" + high);
    }
    return fill(t, gen.uniform(count(t), low, high));
  }

  /** N(mean, std²). */
  public static Tensor normal(Tensor t, double mean, double std) {
    return normal(t, mean, std, Generator.global());
  }

  /** N(mean, std²) with a generator. */
  public static Tensor normal(Tensor t, double mean, double std, Generator gen) {
    if (std < 0) {
      throw new IllegalArgumentException("normal: std must not be negative, got " + std);
    }
    return fill(t, gen.normal(count(t), mean, std));
  }

  /**
   * fastai's truncated normal: N(0, 1), then fmod 2 (so within ±2), then × std; values lie within
   * ±2·std.
   */
  public static Tensor truncNormal(Tensor t, double std) {
    return truncNormal(t, std, Generator.global());
  }

  /** fastai's truncated normal with a generator. */
  public static Tensor truncNormal(Tensor t, double std, Generator gen) {
    double[] v = gen.normal(count(t), 0, 1);
    for (int i = 0; i < v.length; i++) {
      v[i] = (v[i] % 2) * std;
    }
    return fill(t, v);
  }

  /** Every element {@code value}. */
  public static Tensor constant(Tensor t, double value) {
    t.data().assign(value);
    return t;
  }

  /** Zeros. */
  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  /** Ones. */
  public static Tensor ones(Tensor t) {
    return constant(t, 1);
  }

  /** PyTorch's fan-in or fan-out of a weight of rank ≥ 2. */
  public static long fan(Tensor t, Fan mode) {
    return fan(t, mode, "fan");
  }

  private static long fan(Tensor t, Fan mode, String op) {
    long[] s = t.shape();
    if (s.length < 2) {
      throw new IllegalArgumentException(
          op
              + ": fans need a weight of rank 2 or more ([out, in, k...]), got shape "
              + Repr.dims(s)
              + "; use uniform/normal for biases");
    }
    long receptive = 1;
    for (int i = 2; i < s.length; i++) {
      receptive *= s[i];
    }
    long f = (mode == Fan.IN ? s[1] : s[0]) * receptive;
    if (f == 0) {
      throw new IllegalArgumentException(
          op + ": weight of shape " + Repr.dims(s) + " has a zero fan");
    }
    return f;
  }

  private static double leakyGain(double a) {
    return Math.sqrt(2.0 / (1 + a * a));
  }

  private static int count(Tensor t) {
    return Math.toIntExact(t.numel());
  }

  private static Tensor fill(Tensor t, double[] values) {
    INDArray target = t.data();
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "random initialisation needs a float tensor, got " + t.dtype());
    }
    INDArray src = Nd4j.create(values, t.shape(), 'c');
    target.assign(src.dataType() == target.dataType() ? src : src.castTo(target.dataType()));
    return t;
  }
}
