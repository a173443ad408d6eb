package org.boarfish.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.boarfish.data.TensorImage;
import org.boarfish.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader benchmark's PNG decoder against ImageIO. */
class PngDecoderTest {
  @TempDir Path tmp;

  static long[] toLong(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** ImageIO's pixels as [C, H, W]. */
  static int[] imageIoPixels(BufferedImage img) {
    var r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    int c = r.getNumBands();
    int[] px = r.getPixels(0, 0, w, h, (int[]) null);
    int[] out = new int[px.length];
    for (int i = 0; i < w * h; i++) {
      for (int k = 0; k < c; k++) {
        out[k * w * h + i] = px[i * c + k];
      }
    }
    return out;
  }

  /** Smooth gradients plus noise, so ImageIO's writer uses every row filter. */
  static BufferedImage picture(int type, int w, int h, long seed) {
    var img = new BufferedImage(w, h, type);
    WritableRaster r = img.getRaster();
    Random rnd = new Random(seed);
    int max = type == BufferedImage.TYPE_USHORT_GRAY ? 65535 : 255;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < r.getNumBands(); b++) {
          int v = (x * 7 + y * 3 + b * 50) % 256 + (rnd.nextInt(5) - 2);
          r.setSample(
              x, y, b, Math.max(0, Math.min(max, max == 255 ? v : v * 257 + rnd.nextInt(200))));
        }
      }
    }
    return img;
  }

  @Test
  void decodesLikeImageIoForGreyRgbRgbaAnd16Bit() throws IOException {
    int[] types = {
      BufferedImage.TYPE_BYTE_GRAY,
      BufferedImage.TYPE_3BYTE_BGR,
      BufferedImage.TYPE_4BYTE_ABGR,
      BufferedImage.TYPE_USHORT_GRAY
    };
    int[] channels = {1, 3, 4, 1};
    for (int t = 0; t < types.length; t++) {
      for (int[] size : new int[][] {{28, 28}, {1, 1}, {37, 5}, {3, 64}}) {
        var img = picture(types[t], size[0], size[1], t * 100 + size[0]);
        Path f = tmp.resolve("img" + t + "_" + size[0] + "x" + size[1] + ".png");
        assertTrue(ImageIO.write(img, "png", f.toFile()));
        TensorImage got = PngDecoder.read(f);
        long[] shape = new long[3];
        assertArrayEquals(
            got.tensor().toLongArray(),
            toLong(PngDecoder.decode(Files.readAllBytes(f), shape)),
            "decoded by PngDecoder itself, not the ImageIO fallback");
        BufferedImage back = ImageIO.read(f.toFile());
        assertArrayEquals(new long[] {channels[t], size[1], size[0]}, got.tensor().shape());
        assertArrayEquals(
            toLong(imageIoPixels(back)),
            got.tensor().toLongArray(),
            "type " + types[t] + " " + size[0] + "x" + size[1]);
        assertEquals(DType.INT32, got.tensor().dtype());
      }
    }
  }

  @Test
  void paletteImagesGoThroughImageIoAsRgb() throws IOException {
    byte[] red = {0, (byte) 255, 10};
    byte[] green = {0, 0, 20};
    byte[] blue = {0, 0, (byte) 230};
    var img =
        new BufferedImage(
            3, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, red, green, blue));
    img.getRaster().setPixels(0, 0, 3, 2, new int[] {0, 1, 2, 2, 1, 0});
    Path f = tmp.resolve("palette.png");
    assertTrue(ImageIO.write(img, "png", f.toFile()));
    TensorImage got = PngDecoder.read(f);
    assertArrayEquals(new long[] {3, 2, 3}, got.tensor().shape());
    assertArrayEquals(
        toLong(new int[] {0, 255, 10, 10, 255, 0, 0, 0, 20, 20, 0, 0, 0, 0, 230, 230, 0, 0}),
        got.tensor().toLongArray());
  }

  @Test
  void matchesImageIoOnTheMnistSample() throws IOException {
    Path root =
        Path.of(System.getProperty("boarfish.shared", "../shared"), "data", "mnist_sample", "train")
            .resolve("3");
    List<Path> files;
    try (Stream<Path> s = Files.list(root)) {
      files = s.sorted().limit(50).toList();
    }
    assertEquals(50, files.size());
    for (Path f : files) {
      TensorImage got = PngDecoder.read(f);
      assertArrayEquals(
          toLong(imageIoPixels(ImageIO.read(f.toFile()))),
          got.tensor().toLongArray(),
          f.toString());
      assertEquals("TensorImage[1x28x28 int32]", got.toString());
    }
  }

  @Test
  void brokenFilesFailWithTheirName() throws IOException {
    var img = picture(BufferedImage.TYPE_BYTE_GRAY, 20, 20, 1);
    Path f = tmp.resolve("cut.png");
    ImageIO.write(img, "png", f.toFile());
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
    var e = assertThrows(UncheckedIOException.class, () -> PngDecoder.read(f));
    assertTrue(e.getMessage().contains("cut.png"), e.getMessage());
    Path missing = tmp.resolve("missing.png");
    assertTrue(
        assertThrows(UncheckedIOException.class, () -> PngDecoder.read(missing))
            .getMessage()
            .contains("missing.png"));
    Path text = tmp.resolve("text.png");
    Files.writeString(text, "not an image");
    assertTrue(
        assertThrows(UncheckedIOException.class, () -> PngDecoder.read(text))
            .getMessage()
            .contains("text.png"));
  }
}
