package org.boarfish.vision;

import java.util.Objects;
import org.boarfish.data.TensorImage;

/**
 * The images of an IDX file: {@code count} grey images of {@code rows x cols} unsigned bytes,
 * row-major one after the other. Read with {@link IdxReader#readImages}.
 *
 * @param count the number of images
 * @param rows the height of each image
 * @param cols the width of each image
 * @param data the pixels, {@code count * rows * cols} bytes (read as unsigned)
 */
public record IdxImages(int count, int rows, int cols, byte[] data) {
  /** Checks the sizes. */
  public IdxImages {
    Objects.requireNonNull(data, "data");
    if ((long) count * rows * cols != data.length) {
      throw new IllegalArgumentException(
          "IdxImages: "
              + count
              + " images of "
              + rows
              + "x"
              + cols
              + " need "
              + (long) count * rows * cols
              + " bytes, got "
              + data.length);
    }
  }

  /** The pixels (0..255) of image {@code i}, row-major. */
  public int[] pixels(int i) {
    Objects.checkIndex(i, count);
    int n = rows * cols;
    int[] p = new int[n];
    int off = i * n;
    for (int k = 0; k < n; k++) {
      p[k] = data[off + k] & 0xFF;
    }
    return p;
  }

  /** Image {@code i} as a grey {@link Image}. */
  public Image image(int i) {
    return Image.ofPixels(pixels(i), 1, rows, cols);
  }

  /** Image {@code i} as a {@link TensorImage} {@code [1, rows, cols]} (pixels kept in Java). */
  public TensorImage tensorImage(int i) {
    return TensorImage.ofPixels(pixels(i), 1, rows, cols);
  }

  @Override
  public String toString() {
    return "IdxImages[" + count + " x " + rows + "x" + cols + "]";
  }
}
