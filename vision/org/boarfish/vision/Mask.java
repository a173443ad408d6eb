package org.boarfish.vision;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.boarfish.data.Item;
import org.boarfish.data.TensorMask;
import org.boarfish.tensor.Tensor;

/**
 * A segmentation mask: one class code per pixel, {@code [H, W]}, like fastai's {@code PILMask}.
 * Read from a grey PNG (the grey value is the code), a palette PNG (the palette index is the code)
 * or a colour image (converted to grey as PIL's {@code "L"} mode, which is what fastai does).
 * Resampled with nearest neighbour only, so codes are never blended.
 */
public final class Mask implements Item {
  private final int[] codes;
  private final int height;
  private final int width;

  private Mask(int[] codes, int height, int width) {
    this.codes = codes;
    this.height = height;
    this.width = width;
  }

  /** A mask of {@code height x width} codes (row-major); the array is used as it is. */
  public static Mask ofCodes(int[] codes, int height, int width) {
    Objects.requireNonNull(codes, "codes");
    if (height < 1 || width < 1 || (long) height * width != codes.length) {
      throw new IllegalArgumentException(
          "Mask: "
              + height
              + "x"
              + width
              + " needs "
              + (long) height * width
              + " codes but "
              + codes.length
              + " were given");
    }
    return new Mask(codes, height, width);
  }

  /** Reads a mask file. */
  public static Mask open(Path file) {
    BufferedImage img;
    try (InputStream in = Files.newInputStream(file)) {
      img = ImageIO.read(in);
    } catch (NoSuchFileException e) {
      throw new ImageReadException(file, "no such file", e);
    } catch (IOException | RuntimeException e) {
      throw new ImageReadException(
          file,
          "corrupt or truncated (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          e);
    }
    if (img == null) {
      throw new ImageReadException(file, "not an image format ImageIO can decode", null);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getRaster().getNumBands() == 1 || img.getColorModel() instanceof IndexColorModel) {
      return new Mask(img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null), h, w);
    }
    return new Mask(Image.of(img, ImageMode.GREY).pixelsNoCopy(), h, w);
  }

  /** The width in pixels. */
  public int width() {
    return width;
  }

  /** The height in pixels. */
  public int height() {
    return height;
  }

  /** The code at row {@code y}, column {@code x}. */
  public int get(int y, int x) {
    return codes[y * width + x];
  }

  /** A copy of the codes, row-major. */
  public int[] codes() {
    return codes.clone();
  }

  int[] codesNoCopy() {
    return codes;
  }

  /** The {@link TensorMask}: int32 codes {@code [H, W]}. */
  @Override
  public TensorMask toTensor() {
    return new TensorMask(Tensor.of(codes, height, width));
  }

  @Override
  public String toString() {
    return "Mask[" + width + "x" + height + "]";
  }
}
