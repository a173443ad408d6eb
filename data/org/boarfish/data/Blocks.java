package org.boarfish.data;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * The standard blocks, as small factories (fastai's {@code CategoryBlock}, {@code
 * MultiCategoryBlock}, {@code RegressionBlock}, {@code TransformBlock}). Applications add theirs
 * ({@code ImageBlock}, {@code MaskBlock}, {@code PointBlock}, {@code TextBlock}) with {@link
 * TransformBlock#builder()}. Each call makes new transforms, so blocks are never shared between two
 * DataBlocks.
 */
public final class Blocks {
  private Blocks() {}

  /** A block with no transforms: the getter's value is the item. */
  public static TransformBlock transform() {
    return TransformBlock.builder().build();
  }

  /**
   * Single-label classification with the vocabulary learnt from the training labels: {@code
   * CategoryBlock()}.
   */
  public static TransformBlock category() {
    return category(null, true, false);
  }

  /**
   * {@code CategoryBlock(vocab, sort, add_na)}: {@link Categorize} with the given vocabulary
   * ({@code null} to learn it), cross-entropy loss.
   */
  public static TransformBlock category(List<?> vocab, boolean sort, boolean addNa) {
    return TransformBlock.builder()
        .name("CategoryBlock")
        .typeTfms(new Categorize(vocab, sort, addNa))
        .lossHint(LossHint.CROSS_ENTROPY)
        .build();
  }

  /** Multi-label classification from lists of labels: {@code MultiCategoryBlock()}. */
  public static TransformBlock multiCategory() {
    return multiCategory(null, false);
  }

  /**
   * {@code MultiCategoryBlock(vocab, add_na)}: {@link MultiCategorize} then {@link OneHotEncode},
   * binary cross-entropy loss.
   */
  public static TransformBlock multiCategory(List<?> vocab, boolean addNa) {
    return TransformBlock.builder()
        .name("MultiCategoryBlock")
        .typeTfms(new MultiCategorize(vocab, addNa), new OneHotEncode())
        .lossHint(LossHint.BCE_WITH_LOGITS)
        .build();
  }

  /** Regression with the width learnt from the targets: {@code RegressionBlock()}. */
  public static TransformBlock regression() {
    return regression(-1);
  }

  /** {@code RegressionBlock(n_out)}: {@link RegressionSetup}, mean squared error loss. */
  public static TransformBlock regression(int nOut) {
    return TransformBlock.builder()
        .name("RegressionBlock")
        .typeTfms(new RegressionSetup(nOut))
        .lossHint(LossHint.MSE)
        .build();
  }

  /**
   * Inputs that are already pixel tensors {@code [C, H, W]} of 0..255 values (e.g. read by your own
   * getter, or from {@code .npy} files): wraps them as {@link TensorImage} and adds {@link
   * IntToFloatTensor} as a batch transform. Vision's {@code ImageBlock} opens image files itself.
   */
  public static TransformBlock tensorImage() {
    return TransformBlock.builder()
        .name("TensorImageBlock")
        .typeTfms(Transform.of("TensorImage", Tensor.class, TensorImage::new))
        .batchTfms(new IntToFloatTensor())
        .build();
  }
}
