package org.boarfish.vision;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.boarfish.data.Item;
import org.boarfish.data.TensorImage;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * A decoded picture, RGB or grey, like fastai's {@code PILImage}: its pixels are 0..255 integers in
 * a Java array, channel-major ({@code [C, H, W]}). {@link #toTensor()} makes the {@link
 * TensorImage} that collation stacks into a batch (one ND4J array per batch, not per image).
 *
 * <pre>{@code
 * var img = Image.open(Path.of("cat.jpg"));     // Image[RGB 500x375]
 * img.width(); img.height();                    // 500, 375
 * var t = img.toFloatTensor();                  // [3, 375, 500] float32 in [0, 1]
 * }</pre>
 *
 * <p>Files are read with {@code javax.imageio} plus the TwelveMonkeys plugins on the class path:
 * PNG, JPEG (including CMYK and YCCK), BMP, GIF, WebP. An unreadable file is an {@link
 * ImageReadException} naming it.
 */
public final class Image implements Item {
  static {
    ImageIO.setUseCache(false); // no temporary files while decoding streams
  }

  private final int[] pixels;
  private final int channels;
  private final int height;
  private final int width;

  private Image(int[] pixels, int channels, int height, int width) {
    this.pixels = pixels;
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * An image of {@code channels x height x width} pixels (0..255, channel-major). The array is used
   * as it is: don't change it afterwards.
   */
  public static Image ofPixels(int[] pixels, int channels, int height, int width) {
    Objects.requireNonNull(pixels, "pixels");
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException(
          "Image: channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "Image: height and width must be positive, got " + height + "x" + width);
    }
    if ((long) channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "Image: "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " needs "
              + (long) channels * height * width
              + " pixels but "
              + pixels.length
              + " were given");
    }
    return new Image(pixels, channels, height, width);
  }

  /** Reads an image file as RGB. */
  public static Image open(Path file) {
    return open(file, ImageMode.RGB);
  }

  /** Reads an image file in the given mode (colour converted to grey, or grey repeated to RGB). */
  public static Image open(Path file, ImageMode mode) {
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
      throw new ImageReadException(
          file,
          "not an image format ImageIO can decode (readers: PNG, JPEG, BMP, GIF, WebP); "
              + "check the file or remove it from the folder",
          null);
    }
    return of(img, mode);
  }

  /** An image from a {@link BufferedImage}, converted to {@code mode}. */
  public static Image of(BufferedImage img, ImageMode mode) {
    int w = img.getWidth();
    int h = img.getHeight();
    int n = w * h;
    int[] grey = null;
    int[] rgb = null;
    Raster r = img.getRaster();
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      grey = r.getSamples(0, 0, w, h, 0, (int[]) null);
    } else if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
        && r.getDataBuffer() instanceof DataBufferByte db
        && db.getNumBanks() == 1
        && r.getSampleModelTranslateX() == 0
        && r.getSampleModelTranslateY() == 0) {
      byte[] b = db.getData();
      rgb = new int[3 * n];
      for (int i = 0, j = 0; i < n; i++, j += 3) {
        rgb[i] = b[j + 2] & 0xFF;
        rgb[n + i] = b[j + 1] & 0xFF;
        rgb[2 * n + i] = b[j] & 0xFF;
      }
    } else {
      int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
      rgb = new int[3 * n];
      for (int i = 0; i < n; i++) {
        int p = argb[i];
        rgb[i] = (p >> 16) & 0xFF;
        rgb[n + i] = (p >> 8) & 0xFF;
        rgb[2 * n + i] = p & 0xFF;
      }
    }
    if (mode == ImageMode.GREY) {
      if (grey == null) {
        grey = new int[n];
        for (int i = 0; i < n; i++) {
          grey[i] = (rgb[i] * 299 + rgb[n + i] * 587 + rgb[2 * n + i] * 114) / 1000;
        }
      }
      return new Image(grey, 1, h, w);
    }
    if (rgb == null) {
      rgb = new int[3 * n];
      System.arraycopy(grey, 0, rgb, 0, n);
      System.arraycopy(grey, 0, rgb, n, n);
      System.arraycopy(grey, 0, rgb, 2 * n, n);
    }
    return new Image(rgb, 3, h, w);
  }

  /** The width in pixels. */
  public int width() {
    return width;
  }

  /** The height in pixels. */
  public int height() {
    return height;
  }

  /** The number of channels: 3 for RGB, 1 for grey. */
  public int channels() {
    return channels;
  }

  /** The mode. */
  public ImageMode mode() {
    return channels == 3 ? ImageMode.RGB : ImageMode.GREY;
  }

  /** {@code [C, H, W]}. */
  public long[] shape() {
    return new long[] {channels, height, width};
  }

  /** The pixel at channel {@code c}, row {@code y}, column {@code x}. */
  public int get(int c, int y, int x) {
    return pixels[(c * height + y) * width + x];
  }

  /** A copy of the pixels, channel-major. */
  public int[] pixels() {
    return pixels.clone();
  }

  int[] pixelsNoCopy() {
    return pixels;
  }

  /** The same picture in another mode. */
  public Image convert(ImageMode mode) {
    return mode == mode() ? this : of(toBufferedImage(), mode);
  }

  /**
   * The {@link TensorImage} of int32 pixels {@code [C, H, W]} (there is no uint8 tensor type), kept
   * in Java until collation.
   */
  @Override
  public TensorImage toTensor() {
    return TensorImage.ofPixels(pixels, channels, height, width);
  }

  /** The pixels as a float32 tensor {@code [C, H, W]} in [0, 1]. */
  public Tensor toFloatTensor() {
    float[] f = new float[pixels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = pixels[i] / 255f;
    }
    return Tensor.of(f, channels, height, width);
  }

  /** An image from a tensor {@code [C, H, W]} of 0..255 values (any numeric type, rounded). */
  public static Image fromTensor(Tensor t) {
    if (t.dim() != 3) {
      throw new IllegalArgumentException(
          "Image.fromTensor: expected a [C, H, W] tensor, got shape "
              + java.util.Arrays.toString(t.shape()));
    }
    double[] v = t.to(DType.FLOAT64).toDoubleArray();
    int[] p = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      p[i] = (int) Math.max(0, Math.min(255, Math.round(v[i])));
    }
    return ofPixels(p, (int) t.size(0), (int) t.size(1), (int) t.size(2));
  }

  /** The picture as a {@link BufferedImage} (grey or RGB). */
  public BufferedImage toBufferedImage() {
    int n = width * height;
    if (channels == 1) {
      BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster().setSamples(0, 0, width, height, 0, pixels);
      return img;
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] argb = new int[n];
    for (int i = 0; i < n; i++) {
      argb[i] = (pixels[i] << 16) | (pixels[n + i] << 8) | pixels[2 * n + i];
    }
    img.setRGB(0, 0, width, height, argb, 0, width);
    return img;
  }

  @Override
  public String toString() {
    return "Image[" + mode() + " " + width + "x" + height + "]";
  }
}
