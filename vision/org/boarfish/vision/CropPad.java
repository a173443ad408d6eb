package org.boarfish.vision;

import java.util.List;

/**
 * fastai's {@code CropPad(size, pad_mode=zeros)}: an item transform (order 1, both splits) that
 * centre-crops a bigger image and pads a smaller one to exactly {@code size}, without resizing
 * (e.g. {@code new CropPad(40)} then {@code new RandomCrop(32)} is the pad-4 random crop of CIFAR
 * training).
 */
public final class CropPad extends CropTransform {
  private final int height;
  private final int width;

  /** A square crop-or-pad with zeros. */
  public CropPad(int size) {
    this(size, size, PadMode.ZEROS);
  }

  /** A square crop-or-pad with the given pad mode. */
  public CropPad(int size, PadMode padMode) {
    this(size, size, padMode);
  }

  /** A crop-or-pad to {@code height x width}. */
  public CropPad(int height, int width, PadMode padMode) {
    super(padMode);
    checkSize("CropPad", height, width);
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
    return 0;
  }

  @Override
  List<Window> windows(int w, int h, Draw d) {
    return List.of(
        Window.of(
            Math.floorDiv(w - width, 2),
            Math.floorDiv(h - height, 2),
            width,
            height,
            width,
            height));
  }

  @Override
  public String name() {
    return "CropPad(" + sizeText(height, width) + ", " + padMode() + ")";
  }
}
