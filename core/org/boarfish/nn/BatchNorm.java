package org.boarfish.nn;

import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Fused;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * Batch normalisation over the channel dim, the common part of {@link BatchNorm1d} and {@link
 * BatchNorm2d}.
 *
 * <p>Parameters {@code weight} (ones) and {@code bias} (zeros) when affine; buffers {@code
 * running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (int64 0-d)
 * when tracking statistics. A training forward normalises with the batch statistics (biased
 * variance), updates the running ones in place ({@code running = (1 − momentum)·running +
 * momentum·batch}, unbiased variance) and counts the batch; an evaluation forward uses the running
 * statistics.
 */
public abstract class BatchNorm extends Module {
  private final int numFeatures;
  private final double eps;
  private final double momentum;
  private final boolean affine;
  private final boolean trackRunningStats;

  protected BatchNorm(
      int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    Layers.positive(name(), "numFeatures", numFeatures);
    if (!(eps > 0)) {
      throw new IllegalArgumentException(name() + ": eps must be positive, got " + eps);
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + momentum);
    }
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    if (affine) {
      Init.ones(newParam("weight", numFeatures));
      newParam("bias", numFeatures);
    }
    if (trackRunningStats) {
      buffer("running_mean", Scope.outside(() -> Tensor.zeros(numFeatures)));
      buffer("running_var", Scope.outside(() -> Tensor.ones(numFeatures)));
      buffer("num_batches_tracked", Scope.outside(() -> Tensor.scalar(0, DType.INT64)));
    }
  }

  /**
   * This norm in eval mode as a per-channel affine map, {@code {scale, shift}} (float32 {@code
   * [C]}): {@code y = x·scale + shift} with {@code scale = weight / sqrt(running_var + eps)} and
   * {@code shift = bias − running_mean·scale}; null when it has no running statistics (it then
   * normalises with the batch's own even in eval mode). What a fused inference convolution folds
   * in.
   */
  public Tensor[] evalScaleShift() {
    if (!trackRunningStats) {
      return null;
    }
    double[] mean = runningMean().toDoubleArray();
    double[] var = runningVar().toDoubleArray();
    double[] w = affine ? weight().toDoubleArray() : null;
    double[] b = affine ? bias().toDoubleArray() : null;
    float[] scale = new float[numFeatures];
    float[] shift = new float[numFeatures];
    for (int c = 0; c < numFeatures; c++) {
      double k = (w == null ? 1 : w[c]) / Math.sqrt(var[c] + eps);
      scale[c] = (float) k;
      shift[c] = (float) ((b == null ? 0 : b[c]) - mean[c] * k);
    }
    return new Tensor[] {Tensor.of(scale, numFeatures), Tensor.of(shift, numFeatures)};
  }

  /** The scale {@code [C]}, or null when not affine. */
  public Tensor weight() {
    return paramOrNull("weight");
  }

  /** The shift {@code [C]}, or null when not affine. */
  public Tensor bias() {
    return paramOrNull("bias");
  }

  /** The running mean {@code [C]}, or null when statistics are not tracked. */
  public Tensor runningMean() {
    return trackRunningStats ? buffer("running_mean") : null;
  }

  /** The running (unbiased) variance {@code [C]}, or null when statistics are not tracked. */
  public Tensor runningVar() {
    return trackRunningStats ? buffer("running_var") : null;
  }

  /** How many training batches updated the running statistics. */
  public long numBatchesTracked() {
    return trackRunningStats ? (long) buffer("num_batches_tracked").item() : 0;
  }

  /** The number of channels. */
  public int numFeatures() {
    return numFeatures;
  }

  /** Checks the rank of the input; returns it as [N, C] or [N, C, H, W] for {@link F#batchNorm}. */
  protected abstract Tensor toKernelShape(Tensor x);

  @Override
  public Tensor forward(Tensor x) {
    return forwardAct(x, null, false);
  }

  /**
   * {@code relu(this(x) + residual)} as one fused op ({@link Fused#batchNormAct}): {@code residual}
   * (x's shape) may be null, and without {@code relu} no ReLU is applied. Updates the running
   * statistics as {@link #forward} does. Runs no hooks; callers check {@link #hasHooks} first when
   * hooks must see the intermediate results.
   */
  public Tensor forwardAct(Tensor x, Tensor residual, boolean relu) {
    Tensor in = toKernelShape(x);
    if (in.size(1) != numFeatures) {
      throw new IllegalArgumentException(
          name()
              + "("
              + numFeatures
              + "): input has "
              + in.size(1)
              + " channels in dim 1, shape "
              + Repr.dims(x.shape()));
    }
    boolean training = isTraining();
    if (training && trackRunningStats) {
      buffer("num_batches_tracked").data().addi(1);
    }
    boolean useBatchStats = training || !trackRunningStats;
    Tensor res =
        residual == null || residual.dim() == in.dim() ? residual : residual.reshape(in.shape());
    Tensor out =
        Fused.batchNormAct(
            in,
            runningMean(),
            runningVar(),
            weight(),
            bias(),
            useBatchStats,
            momentum,
            eps,
            res,
            relu);
    return out.dim() == x.dim() ? out : out.reshape(x.shape());
  }

  @Override
  protected String extraRepr() {
    return numFeatures
        + ", eps="
        + Repr.f(eps)
        + ", momentum="
        + Repr.f(momentum)
        + ", affine="
        + Repr.b(affine)
        + ", track_running_stats="
        + Repr.b(trackRunningStats);
  }

  /**
   * fastai's BatchNorm helper: weight 1 (0 when {@code zero}, for the last BN of a residual
   * branch), bias 1e-3.
   */
  static <B extends BatchNorm> B fastai(B bn, boolean zero) {
    Init.constant(bn.weight(), zero ? 0 : 1);
    Init.constant(bn.bias(), 1e-3);
    return bn;
  }
}
