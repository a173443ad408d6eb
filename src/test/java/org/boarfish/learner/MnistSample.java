package org.boarfish.learner;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Getters;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.tensor.Tensor;

/**
 * ../shared/data/mnist_sample (3 vs 7, 28×28 grey PNGs in train/ and valid/) through a DataBlock.
 */
final class MnistSample {
  private MnistSample() {}

  static Path path() {
    String shared = System.getProperty("boarfish.shared", "../shared");
    return Path.of(shared, "data", "mnist_sample");
  }

  /** The pixels of a grey PNG as an int32 tensor [1, H, W] of 0..255. */
  static Tensor readPng(Object file) {
    try {
      BufferedImage img = ImageIO.read(((Path) file).toFile());
      if (img == null) {
        throw new IllegalArgumentException(file + " is not an image ImageIO can read");
      }
      Raster r = img.getRaster();
      int w = img.getWidth();
      int h = img.getHeight();
      int[] px = r.getSamples(0, 0, w, h, 0, new int[w * h]);
      return Tensor.of(px, 1, h, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DataBlock block() {
    return DataBlock.builder()
        .blocks(Blocks.tensorImage(), Blocks.category())
        .getItems(Getters.files(".png"))
        .getX(MnistSample::readPng)
        .getY(Getters.parentLabel())
        .splitter(Splitters.grandparent())
        .batchTfms(Normalize.fromStats(NormStats.MNIST))
        .build();
  }

  static DataLoaders dls(int bs) {
    return block().dataloaders(path(), bs);
  }
}
