package org.boarfish.tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array on ND4J with reverse-mode autograd, in the manner of {@code torch.Tensor}.
 *
 * <p>Ops are methods ({@code x.matmul(w).add(b).relu()}) or static functions in {@link F};
 * broadcasting follows PyTorch. A tensor with {@link #requiresGrad(boolean) requiresGrad} set
 * records the ops that use it, and {@link #backward()} fills the {@link #grad()} of every leaf it
 * depends on. Tensors are float32 unless made otherwise.
 */
public final class Tensor {
  private final INDArray data;
  private final Node gradFn;
  private final int outputIndex;
  private final Scope scope;
  private boolean requiresGrad;
  private INDArray grad;
  private List<Consumer<Tensor>> hooks;

  Tensor(INDArray data, Node gradFn, int outputIndex) {
    this.data = data;
    this.gradFn = gradFn;
    this.outputIndex = outputIndex;
    this.requiresGrad = gradFn != null;
    // only arrays in a scope's arena die with it; wrappers of long-lived arrays (grads, parameters)
    // never do
    this.scope = data.isAttached() ? Scope.current() : null;
  }

  // ---------------------------------------------------------------- creation

  /** Wraps an ND4J array (no copy). */
  public static Tensor wrap(INDArray data) {
    DType.of(data.dataType());
    return new Tensor(data, null, 0);
  }

  /**
   * A float32 tensor holding {@code values} in row-major order with the given shape (1-D if none
   * given).
   */
  public static Tensor of(float[] values, long... shape) {
    return new Tensor(Nd4j.create(values, checkShape(values.length, shape), 'c'), null, 0);
  }

  /** A float64 tensor holding {@code values} in row-major order. */
  public static Tensor of(double[] values, long... shape) {
    return new Tensor(Nd4j.create(values, checkShape(values.length, shape), 'c'), null, 0);
  }

  /** An int64 tensor (indices, labels) holding {@code values} in row-major order. */
  public static Tensor of(long[] values, long... shape) {
    return new Tensor(
        Nd4j.createFromArray(values).reshape('c', checkShape(values.length, shape)), null, 0);
  }

  /** An int32 tensor holding {@code values} in row-major order. */
  public static Tensor of(int[] values, long... shape) {
    return new Tensor(
        Nd4j.createFromArray(values).reshape('c', checkShape(values.length, shape)), null, 0);
  }

  /** A bool tensor (mask) holding {@code values} in row-major order. */
  public static Tensor of(boolean[] values, long... shape) {
    return new Tensor(
        Nd4j.createFromArray(values).reshape('c', checkShape(values.length, shape)), null, 0);
  }

  /** A 0-d float32 tensor. */
  public static Tensor scalar(double value) {
    return scalar(value, DType.FLOAT32);
  }

  /** A 0-d tensor of the given type. */
  public static Tensor scalar(double value, DType dtype) {
    return new Tensor(Nd4j.scalar(dtype.nd4j(), value), null, 0);
  }

  /** Zeros (float32). */
  public static Tensor zeros(long... shape) {
    return zeros(DType.FLOAT32, shape);
  }

  /** Zeros of a type. */
  public static Tensor zeros(DType dtype, long... shape) {
    return new Tensor(Nd4j.zeros(dtype.nd4j(), shape), null, 0);
  }

  /** Ones (float32). */
  public static Tensor ones(long... shape) {
    return ones(DType.FLOAT32, shape);
  }

  /** Ones of a type. */
  public static Tensor ones(DType dtype, long... shape) {
    return new Tensor(Nd4j.ones(dtype.nd4j(), shape), null, 0);
  }

  /** Every element {@code value} (float32). */
  public static Tensor full(double value, long... shape) {
    return full(DType.FLOAT32, value, shape);
  }

  /** Every element {@code value}. */
  public static Tensor full(DType dtype, double value, long... shape) {
    return new Tensor(Nd4j.valueArrayOf(shape, value, dtype.nd4j()), null, 0);
  }

  /** 0, 1, ..., end-1 as int64, like {@code torch.arange(end)}. */
  public static Tensor arange(long end) {
    long[] v = new long[Math.toIntExact(Math.max(end, 0))];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return of(v, v.length);
  }

  /** start, start+step, ... below end (exclusive) as float32. */
  public static Tensor arange(double start, double end, double step) {
    if (step == 0) {
      throw new IllegalArgumentException("arange: step must not be 0");
    }
    int n = (int) Math.max(0, Math.ceil((end - start) / step));
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (start + i * step);
    }
    return of(v, n);
  }

  /** {@code steps} evenly spaced float32 values from start to end inclusive. */
  public static Tensor linspace(double start, double end, int steps) {
    float[] v = new float[steps];
    for (int i = 0; i < steps; i++) {
      v[i] = (float) (steps == 1 ? start : start + (end - start) * i / (steps - 1));
    }
    return of(v, steps);
  }

  /** The n×n identity (float32). */
  public static Tensor eye(int n) {
    return new Tensor(Nd4j.eye(n).castTo(DType.FLOAT32.nd4j()), null, 0);
  }

  /** Uniform in [0, 1) from a seeded generator (float32). */
  public static Tensor rand(Generator gen, long... shape) {
    return fromDoubles(
        gen.uniform(Math.toIntExact(Shapes.numel(shape)), 0, 1), DType.FLOAT32, shape);
  }

  /** Uniform in [0, 1) with a seed (float32). */
  public static Tensor rand(long seed, long... shape) {
    return rand(new Generator(seed), shape);
  }

  /** Standard normal from a seeded generator (float32). */
  public static Tensor randn(Generator gen, long... shape) {
    return fromDoubles(
        gen.normal(Math.toIntExact(Shapes.numel(shape)), 0, 1), DType.FLOAT32, shape);
  }

  /** Standard normal with a seed (float32). */
  public static Tensor randn(long seed, long... shape) {
    return randn(new Generator(seed), shape);
  }

  /** Uniform integers in [low, high) as int64. */
  public static Tensor randint(Generator gen, long low, long high, long... shape) {
    long[] v = new long[Math.toIntExact(Shapes.numel(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = gen.nextLong(low, high);
    }
    return of(v, shape);
  }

  /** Uniform integers in [low, high) as int64, with a seed. */
  public static Tensor randint(long seed, long low, long high, long... shape) {
    return randint(new Generator(seed), low, high, shape);
  }

  /** Reads a NumPy {@code .npy} file (float32/64, int32/64, bool; any rank including 0-d). */
  public static Tensor fromNpy(Path file) {
    return new Tensor(Npy.read(file), null, 0);
  }

  /** Writes this tensor as a NumPy {@code .npy} file, atomically. */
  public void toNpy(Path file) {
    Npy.write(data(), file);
  }

  static Tensor fromDoubles(double[] v, DType dtype, long... shape) {
    INDArray a = Nd4j.create(v, checkShape(v.length, shape), 'c');
    return new Tensor(dtype == DType.FLOAT64 ? a : a.castTo(dtype.nd4j()), null, 0);
  }

  private static long[] checkShape(int n, long[] shape) {
    if (shape.length == 0) {
      return new long[] {n};
    }
    if (Shapes.numel(shape) != n) {
      throw new IllegalArgumentException(
          "shape "
              + Shapes.str(shape)
              + " holds "
              + Shapes.numel(shape)
              + " elements but "
              + n
              + " values were given");
    }
    return shape;
  }

  // ---------------------------------------------------------------- graph construction (for op
  // families)

  /**
   * The result of an op: records {@code fn} as its backward when grad mode is on and an input
   * requires grad.
   */
  public static Tensor make(INDArray out, String op, BackwardFn fn, Tensor... inputs) {
    return makeAll(new INDArray[] {out}, op, fn, inputs)[0];
  }

  /** The results of a multi-output op; integer or bool outputs never require grad. */
  public static Tensor[] makeAll(INDArray[] outs, String op, BackwardFn fn, Tensor... inputs) {
    Threads.singleByDefault();
    Tensor[] result = new Tensor[outs.length];
    Node node = null;
    if (Autograd.isEnabled() && anyRequiresGrad(inputs)) {
      long[][] shapes = new long[outs.length][];
      DType[] types = new DType[outs.length];
      for (int k = 0; k < outs.length; k++) {
        shapes[k] = outs[k].shape();
        types[k] = DType.of(outs[k].dataType());
      }
      node = new Node(op, inputs.clone(), fn, shapes, types);
    }
    for (int k = 0; k < outs.length; k++) {
      boolean diff = node != null && DType.of(outs[k].dataType()).isFloatingPoint();
      result[k] = new Tensor(outs[k], diff ? node : null, k);
    }
    return result;
  }

  private static boolean anyRequiresGrad(Tensor[] inputs) {
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad) {
        return true;
      }
    }
    return false;
  }

  Node gradFn() {
    return gradFn;
  }

  int outputIndex() {
    return outputIndex;
  }

  INDArray gradArray() {
    return grad;
  }

  void setGradArray(INDArray g) {
    grad = g;
  }

  // ---------------------------------------------------------------- state

  /** The ND4J array behind this tensor (no copy): the escape hatch to everything ND4J offers. */
  public INDArray data() {
    if (scope != null && scope.isClosed()) {
      throw new IllegalStateException(
          "this tensor was made inside a Scope that has closed, so its memory has been reused; call keep() on it "
              + "inside the scope if it must outlive the scope");
    }
    return data;
  }

  /** The shape, e.g. {@code [64, 784]}; {@code []} for a 0-d tensor. */
  public long[] shape() {
    return data.shape().clone();
  }

  /** The size of one dim (negative counts from the end). */
  public long size(int dim) {
    return data.size(Shapes.dim("size", dim, dim()));
  }

  /** The number of dims. */
  public int dim() {
    return data.rank();
  }

  /** The number of elements. */
  public long numel() {
    return data.length();
  }

  /** The element type. */
  public DType dtype() {
    return DType.of(data.dataType());
  }

  /** Whether gradients flow to this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf as a parameter to differentiate with respect to (float tensors only); returns
   * this.
   */
  public Tensor requiresGrad(boolean value) {
    if (gradFn != null && !value) {
      throw new IllegalArgumentException(
          "requiresGrad(false) on a non-leaf tensor; use detach() instead");
    }
    if (value && !dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "only float tensors can require grad, this one is " + dtype());
    }
    requiresGrad = value;
    return this;
  }

  /** True for tensors not produced by a recorded op (inputs and parameters). */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /**
   * The accumulated gradient of a leaf, or null before any backward; it shares memory with the
   * stored grad.
   */
  public Tensor grad() {
    return grad == null ? null : new Tensor(grad, null, 0);
  }

  /** Replaces the stored gradient (null clears it). */
  public void setGrad(Tensor g) {
    if (g != null && !Arrays.equals(g.shape(), shape())) {
      throw new IllegalArgumentException(
          "setGrad: gradient shape "
              + Shapes.str(g.shape())
              + " differs from tensor shape "
              + Shapes.str(shape()));
    }
    grad = g == null ? null : Scope.outside(() -> g.data().dup('c'));
  }

  /** Sets the stored gradient to zeros in place (keeps its memory). */
  public void zeroGrad() {
    if (grad != null) {
      Floats.zero(grad);
    }
  }

  /** The same data without graph history; shares memory. */
  public Tensor detach() {
    return new Tensor(data(), null, 0);
  }

  /** A copy that outlives the current {@link Scope} (no graph history). */
  public Tensor keep() {
    INDArray src = data();
    return Scope.outside(() -> new Tensor(src.dup('c'), null, 0));
  }

  /** A copy with its own memory, differentiable like PyTorch's {@code clone()}. */
  public Tensor copy() {
    return make(data().dup('c'), "copy", g -> new INDArray[] {g.out()}, this);
  }

  /** This tensor converted to another type (differentiable between float types). */
  public Tensor to(DType type) {
    if (type == dtype()) {
      return this;
    }
    DType from = dtype();
    return make(
        data().castTo(type.nd4j()), "to", g -> new INDArray[] {g.out().castTo(from.nd4j())}, this);
  }

  /** The single value of a one-element tensor. */
  public double item() {
    INDArray a = data();
    if (a.length() != 1) {
      throw new IllegalStateException(
          "item() needs a one-element tensor, this one has shape " + Shapes.str(shape()));
    }
    return a.getDouble(0);
  }

  /** The elements in row-major order as floats. */
  public float[] toFloatArray() {
    return data().dup('c').castTo(DType.FLOAT32.nd4j()).data().asFloat();
  }

  /** The elements in row-major order as doubles. */
  public double[] toDoubleArray() {
    return data().dup('c').castTo(DType.FLOAT64.nd4j()).data().asDouble();
  }

  /** The elements in row-major order as longs. */
  public long[] toLongArray() {
    return data().dup('c').castTo(DType.INT64.nd4j()).data().asLong();
  }

  // ---------------------------------------------------------------- autograd

  /** Back-propagates from this scalar (e.g. a loss), accumulating into the grads of the leaves. */
  public void backward() {
    if (numel() != 1) {
      throw new IllegalStateException(
          "backward() without a gradient argument needs a scalar (e.g. a loss), but this tensor has shape "
              + Shapes.str(shape())
              + "; call backward(gradient) with a tensor of that shape, or reduce it first");
    }
    backward(Tensor.wrap(Nd4j.ones(dtype().nd4j(), shape())), false);
  }

  /** Back-propagates with the given gradient of this tensor (vector-Jacobian product). */
  public void backward(Tensor gradient) {
    backward(gradient, false);
  }

  /** Back-propagates; with {@code retainGraph} the graph can be walked again. */
  public void backward(Tensor gradient, boolean retainGraph) {
    if (!Arrays.equals(gradient.shape(), shape())) {
      throw new IllegalArgumentException(
          "backward: gradient shape "
              + Shapes.str(gradient.shape())
              + " differs from tensor shape "
              + Shapes.str(shape()));
    }
    INDArray seed = gradient.data().castTo(dtype().nd4j());
    Autograd.backward(this, seed, retainGraph);
  }

  /**
   * Calls {@code onGrad} with this tensor's gradient during each backward pass, once that gradient
   * is complete: for a non-leaf when every consumer has contributed, for a leaf with the total it
   * received in that pass, after that was added to {@link #grad()}. The hook runs without recording
   * and must not modify the gradient. Remove it with the returned handle (or try-with-resources).
   */
  public HookHandle registerHook(Consumer<Tensor> onGrad) {
    Objects.requireNonNull(onGrad, "onGrad");
    if (!requiresGrad) {
      throw new IllegalStateException(
          "registerHook: this tensor does not require grad, so backward never computes its gradient; call "
              + "requiresGrad(true) on it (or on the leaves it is computed from) first");
    }
    List<Consumer<Tensor>> list;
    if (gradFn != null) {
      list = gradFn.hooks(outputIndex);
    } else {
      if (hooks == null) {
        hooks = new ArrayList<>();
      }
      list = hooks;
    }
    list.add(onGrad);
    return () -> list.remove(onGrad);
  }

  /**
   * The handle of a hook: {@link #remove()} (or {@link #close()}) unregisters it; removing twice
   * does nothing.
   */
  @FunctionalInterface
  public interface HookHandle extends AutoCloseable {
    /** Unregisters the hook. */
    void remove();

    /** Same as {@link #remove()}, for try-with-resources. */
    @Override
    default void close() {
      remove();
    }
  }

  boolean hasLeafHooks() {
    return hooks != null && !hooks.isEmpty();
  }

  void runLeafHooks(INDArray g) {
    Tensor t = new Tensor(g, null, 0);
    for (Consumer<Tensor> h : List.copyOf(hooks)) {
      h.accept(t);
    }
  }

  // ---------------------------------------------------------------- arithmetic (PyTorch
  // broadcasting)

  /** {@code this + other}. */
  public Tensor add(Tensor other) {
    return ArithmeticOps.add(this, other);
  }

  /** {@code this + value}. */
  public Tensor add(double value) {
    return ArithmeticOps.addScalar(this, value);
  }

  /** {@code this - other}. */
  public Tensor sub(Tensor other) {
    return ArithmeticOps.sub(this, other);
  }

  /** {@code this - value}. */
  public Tensor sub(double value) {
    return ArithmeticOps.addScalar(this, -value);
  }

  /** {@code value - this}. */
  public Tensor rsub(double value) {
    return ArithmeticOps.rsubScalar(this, value);
  }

  /** {@code this * other}. */
  public Tensor mul(Tensor other) {
    return ArithmeticOps.mul(this, other);
  }

  /** {@code this * value}. */
  public Tensor mul(double value) {
    return ArithmeticOps.mulScalar(this, value);
  }

  /** {@code this / other}. */
  public Tensor div(Tensor other) {
    return ArithmeticOps.div(this, other);
  }

  /** {@code this / value}. */
  public Tensor div(double value) {
    return ArithmeticOps.mulScalar(this, 1.0 / value);
  }

  /** {@code value / this}. */
  public Tensor rdiv(double value) {
    return ArithmeticOps.rdivScalar(this, value);
  }

  /** {@code -this}. */
  public Tensor neg() {
    return ArithmeticOps.mulScalar(this, -1.0);
  }

  /** {@code this ^ exponent}. */
  public Tensor pow(double exponent) {
    return ArithmeticOps.powScalar(this, exponent);
  }

  /** {@code this ^ exponent}, elementwise with broadcasting. */
  public Tensor pow(Tensor exponent) {
    return ArithmeticOps.pow(this, exponent);
  }

  /** Matrix product with PyTorch's {@code matmul} rules (1-D, 2-D, batched and broadcast). */
  public Tensor matmul(Tensor other) {
    return LinalgOps.matmul(this, other);
  }

  /** The transpose of a 2-D tensor. */
  public Tensor t() {
    if (dim() != 2) {
      throw new IllegalArgumentException(
          "t() needs a 2-D tensor, got shape " + Shapes.str(shape()));
    }
    return transpose(0, 1);
  }

  // ---------------------------------------------------------------- elementwise functions

  /** e^x. */
  public Tensor exp() {
    return UnaryOps.exp(this);
  }

  /** Natural log. */
  public Tensor log() {
    return UnaryOps.log(this);
  }

  /** Square root. */
  public Tensor sqrt() {
    return UnaryOps.sqrt(this);
  }

  /** Absolute value. */
  public Tensor abs() {
    return UnaryOps.abs(this);
  }

  /** Hyperbolic tangent. */
  public Tensor tanh() {
    return UnaryOps.tanh(this);
  }

  /** Logistic sigmoid. */
  public Tensor sigmoid() {
    return UnaryOps.sigmoid(this);
  }

  /** max(x, 0). */
  public Tensor relu() {
    return UnaryOps.relu(this);
  }

  /** x for x &gt; 0, slope·x otherwise. */
  public Tensor leakyRelu(double slope) {
    return UnaryOps.leakyRelu(this, slope);
  }

  /** Exact GELU, {@code 0.5x(1 + erf(x/√2))}. */
  public Tensor gelu() {
    return UnaryOps.gelu(this, false);
  }

  /** GELU with the tanh approximation. */
  public Tensor geluTanh() {
    return UnaryOps.gelu(this, true);
  }

  /** log(1 + e^x). */
  public Tensor softplus() {
    return UnaryOps.softplus(this, 1, 20);
  }

  /** (1/β)·log(1 + e^(βx)), and x where βx &gt; threshold. */
  public Tensor softplus(double beta, double threshold) {
    return UnaryOps.softplus(this, beta, threshold);
  }

  /** Clamps into [min, max]. */
  public Tensor clamp(double min, double max) {
    return UnaryOps.clamp(this, min, max);
  }

  /** Clamps from below. */
  public Tensor clampMin(double min) {
    return UnaryOps.clamp(this, min, Double.POSITIVE_INFINITY);
  }

  /** Clamps from above. */
  public Tensor clampMax(double max) {
    return UnaryOps.clamp(this, Double.NEGATIVE_INFINITY, max);
  }

  /** Softmax over a dim. */
  public Tensor softmax(int dim) {
    return SoftmaxOps.softmax(this, dim);
  }

  /** Log-softmax over a dim. */
  public Tensor logSoftmax(int dim) {
    return SoftmaxOps.logSoftmax(this, dim);
  }

  // ---------------------------------------------------------------- comparisons (bool results, no
  // grad)

  /** {@code this > other} as bool. */
  public Tensor gt(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.GT);
  }

  /** {@code this > value} as bool. */
  public Tensor gt(double value) {
    return CompareOps.compare(this, value, CompareOps.Kind.GT);
  }

  /** {@code this < other} as bool. */
  public Tensor lt(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.LT);
  }

  /** {@code this < value} as bool. */
  public Tensor lt(double value) {
    return CompareOps.compare(this, value, CompareOps.Kind.LT);
  }

  /** {@code this >= other} as bool. */
  public Tensor ge(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.GE);
  }

  /** {@code this >= value} as bool. */
  public Tensor ge(double value) {
    return CompareOps.compare(this, value, CompareOps.Kind.GE);
  }

  /** {@code this <= other} as bool. */
  public Tensor le(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.LE);
  }

  /** {@code this <= value} as bool. */
  public Tensor le(double value) {
    return CompareOps.compare(this, value, CompareOps.Kind.LE);
  }

  /** {@code this == other} as bool. */
  public Tensor eq(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.EQ);
  }

  /** {@code this == value} as bool. */
  public Tensor eq(double value) {
    return CompareOps.compare(this, value, CompareOps.Kind.EQ);
  }

  /** {@code this != other} as bool. */
  public Tensor ne(Tensor other) {
    return CompareOps.compare(this, other, CompareOps.Kind.NE);
  }

  /** Elementwise choice: {@code cond ? a : b} with broadcasting. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return IndexOps.where(cond, a, b);
  }

  /** Copy with {@code value} where {@code mask} (broadcastable bool) is true. */
  public Tensor maskedFill(Tensor mask, double value) {
    return IndexOps.maskedFill(this, mask, value);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (0-d). */
  public Tensor sum() {
    return ReductionOps.sum(this, new int[0], false);
  }

  /** Sum over one dim. */
  public Tensor sum(int dim) {
    return ReductionOps.sum(this, new int[] {dim}, false);
  }

  /** Sum over one dim, keeping it as size 1 if asked. */
  public Tensor sum(int dim, boolean keepDim) {
    return ReductionOps.sum(this, new int[] {dim}, keepDim);
  }

  /** Sum over several dims. */
  public Tensor sum(int[] dims, boolean keepDim) {
    return ReductionOps.sum(this, dims, keepDim);
  }

  /** Mean of all elements (0-d). */
  public Tensor mean() {
    return ReductionOps.mean(this, new int[0], false);
  }

  /** Mean over one dim. */
  public Tensor mean(int dim) {
    return ReductionOps.mean(this, new int[] {dim}, false);
  }

  /** Mean over one dim, keeping it if asked. */
  public Tensor mean(int dim, boolean keepDim) {
    return ReductionOps.mean(this, new int[] {dim}, keepDim);
  }

  /** Mean over several dims. */
  public Tensor mean(int[] dims, boolean keepDim) {
    return ReductionOps.mean(this, dims, keepDim);
  }

  /** Variance over dims, unbiased (n-1) unless {@code unbiased} is false. */
  public Tensor var(int[] dims, boolean unbiased, boolean keepDim) {
    return ReductionOps.var(this, dims, unbiased, keepDim);
  }

  /** Unbiased variance of all elements. */
  public Tensor var() {
    return ReductionOps.var(this, new int[0], true, false);
  }

  /** Standard deviation over dims. */
  public Tensor std(int[] dims, boolean unbiased, boolean keepDim) {
    return ReductionOps.var(this, dims, unbiased, keepDim).sqrt();
  }

  /** Unbiased standard deviation of all elements. */
  public Tensor std() {
    return var().sqrt();
  }

  /** Largest element (0-d). */
  public Tensor max() {
    return ReductionOps.amax(this, new int[0], false);
  }

  /** Largest values over a dim and their int64 indices. */
  public ValuesIndices max(int dim) {
    return ReductionOps.maxWithIndices(this, dim, false, true);
  }

  /** Largest values over a dim and their indices, keeping the dim if asked. */
  public ValuesIndices max(int dim, boolean keepDim) {
    return ReductionOps.maxWithIndices(this, dim, keepDim, true);
  }

  /** Smallest element (0-d). */
  public Tensor min() {
    return ReductionOps.amin(this, new int[0], false);
  }

  /** Smallest values over a dim and their int64 indices. */
  public ValuesIndices min(int dim) {
    return ReductionOps.maxWithIndices(this, dim, false, false);
  }

  /** Smallest values over a dim and their indices, keeping the dim if asked. */
  public ValuesIndices min(int dim, boolean keepDim) {
    return ReductionOps.maxWithIndices(this, dim, keepDim, false);
  }

  /** Maximum over several dims (values only). */
  public Tensor amax(int[] dims, boolean keepDim) {
    return ReductionOps.amax(this, dims, keepDim);
  }

  /** Minimum over several dims (values only). */
  public Tensor amin(int[] dims, boolean keepDim) {
    return ReductionOps.amin(this, dims, keepDim);
  }

  /** Index of the largest element over a dim (int64). */
  public Tensor argmax(int dim) {
    return max(dim).indices();
  }

  /** Index of the largest element over a dim (int64), keeping the dim if asked. */
  public Tensor argmax(int dim, boolean keepDim) {
    return max(dim, keepDim).indices();
  }

  // ---------------------------------------------------------------- shape

  /** The same elements in a new shape (one dim may be -1); copies only when the layout requires. */
  public Tensor reshape(long... shape) {
    return ShapeOps.reshape(this, shape);
  }

  /** Alias of {@link #reshape}. */
  public Tensor view(long... shape) {
    return ShapeOps.reshape(this, shape);
  }

  /** All dims flattened into one. */
  public Tensor flatten() {
    return ShapeOps.flatten(this, 0, -1);
  }

  /** Dims {@code start..end} (inclusive) flattened into one. */
  public Tensor flatten(int start, int end) {
    return ShapeOps.flatten(this, start, end);
  }

  /** Without any size-1 dims. */
  public Tensor squeeze() {
    return ShapeOps.squeeze(this, null);
  }

  /** Without the given dim if it has size 1. */
  public Tensor squeeze(int dim) {
    return ShapeOps.squeeze(this, dim);
  }

  /** With a new size-1 dim at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return ShapeOps.unsqueeze(this, dim);
  }

  /** Two dims swapped. */
  public Tensor transpose(int dim0, int dim1) {
    return ShapeOps.transpose(this, dim0, dim1);
  }

  /** Dims reordered. */
  public Tensor permute(int... dims) {
    return ShapeOps.permute(this, dims);
  }

  /** Broadcast to a larger shape (-1 keeps a dim). */
  public Tensor expand(long... shape) {
    return ShapeOps.expand(this, shape);
  }

  /** A row-major copy if this is a non-contiguous view, else this. */
  public Tensor contiguous() {
    return ShapeOps.contiguous(this);
  }

  /**
   * Indexing like Python's {@code x[...]}: {@code x.index(Idx.from(1), Idx.step(2), Idx.at(-1))}.
   */
  public Tensor index(Idx... indices) {
    return SliceOps.index(this, indices);
  }

  /**
   * Indexing from a Python slice string, e.g. {@code x.index("1:, ::2, -3:")} or {@code
   * x.index("..., 0")}.
   */
  public Tensor index(String spec) {
    return SliceOps.index(this, Idx.parse(spec));
  }

  /**
   * Elements {@code start..end-1} (negative counts from the end) along one dim, like {@code
   * narrow}.
   */
  public Tensor slice(int dim, long start, long end) {
    return SliceOps.slice(this, dim, start, end, 1);
  }

  /** Splits into pieces of {@code size} along a dim (the last may be smaller). */
  public List<Tensor> split(long size, int dim) {
    return SliceOps.split(this, size, dim);
  }

  /** Splits into pieces of the given sizes along a dim. */
  public List<Tensor> split(long[] sizes, int dim) {
    return SliceOps.split(this, sizes, dim);
  }

  /** Splits into {@code n} nearly equal pieces along a dim. */
  public List<Tensor> chunk(int n, int dim) {
    return SliceOps.chunk(this, n, dim);
  }

  /** Concatenation along an existing dim. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return JoinOps.cat(tensors, dim);
  }

  /** Stacking along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return JoinOps.stack(tensors, dim);
  }

  /**
   * {@code out[i][j] = this[i][index[i][j]]} for dim 1 (and likewise for any dim), as {@code
   * torch.gather}.
   */
  public Tensor gather(int dim, Tensor index) {
    return IndexOps.gather(this, dim, index);
  }

  /** The slices at {@code index} (1-D int) along a dim. */
  public Tensor indexSelect(int dim, Tensor index) {
    return IndexOps.indexSelect(this, dim, index);
  }

  /** A copy with {@code src} added at {@code index} along a dim (the inverse of gather). */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return IndexOps.scatterAdd(this, dim, index, src);
  }

  // ---------------------------------------------------------------- display

  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
