package org.boarfish.vision;

import java.util.Arrays;
import java.util.Objects;
import org.boarfish.data.Item;
import org.boarfish.tensor.Tensor;

/**
 * Key points of an image, {@code (x, y)} pairs in pixel coordinates, like fastai's {@code
 * TensorPoint}. Item transforms move them with the image (a crop shifts them, a resize scales
 * them); {@link #toTensor()} scales them to [-1, 1] ({@code p * 2 / size - 1}, fastai's {@code
 * PointScaler}) as a {@link TensorPoints} for batch augmentation and models.
 *
 * <p>The size of the image they belong to is needed for scaling: {@link PointBlock} fills it in
 * from the sample's image; {@link #of(float[], int, int)} gives it directly.
 */
public final class Points implements Item {
  private final float[] xy;
  private final int width;
  private final int height;

  private Points(float[] xy, int width, int height) {
    this.xy = xy;
    this.width = width;
    this.height = height;
  }

  /** Points {@code x0, y0, x1, y1, ...} in pixels of an image of unknown size (filled in later). */
  public static Points of(float... xy) {
    return of(xy, 0, 0);
  }

  /** Points {@code x0, y0, x1, y1, ...} in pixels of a {@code width x height} image. */
  public static Points of(float[] xy, int width, int height) {
    Objects.requireNonNull(xy, "xy");
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Points: give x, y pairs; got " + xy.length + " numbers, which is odd");
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("Points: negative image size " + width + "x" + height);
    }
    return new Points(xy.clone(), width, height);
  }

  /** The same points said to belong to a {@code width x height} image. */
  public Points withSize(int width, int height) {
    return new Points(xy, width, height);
  }

  /** The number of points. */
  public int count() {
    return xy.length / 2;
  }

  /** A copy of the coordinates {@code x0, y0, x1, y1, ...} in pixels. */
  public float[] xy() {
    return xy.clone();
  }

  float[] xyNoCopy() {
    return xy;
  }

  /** The width of the image these points belong to (0 if unknown). */
  public int width() {
    return width;
  }

  /** The height of the image these points belong to (0 if unknown). */
  public int height() {
    return height;
  }

  /** True if the image size is known. */
  public boolean hasSize() {
    return width > 0 && height > 0;
  }

  /** The points scaled to [-1, 1]: a {@link TensorPoints} of shape {@code [n, 2]}. */
  @Override
  public TensorPoints toTensor() {
    if (!hasSize()) {
      throw new IllegalStateException(
          "Points: the image size is unknown, so they cannot be scaled to [-1, 1]; use PointBlock "
              + "(which takes the size from the sample's image) or Points.of(xy, width, height)");
    }
    float[] s = new float[xy.length];
    for (int i = 0; i < s.length; i += 2) {
      s[i] = xy[i] * 2f / width - 1f;
      s[i + 1] = xy[i + 1] * 2f / height - 1f;
    }
    return new TensorPoints(Tensor.of(s, count(), 2));
  }

  @Override
  public String toString() {
    return "Points["
        + count()
        + (hasSize() ? " in " + width + "x" + height : "")
        + " "
        + Arrays.toString(xy)
        + "]";
  }
}
