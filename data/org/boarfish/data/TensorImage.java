package org.boarfish.data;

import java.util.Arrays;
import java.util.Objects;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * An image as a tensor: {@code [C, H, W]} for one image, {@code [B, C, H, W]} for a batch. Pixel
 * values are integers 0..255 until {@link IntToFloatTensor} makes them floats in [0, 1]; {@link
 * Normalize} then standardises them.
 *
 * <p>An image decoded in Java may instead hold its int32 pixels in a Java array ({@link
 * #ofPixels}): it acts as the same {@code TensorImage}, but {@link Collate} copies the pixels of a
 * whole batch into one tensor, so a batch costs one ND4J array instead of one per image. Each ND4J
 * array costs 5-20 us to make plus garbage-collector work: ND4J and JavaCPP track it with reference
 * objects that survive young collections, and the serial collector stops every loader thread while
 * it copies them, which is what kept two loader workers from scaling.
 */
public final class TensorImage implements TensorItem {
  private final Tensor tensor;
  private final int[] pixels;
  private final long[] shape;

  /** Wraps a pixel tensor. */
  public TensorImage(Tensor tensor) {
    this.tensor = Objects.requireNonNull(tensor, "tensor");
    this.pixels = null;
    this.shape = null;
  }

  private TensorImage(int[] pixels, long[] shape) {
    this.tensor = null;
    this.pixels = pixels;
    this.shape = shape;
  }

  /**
   * An image of int32 pixels held in a Java array, row-major over {@code shape} (usually {@code [C,
   * H, W]}). The array is used as it is, not copied: don't change it afterwards.
   */
  public static TensorImage ofPixels(int[] pixels, long... shape) {
    Objects.requireNonNull(pixels, "pixels");
    long n = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException(
            "TensorImage.ofPixels: negative size in shape " + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != pixels.length) {
      throw new IllegalArgumentException(
          "TensorImage.ofPixels: shape "
              + Arrays.toString(shape)
              + " holds "
              + n
              + " values but "
              + pixels.length
              + " were given");
    }
    return new TensorImage(pixels, shape.clone());
  }

  /**
   * The tensor. For an image made by {@link #ofPixels} this is a new int32 tensor of the pixels,
   * made in the current memory context ({@link org.boarfish.tensor.Scope}) on each call.
   */
  @Override
  public Tensor tensor() {
    return tensor != null ? tensor : Tensor.of(pixels, shape);
  }

  @Override
  public TensorImage withTensor(Tensor t) {
    return new TensorImage(t);
  }

  /** True if the pixels are held in a Java array ({@link #ofPixels}) rather than a tensor. */
  boolean inJava() {
    return pixels != null;
  }

  /** The Java pixel array of an image made by {@link #ofPixels} (not a copy). */
  int[] javaPixels() {
    return pixels;
  }

  /** The shape, for either form. */
  long[] shape() {
    return tensor != null ? tensor.shape() : shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorImage t
        && tensor == t.tensor
        && pixels == t.pixels
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return tensor != null ? tensor.hashCode() : System.identityHashCode(pixels);
  }

  @Override
  public String toString() {
    if (tensor != null) {
      return TensorItem.describe("TensorImage", tensor);
    }
    StringBuilder sb = new StringBuilder("TensorImage[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : "x").append(shape[i]);
    }
    return sb.append(shape.length == 0 ? "" : " ").append(DType.INT32).append(']').toString();
  }
}
