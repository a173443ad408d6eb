package org.boarfish.vision;

import java.util.List;

/**
 * fastai's {@code RandomResizedCrop(size, min_scale=0.08, ratio=(3/4, 4/3), val_xtra=0.14)}, an
 * item transform (order 1, both splits). Training: up to 10 tries of a window covering a random
 * fraction {@code U(minScale, 1)} of the area with a log-uniform aspect ratio in {@code ratio}, at
 * a random position; if none fits, the largest centred window with its ratio clamped into range;
 * the window is resized to {@code size}. Validation: the whole image is resized (squished) to
 * {@code size + xtra}, {@code xtra = ceil(max(size) * valXtra / 8) * 8}, then centre-cropped to
 * {@code size}.
 */
public final class RandomResizedCrop extends CropTransform {
  private static final int TRIES = 10;
  private final int height;
  private final int width;
  private final double minScale;
  private final double ratioMin;
  private final double ratioMax;
  private final double valXtra;

  /** fastai's defaults: minScale 0.08, ratio 3/4 to 4/3, valXtra 0.14. */
  public RandomResizedCrop(int size) {
    this(size, size, 0.08, 3.0 / 4, 4.0 / 3, 0.14);
  }

  /** With another minimum scale (e.g. 0.35 or 0.75 for presizing). */
  public RandomResizedCrop(int size, double minScale) {
    this(size, size, minScale, 3.0 / 4, 4.0 / 3, 0.14);
  }

  /** Every setting. */
  public RandomResizedCrop(
      int height, int width, double minScale, double ratioMin, double ratioMax, double valXtra) {
    super(PadMode.REFLECTION);
    checkSize("RandomResizedCrop", height, width);
    if (!(minScale > 0 && minScale <= 1)) {
      throw new IllegalArgumentException(
          "RandomResizedCrop: minScale must be in (0, 1], got " + minScale);
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
      throw new IllegalArgumentException(
          "RandomResizedCrop: ratio must satisfy 0 < min <= max, got ("
              + ratioMin
              + ", "
              + ratioMax
              + ")");
    }
    if (!(valXtra >= 0)) {
      throw new IllegalArgumentException("RandomResizedCrop: valXtra must be >= 0, got " + valXtra);
    }
    this.height = height;
    this.width = width;
    this.minScale = minScale;
    this.ratioMin = ratioMin;
    this.ratioMax = ratioMax;
    this.valXtra = valXtra;
  }

  double[] settings() {
    return new double[] {height, width, minScale, ratioMin, ratioMax, valXtra};
  }

  @Override
  protected int draws() {
    return 4 * TRIES;
  }

  @Override
  List<Window> windows(int w, int h, Draw d) {
    if (d.valid()) {
      int xtra = (int) Math.ceil(Math.max(height, width) * valXtra / 8) * 8;
      int fw = width + xtra;
      int fh = height + xtra;
      return List.of(
          Window.of(0, 0, w, h, fw, fh),
          Window.of(
              Math.floorDiv(fw - width, 2),
              Math.floorDiv(fh - height, 2),
              width,
              height,
              width,
              height));
    }
    double[] u = d.u();
    double lr0 = Math.log(ratioMin);
    double lr1 = Math.log(ratioMax);
    for (int t = 0; t < TRIES; t++) {
      double area = (minScale + u[4 * t] * (1 - minScale)) * w * h;
      double ratio = Math.exp(lr0 + u[4 * t + 1] * (lr1 - lr0));
      int nw = (int) Math.rint(Math.sqrt(area * ratio));
      int nh = (int) Math.rint(Math.sqrt(area / ratio));
      if (nw <= w && nh <= h) {
        int left = (int) Math.floor(u[4 * t + 2] * (w - nw + 1));
        int top = (int) Math.floor(u[4 * t + 3] * (h - nh + 1));
        return List.of(Window.of(left, top, nw, nh, width, height));
      }
    }
    int cw = w;
    int ch = h;
    if ((double) w / h < ratioMin) {
      ch = (int) (w / ratioMin);
    } else if ((double) w / h > ratioMax) {
      cw = (int) (h * ratioMax);
    }
    return List.of(Window.of((w - cw) / 2, (h - ch) / 2, cw, ch, width, height));
  }

  @Override
  public String name() {
    return "RandomResizedCrop(" + sizeText(height, width) + ", minScale=" + minScale + ")";
  }
}
