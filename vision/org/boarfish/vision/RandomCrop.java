package org.boarfish.vision;

import java.util.List;

/**
 * fastai's {@code RandomCrop(size)}: an item transform (order 1, both splits) taking a window of
 * {@code size} at a random position on the training split and the centred one on validation,
 * without resizing. An image smaller than {@code size} is padded with zeros (centred).
 */
public final class RandomCrop extends CropTransform {
  private final int height;
  private final int width;

  /** A square random crop. */
  public RandomCrop(int size) {
    this(size, size);
  }

  /** A random crop of {@code height x width}. */
  public RandomCrop(int height, int width) {
    super(PadMode.ZEROS);
    checkSize("RandomCrop", height, width);
    this.height = height;
    this.width = width;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  @Override
  protected int draws() {
    return 2;
  }

  @Override
  List<Window> windows(int w, int h, Draw d) {
    int left = Math.floorDiv(w - width, 2);
    int top = Math.floorDiv(h - height, 2);
    if (!d.valid()) {
      if (w >= width) {
        left = (int) Math.floor(d.u()[0] * (w - width + 1));
      }
      if (h >= height) {
        top = (int) Math.floor(d.u()[1] * (h - height + 1));
      }
    }
    return List.of(Window.of(left, top, width, height, width, height));
  }

  @Override
  public String name() {
    return "RandomCrop(" + sizeText(height, width) + ")";
  }
}
