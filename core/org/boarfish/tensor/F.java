package org.boarfish.tensor;

import java.util.List;

/**
 * Functional ops, like {@code torch.nn.functional}: layers and losses as pure functions of tensors.
 * Modules are thin wrappers that hold the parameters and call these.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- linear algebra

  /** {@code x·weightᵀ + bias} over the last dim of x (bias may be null). */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return LinalgOps.linear(x, weight, bias);
  }

  /**
   * {@code relu(linear(x, weight, bias))} as one op: for float32 the bias and the ReLU are a single
   * pass over the product, and backward needs no mask array ({@code nn.Sequential} uses it for a
   * {@code Linear} followed by a {@code ReLU}).
   */
  public static Tensor linearRelu(Tensor x, Tensor weight, Tensor bias) {
    return LinalgOps.linear(x, weight, bias, true);
  }

  /** Matrix product with PyTorch's rules. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return LinalgOps.matmul(a, b);
  }

  // ---------------------------------------------------------------- activations

  /** Softmax over a dim. */
  public static Tensor softmax(Tensor x, int dim) {
    return SoftmaxOps.softmax(x, dim);
  }

  /** Log-softmax over a dim. */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return SoftmaxOps.logSoftmax(x, dim);
  }

  /** max(x, 0). */
  public static Tensor relu(Tensor x) {
    return UnaryOps.relu(x);
  }

  // ---------------------------------------------------------------- convolution and pooling

  /** 2-D convolution over NCHW input; weight [out, in/groups, kh, kw]; bias [out] or null. */
  public static Tensor conv2d(
      Tensor x,
      Tensor weight,
      Tensor bias,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups) {
    return ConvOps.conv2d(x, weight, bias, stride, padding, dilation, groups);
  }

  /** 2-D convolution with square stride and padding, no dilation, one group. */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    return conv2d(x, weight, bias, pair(stride), pair(padding), pair(1), 1);
  }

  /** Transposed 2-D convolution; weight [in, out/groups, kh, kw]. */
  public static Tensor convTranspose2d(
      Tensor x,
      Tensor weight,
      Tensor bias,
      int[] stride,
      int[] padding,
      int[] outputPadding,
      int groups,
      int[] dilation) {
    return ConvOps.convTranspose2d(
        x, weight, bias, stride, padding, outputPadding, groups, dilation);
  }

  /** Max pooling; padding pads with -∞; {@code ceilMode} keeps a last partial window. */
  public static Tensor maxPool2d(
      Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return PoolOps.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
  }

  /** Max pooling with a square kernel, stride and padding. */
  public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
    return maxPool2d(x, pair(kernel), pair(stride), pair(padding), pair(1), false);
  }

  /** Average pooling; {@code countIncludePad} divides by the full window (PyTorch's default). */
  public static Tensor avgPool2d(
      Tensor x,
      int[] kernel,
      int[] stride,
      int[] padding,
      boolean ceilMode,
      boolean countIncludePad) {
    return PoolOps.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
  }

  /** Average pooling with a square kernel, stride and padding (padding counted). */
  public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
    return avgPool2d(x, pair(kernel), pair(stride), pair(padding), false, true);
  }

  /** Average pooling to a fixed output size. */
  public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
    return PoolOps.adaptiveAvgPool2d(x, new int[] {outH, outW});
  }

  /** Max pooling to a fixed output size. */
  public static Tensor adaptiveMaxPool2d(Tensor x, int outH, int outW) {
    return PoolOps.adaptiveMaxPool2d(x, new int[] {outH, outW});
  }

  // ---------------------------------------------------------------- normalisation, embedding,
  // dropout, recurrent

  /**
   * Batch norm over dim 1 of [N, C] or [N, C, H, W]. In training it normalises with the batch
   * statistics (biased variance) and updates {@code runningMean}/{@code runningVar} in place
   * (unbiased variance, {@code momentum}); otherwise it uses them. Running stats, weight and bias
   * may be null.
   */
  public static Tensor batchNorm(
      Tensor x,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps) {
    return NormOps.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  /**
   * Layer norm over the trailing {@code normalizedShape} dims; weight and bias of that shape or
   * null.
   */
  public static Tensor layerNorm(
      Tensor x, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    return NormOps.layerNorm(x, normalizedShape, weight, bias, eps);
  }

  /** Rows of {@code weight} at the int indices {@code idx}: shape idx.shape + [dim]. */
  public static Tensor embedding(Tensor idx, Tensor weight) {
    return EmbeddingOps.embedding(idx, weight, null);
  }

  /** Embedding whose {@code paddingIdx} row gets no gradient. */
  public static Tensor embedding(Tensor idx, Tensor weight, long paddingIdx) {
    return EmbeddingOps.embedding(idx, weight, paddingIdx);
  }

  /**
   * Inverted dropout: zeroes elements with probability p and scales the rest by 1/(1-p); identity
   * unless training.
   */
  public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
    return DropoutOps.dropout(x, p, training, gen);
  }

  /** Dropout with the global generator. */
  public static Tensor dropout(Tensor x, double p, boolean training) {
    return DropoutOps.dropout(x, p, training, Generator.global());
  }

  /**
   * A multi-layer LSTM as {@code nn.LSTM}: {@code weights} holds, per layer, {@code W_ih [4H, in]},
   * {@code W_hh [4H, H]}, {@code b_ih [4H]}, {@code b_hh [4H]} (gate order i, f, g, o; biases may
   * be null). {@code h0}/{@code c0} are [layers, batch, H] or null for zeros.
   */
  public static LstmState lstm(
      Tensor x, Tensor h0, Tensor c0, List<Tensor> weights, int numLayers, boolean batchFirst) {
    return LstmOps.lstm(x, h0, c0, weights, numLayers, batchFirst);
  }

  // ---------------------------------------------------------------- losses

  /**
   * Cross-entropy of logits [N, C] (or [N, C, d...]) against int class targets [N] (or [N, d...]),
   * mean.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return LossOps.crossEntropy(logits, target, Reduction.MEAN, 0.0);
  }

  /** Cross-entropy with a reduction and label smoothing ε (0 for none). */
  public static Tensor crossEntropy(
      Tensor logits, Tensor target, Reduction reduction, double labelSmoothing) {
    return LossOps.crossEntropy(logits, target, reduction, labelSmoothing);
  }

  /** Negative log-likelihood of log-probabilities [N, C] against int targets. */
  public static Tensor nllLoss(Tensor logProbs, Tensor target, Reduction reduction) {
    return LossOps.nllLoss(logProbs, target, reduction);
  }

  /** Binary cross-entropy on logits against float targets of the same shape, computed stably. */
  public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
    return LossOps.bceWithLogits(logits, target, reduction);
  }

  /** Mean squared error. */
  public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    return LossOps.mse(input, target, reduction);
  }

  /** Mean absolute error. */
  public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    return LossOps.l1(input, target, reduction);
  }

  static int[] pair(int v) {
    return new int[] {v, v};
  }
}
