package org.boarfish.vision;

/**
 * Which weights a model starts from: {@link #NONE} (random init) or {@link #IMAGENET}
 * (torchvision's published ImageNet weights, {@code IMAGENET1K_V1}, downloaded once through the
 * data cache; see {@link PretrainedWeights}).
 *
 * <pre>{@code
 * var model = Models.resnet34(Pretrained.IMAGENET);   // 1000 ImageNet classes
 * }</pre>
 */
public enum Pretrained {
  /** Random initialisation. */
  NONE,
  /** torchvision's ImageNet-1k weights. */
  IMAGENET
}
