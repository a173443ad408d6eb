package org.boarfish.vision;

/** How {@link Resize} reaches the target size when the aspect ratio differs. */
public enum ResizeMethod {
  /**
   * Crop the largest window of the target aspect ratio (random position on the training split,
   * centred on validation), then resize it.
   */
  CROP,
  /** Scale so the whole image fits, then pad to the target size. */
  PAD,
  /** Resize to the target size, ignoring the aspect ratio. */
  SQUISH
}
