package org.boarfish.vision;

/**
 * A crop window of an image in pixel coordinates ({@code [x0, x1) x [y0, y1)}, possibly reaching
 * past the image) and the size it is resampled to.
 */
record Window(double x0, double y0, double x1, double y1, int outW, int outH) {
  /**
   * The window of {@code cw x ch} pixels at top-left {@code (left, top)}, resized to {@code outW x
   * outH}.
   */
  static Window of(int left, int top, int cw, int ch, int outW, int outH) {
    return new Window(left, top, left + cw, top + ch, outW, outH);
  }
}
