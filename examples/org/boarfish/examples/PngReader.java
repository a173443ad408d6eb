package org.boarfish.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.boarfish.tensor.Tensor;

/**
 * Reads a grey PNG as an int32 [1, H, W] tensor of 0..255 values: the getter of the examples until
 * the vision application's ImageBlock exists.
 */
public final class PngReader {
  private PngReader() {}

  /** The pixels of {@code file} (a {@link Path}); colour images are averaged to grey. */
  public static Tensor read(Object file) {
    Path path = (Path) file;
    BufferedImage img;
    try {
      img = ImageIO.read(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + path, e);
    }
    if (img == null) {
      throw new IllegalArgumentException("not a readable image: " + path + " (expected a PNG)");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int bands = img.getRaster().getNumBands();
    int[] px = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
    if (bands > 1) {
      int[] grey = new int[w * h];
      for (int i = 0; i < grey.length; i++) {
        int sum = 0;
        for (int b = 0; b < Math.min(3, bands); b++) {
          sum += px[i * bands + b];
        }
        grey[i] = sum / Math.min(3, bands);
      }
      px = grey;
    }
    return Tensor.of(px, 1, h, w);
  }
}
