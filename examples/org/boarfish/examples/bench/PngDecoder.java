package org.boarfish.examples.bench;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.boarfish.data.TensorImage;

/**
 * Reads image files into {@link TensorImage}s of int32 pixels {@code [C, H, W]} held in Java arrays
 * ({@link TensorImage#ofPixels}), for a DataBlock's {@code getX}: {@code .getX(Path.class,
 * PngDecoder::read)}. Grey images have 1 channel, grey + alpha 2, RGB 3, RGBA 4.
 *
 * <p>Non-interlaced 8- and 16-bit PNGs (grey, grey + alpha, RGB, RGBA: what datasets hold) are
 * decoded here, rows straight into the pixel array with one reused {@link Inflater} per thread:
 * about 4x faster than {@code ImageIO.read} (8 vs 28 us for a 28x28 MNIST digit) and with almost no
 * garbage (ImageIO makes ~35 KB per image). Anything else (palette, interlaced, 1/2/4-bit PNGs,
 * other formats) goes through {@link ImageIO}; palette images become RGB, or RGBA if the palette
 * has transparency. Image IO belongs to the vision application (DESIGN.md); this lives with the
 * loader benchmark until vision has its reader.
 */
final class PngDecoder {
  private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);
  private static final long SIGNATURE = 0x89504E470D0A1A0AL;
  private static final int IHDR = 0x49484452;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454E44;

  private PngDecoder() {}

  /**
   * The image in {@code file} (PNG, or any format ImageIO reads) as int32 pixels {@code [C, H, W]}.
   */
  static TensorImage read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file, e);
    }
    try {
      long[] shape = new long[3];
      int[] px = decode(bytes, shape);
      return px != null ? TensorImage.ofPixels(px, shape) : viaImageIO(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The pixels {@code [C, H, W]} of the PNG in {@code b}, with its shape written to {@code shape};
   * null if it is not a PNG this decoder handles.
   */
  static int[] decode(byte[] b, long[] shape) throws IOException {
    if (b.length < 8 + 25 || getLong(b, 0) != SIGNATURE || getInt(b, 12) != IHDR) {
      return null;
    }
    int w = getInt(b, 16);
    int h = getInt(b, 20);
    int depth = b[24] & 255;
    int colorType = b[25] & 255;
    int channels =
        switch (colorType) {
          case 0 -> 1;
          case 2 -> 3;
          case 4 -> 2;
          case 6 -> 4;
          default -> 0;
        };
    if (channels == 0
        || (depth != 8 && depth != 16)
        || b[26] != 0
        || b[27] != 0
        || b[28] != 0
        || w <= 0
        || h <= 0) {
      return null; // palette, low bit depth, interlaced or unknown methods: ImageIO
    }
    int sampleBytes = depth / 8;
    int bpp = channels * sampleBytes;
    long strideL = (long) w * bpp;
    long rawLen = (strideL + 1) * h;
    if (rawLen > Integer.MAX_VALUE - 16 || (long) w * h * channels > Integer.MAX_VALUE - 16) {
      throw new IOException("PNG too large: " + w + "x" + h);
    }
    int stride = (int) strideL;
    byte[] raw = new byte[(int) rawLen];
    Inflater inf = INFLATER.get();
    inf.reset();
    int filled = 0;
    int pos = 8;
    try {
      while (pos + 8 <= b.length) {
        int len = getInt(b, pos);
        int type = getInt(b, pos + 4);
        int data = pos + 8;
        if (len < 0 || data + (long) len > b.length) {
          throw new IOException("truncated PNG chunk");
        }
        if (type == IDAT) {
          inf.setInput(b, data, len);
          while (filled < raw.length && !inf.needsInput() && !inf.finished()) {
            int k = inf.inflate(raw, filled, raw.length - filled);
            if (k == 0 && inf.needsDictionary()) {
              throw new IOException("PNG data needs a preset dictionary");
            }
            filled += k;
          }
        } else if (type == IEND) {
          break;
        }
        pos = data + len + 4; // data and CRC
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt PNG image data: " + e.getMessage(), e);
    }
    if (filled < raw.length) {
      throw new IOException(
          "PNG image data ends early (" + filled + " of " + raw.length + " bytes)");
    }
    int[] out = new int[w * h * channels];
    unfilter(raw, h, stride, bpp);
    int plane = w * h;
    for (int y = 0; y < h; y++) {
      int s = y * (stride + 1) + 1;
      int o = y * w;
      if (sampleBytes == 1) {
        if (channels == 1) {
          for (int x = 0; x < w; x++) {
            out[o + x] = raw[s + x] & 255;
          }
        } else {
          for (int x = 0; x < w; x++) {
            for (int c = 0; c < channels; c++) {
              out[c * plane + o + x] = raw[s + x * channels + c] & 255;
            }
          }
        }
      } else {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < channels; c++) {
            int i = s + (x * channels + c) * 2;
            out[c * plane + o + x] = ((raw[i] & 255) << 8) | (raw[i + 1] & 255);
          }
        }
      }
    }
    shape[0] = channels;
    shape[1] = h;
    shape[2] = w;
    return out;
  }

  /** Undoes the PNG row filters in place (each row: a filter byte, then {@code stride} bytes). */
  private static void unfilter(byte[] raw, int h, int stride, int bpp) throws IOException {
    for (int y = 0; y < h; y++) {
      int r = y * (stride + 1);
      int s = r + 1;
      int up = s - (stride + 1); // the previous row's data; only read when y > 0
      int filter = raw[r];
      switch (filter) {
        case 0 -> {}
        case 1 -> {
          for (int i = bpp; i < stride; i++) {
            raw[s + i] += raw[s + i - bpp];
          }
        }
        case 2 -> {
          if (y > 0) {
            for (int i = 0; i < stride; i++) {
              raw[s + i] += raw[up + i];
            }
          }
        }
        case 3 -> {
          for (int i = 0; i < stride; i++) {
            int a = i >= bpp ? raw[s + i - bpp] & 255 : 0;
            int u = y > 0 ? raw[up + i] & 255 : 0;
            raw[s + i] += (byte) ((a + u) >>> 1);
          }
        }
        case 4 -> {
          for (int i = 0; i < stride; i++) {
            int a = i >= bpp ? raw[s + i - bpp] & 255 : 0;
            int u = y > 0 ? raw[up + i] & 255 : 0;
            int c = i >= bpp && y > 0 ? raw[up + i - bpp] & 255 : 0;
            int p = a + u - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - u);
            int pc = Math.abs(p - c);
            raw[s + i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? u : c);
          }
        }
        default ->
            throw new IOException("unknown PNG row filter " + (filter & 255) + " in row " + y);
      }
    }
  }

  private static TensorImage viaImageIO(byte[] bytes) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    if (img == null) {
      throw new IOException("not an image format ImageIO reads");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int plane = w * h;
    if (img.getColorModel() instanceof IndexColorModel icm) {
      int channels = icm.hasAlpha() ? 4 : 3;
      int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
      int[] out = new int[plane * channels];
      for (int i = 0; i < plane; i++) {
        out[i] = (argb[i] >>> 16) & 255;
        out[plane + i] = (argb[i] >>> 8) & 255;
        out[2 * plane + i] = argb[i] & 255;
        if (channels == 4) {
          out[3 * plane + i] = argb[i] >>> 24;
        }
      }
      return TensorImage.ofPixels(out, channels, h, w);
    }
    Raster r = img.getRaster();
    int channels = r.getNumBands();
    int[] px = r.getPixels(0, 0, w, h, (int[]) null);
    int[] out = new int[plane * channels];
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < channels; c++) {
        out[c * plane + i] = px[i * channels + c];
      }
    }
    return TensorImage.ofPixels(out, channels, h, w);
  }

  private static int getInt(byte[] b, int i) {
    return ((b[i] & 255) << 24)
        | ((b[i + 1] & 255) << 16)
        | ((b[i + 2] & 255) << 8)
        | (b[i + 3] & 255);
  }

  private static long getLong(byte[] b, int i) {
    return ((long) getInt(b, i) << 32) | (getInt(b, i + 4) & 0xFFFFFFFFL);
  }
}
