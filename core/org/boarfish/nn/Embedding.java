package org.boarfish.nn;

import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, as {@code nn.Embedding}: the input
 * holds int indices, the output has one more dim. PyTorch's init is N(0, 1) with the padding row
 * zeroed (the padding row gets no gradient); {@link #fastai} makes fastai's variant, trunc-normal
 * with std 0.01 ({@link Init#truncNormal}).
 */
public class Embedding extends Module {
  private final int num;
  private final int dim;
  private final Long paddingIdx;

  /** N(0, 1) init, no padding index. */
  public Embedding(int num, int dim) {
    this(num, dim, null);
  }

  /**
   * N(0, 1) init; {@code paddingIdx} (may be negative, counting from the end; null for none) is
   * zeroed.
   */
  public Embedding(int num, int dim, Long paddingIdx) {
    this(num, dim, paddingIdx, Generator.global());
  }

  /** N(0, 1) init from {@code gen}. */
  public Embedding(int num, int dim, Long paddingIdx, Generator gen) {
    Layers.positive("Embedding", "num", num);
    Layers.positive("Embedding", "dim", dim);
    if (paddingIdx != null && (paddingIdx >= num || paddingIdx < -num)) {
      throw new IllegalArgumentException(
          "Embedding: paddingIdx must be within the " + num + " rows, got " + paddingIdx);
    }
    this.num = num;
    this.dim = dim;
    this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
    Init.normal(newParam("weight", num, dim), 0, 1, gen);
    zeroPaddingRow();
  }

  /** fastai's {@code Embedding}: weights trunc-normal with std 0.01 (N(0,1), fmod 2, × 0.01). */
  public static Embedding fastai(int num, int dim) {
    return fastai(num, dim, Generator.global());
  }

  /** fastai's {@code Embedding} initialised from {@code gen}. */
  public static Embedding fastai(int num, int dim, Generator gen) {
    Embedding e = new Embedding(num, dim, null, gen);
    Init.truncNormal(e.weight(), 0.01, gen);
    return e;
  }

  private void zeroPaddingRow() {
    if (paddingIdx != null) {
      weight().data().getRow(paddingIdx).assign(0);
    }
  }

  /** The table {@code [num, dim]}. */
  public Tensor weight() {
    return param("weight");
  }

  /** The number of rows. */
  public int num() {
    return num;
  }

  /** The vector size. */
  public int dim() {
    return dim;
  }

  @Override
  public Tensor forward(Tensor idx) {
    if (idx.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "Embedding("
              + num
              + ", "
              + dim
              + "): indices must be int32 or int64, got "
              + idx.dtype()
              + "; convert with to(DType.INT64)");
    }
    return paddingIdx == null ? F.embedding(idx, weight()) : F.embedding(idx, weight(), paddingIdx);
  }

  @Override
  protected String extraRepr() {
    return num + ", " + dim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
  }
}
