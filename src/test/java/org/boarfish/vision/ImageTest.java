package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.boarfish.data.TensorImage;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading images: formats, modes, tensors, unreadable files, getImageFiles. */
class ImageTest {
  @TempDir Path tmp;

  @Test
  void readsGreyPngOfMnistTinyExactly() throws IOException {
    Path f = VisionFiles.shared("mnist-tiny").resolve("train/3/7463.png");
    Image img = Image.open(f, ImageMode.GREY);
    BufferedImage ref = ImageIO.read(f.toFile());
    int[] raw = ref.getRaster().getSamples(0, 0, 28, 28, 0, (int[]) null);
    assertEquals("Image[GREY 28x28]", img.toString());
    assertArrayEquals(raw, img.pixels());
    Image rgb = Image.open(f);
    assertEquals(3, rgb.channels());
    for (int c = 0; c < 3; c++) {
      assertEquals(img.get(0, 14, 14), rgb.get(c, 14, 14));
    }
    TensorImage t = rgb.toTensor();
    assertArrayEquals(new long[] {3, 28, 28}, t.tensor().shape());
    Tensor ft = img.toFloatTensor();
    assertEquals(img.get(0, 10, 12) / 255f, ft.toFloatArray()[10 * 28 + 12], 1e-7f);
  }

  @Test
  void readsRgbPngAndBmpAndConvertsToGreyLikePil() throws IOException {
    BufferedImage b = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    b.setRGB(0, 0, 0xFF0000);
    b.setRGB(1, 0, 0x00FF00);
    b.setRGB(2, 0, 0x0000FF);
    b.setRGB(0, 1, 0x102030);
    for (String fmt : new String[] {"png", "bmp"}) {
      Path f = tmp.resolve("c." + fmt);
      assertTrue(ImageIO.write(b, fmt, f.toFile()), fmt);
      Image img = Image.open(f);
      assertEquals(255, img.get(0, 0, 0));
      assertEquals(0, img.get(1, 0, 0));
      assertEquals(255, img.get(1, 0, 1));
      assertEquals(255, img.get(2, 0, 2));
      assertEquals(0x30, img.get(2, 1, 0));
      Image g = Image.open(f, ImageMode.GREY);
      // PIL's L = R*299/1000 + G*587/1000 + B*114/1000
      assertEquals(255 * 299 / 1000, g.get(0, 0, 0));
      assertEquals(255 * 587 / 1000, g.get(0, 0, 1));
      assertEquals((0x10 * 299 + 0x20 * 587 + 0x30 * 114) / 1000, g.get(0, 1, 0));
    }
  }

  @Test
  void readsLosslessWebp() {
    Image img = Image.open(VisionFiles.resource("tiny.webp"));
    assertEquals(4, img.width());
    assertEquals(2, img.height());
    int[][] expected = {
      {10, 20, 30}, {200, 20, 30}, {10, 220, 30}, {10, 20, 90},
      {200, 220, 90}, {200, 220, 30}, {10, 220, 90}, {200, 20, 90}
    };
    for (int i = 0; i < 8; i++) {
      int[] px = {img.get(0, i / 4, i % 4), img.get(1, i / 4, i % 4), img.get(2, i / 4, i % 4)};
      assertArrayEquals(expected[i], px, "pixel " + i);
    }
  }

  @Test
  void readsCmykJpegAsRgb() throws IOException {
    Path f = writeCmykJpeg(tmp.resolve("cmyk.jpg"));
    Image img = Image.open(f);
    assertEquals(3, img.channels());
    assertEquals(16, img.width());
    // left half: C=0 M=255 Y=255 K=0, i.e. red; right half: full C, M, Y ink, i.e. near black
    int r = img.get(0, 8, 3);
    int g = img.get(1, 8, 3);
    int b = img.get(2, 8, 3);
    assertTrue(
        r > 180 && g < 90 && b < 90, "left half should be red, got " + r + "," + g + "," + b);
    int k = img.get(0, 8, 12) + img.get(1, 8, 12) + img.get(2, 8, 12);
    assertTrue(k < 150, "right half should be dark, got sum " + k);
  }

  @Test
  void corruptAndTruncatedFilesNameTheFile() throws IOException {
    Path garbage = tmp.resolve("garbage.jpg");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    ImageReadException e = assertThrows(ImageReadException.class, () -> Image.open(garbage));
    assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
    assertEquals(garbage, e.file());

    byte[] png = Files.readAllBytes(VisionFiles.shared("mnist-tiny").resolve("train/3/7463.png"));
    Path cut = tmp.resolve("cut.png");
    Files.write(cut, Arrays.copyOf(png, png.length / 2));
    ImageReadException e2 = assertThrows(ImageReadException.class, () -> Image.open(cut));
    assertTrue(e2.getMessage().contains("cut.png"), e2.getMessage());

    Path missing = tmp.resolve("missing.png");
    assertTrue(
        assertThrows(ImageReadException.class, () -> Image.open(missing))
            .getMessage()
            .contains("no such file"));

    assertEquals(
        List.of(garbage, cut),
        ImageFiles.verifyImages(List.of(garbage, VisionFiles.resource("tiny.webp"), cut)));
  }

  @Test
  void getImageFilesIgnoresOtherFiles() throws IOException {
    Files.createDirectories(tmp.resolve("a/b"));
    Files.writeString(tmp.resolve("a/notes.txt"), "hi");
    Files.writeString(tmp.resolve("a/labels.csv"), "x");
    Files.write(tmp.resolve("a/b/one.PNG"), new byte[1]);
    Files.write(tmp.resolve("a/two.jpeg"), new byte[1]);
    Files.write(tmp.resolve("a/three.webp"), new byte[1]);
    Files.write(tmp.resolve("a/.hidden.png"), new byte[1]);
    assertEquals(
        List.of(tmp.resolve("a/b/one.PNG"), tmp.resolve("a/three.webp"), tmp.resolve("a/two.jpeg")),
        ImageFiles.getImageFiles(tmp));
  }

  /** A 16x16 CMYK JPEG (Adobe YCCK-encoded, as Photoshop writes them) from a 4-band raster. */
  static Path writeCmykJpeg(Path file) throws IOException {
    int w = 16;
    int h = 16;
    WritableRaster r =
        Raster.createWritableRaster(
            new PixelInterleavedSampleModel(
                DataBuffer.TYPE_BYTE, w, h, 4, 4 * w, new int[] {0, 1, 2, 3}),
            null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean left = x < 8;
        // the JDK writer marks 4-band JPEGs as Adobe YCCK: the inverted C, M, Y channels go through
        // YCbCr and K is stored inverted. Red ink (C=0, M=Y=255, K=0) inverted is RGB (255, 0, 0),
        // YCbCr (76, 85, 255), K 255; full C, M, Y ink (inverted 0, 0, 0) is YCbCr (0, 128, 128).
        r.setPixel(x, y, left ? new int[] {76, 85, 255, 255} : new int[] {0, 128, 128, 255});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(r, null, null), null);
    } finally {
      writer.dispose();
    }
    return file;
  }
}
