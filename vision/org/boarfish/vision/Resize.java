package org.boarfish.vision;

import java.util.List;

/**
 * fastai's {@code Resize(size, method, pad_mode)}: an item transform (order 1, both splits) that
 * brings every image of a dataset to one size. {@link ResizeMethod#CROP} (the default) takes the
 * largest window of the target aspect ratio, at a random position on the training split and centred
 * on validation, and resizes it; {@link ResizeMethod#PAD} scales the whole image to fit and pads
 * (reflection by default); {@link ResizeMethod#SQUISH} ignores the aspect ratio. Images are
 * resampled bilinearly with antialiasing, masks with nearest neighbour, points moved with them.
 *
 * <pre>{@code
 * new Resize(224)                                        // crop
 * new Resize(224, ResizeMethod.PAD, PadMode.ZEROS)       // letterbox
 * new Resize(96, 128, ResizeMethod.SQUISH, PadMode.REFLECTION)  // height 96, width 128
 * }</pre>
 */
public final class Resize extends CropTransform {
  private final int height;
  private final int width;
  private final ResizeMethod method;

  /** A square resize with {@link ResizeMethod#CROP}. */
  public Resize(int size) {
    this(size, size, ResizeMethod.CROP, PadMode.REFLECTION);
  }

  /** A square resize with the given method, padding by reflection. */
  public Resize(int size, ResizeMethod method) {
    this(size, size, method, PadMode.REFLECTION);
  }

  /** A square resize with the given method and pad mode. */
  public Resize(int size, ResizeMethod method, PadMode padMode) {
    this(size, size, method, padMode);
  }

  /** A resize to {@code height x width}. */
  public Resize(int height, int width, ResizeMethod method, PadMode padMode) {
    super(padMode);
    checkSize("Resize", height, width);
    this.height = height;
    this.width = width;
    this.method = java.util.Objects.requireNonNull(method, "method");
  }

  /** {@code new Resize(size)}. */
  public static Resize of(int size) {
    return new Resize(size);
  }

  /** The target height. */
  public int height() {
    return height;
  }

  /** The target width. */
  public int width() {
    return width;
  }

  /** The method. */
  public ResizeMethod method() {
    return method;
  }

  @Override
  protected int draws() {
    return 2;
  }

  @Override
  List<Window> windows(int w, int h, Draw d) {
    if (method == ResizeMethod.SQUISH) {
      return List.of(Window.of(0, 0, w, h, width, height));
    }
    double rw = (double) w / width;
    double rh = (double) h / height;
    boolean useW = method == ResizeMethod.PAD ? rw > rh : rw < rh;
    double m = useW ? rw : rh;
    int cw = (int) (m * width);
    int ch = (int) (m * height);
    double px = d.valid() ? 0.5 : d.u()[0];
    double py = d.valid() ? 0.5 : d.u()[1];
    int left = (int) (px * (w - cw));
    int top = (int) (py * (h - ch));
    return List.of(Window.of(left, top, cw, ch, width, height));
  }

  @Override
  public String name() {
    return "Resize(" + sizeText(height, width) + ", " + method + ", " + padMode() + ")";
  }
}
