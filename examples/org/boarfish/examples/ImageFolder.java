package org.boarfish.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.boarfish.tensor.Tensor;

/**
 * A minimal loader for the quickstart until the data layer exists: grey images in {@code root/<label>/*.png},
 * flattened to [N, H·W] floats in [0, 1] with int64 labels indexed by the sorted label names.
 */
record ImageFolder(Tensor x, Tensor y, List<String> classes) {

  static ImageFolder load(Path root, List<String> classes) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("no image folder at " + root + " (expected " + root + "/<label>/*.png)");
    }
    List<float[]> pixels = new ArrayList<>();
    List<Long> labels = new ArrayList<>();
    int size = -1;
    for (int c = 0; c < classes.size(); c++) {
      Path dir = root.resolve(classes.get(c));
      for (Path file : list(dir)) {
        float[] p = grey(file);
        if (size >= 0 && p.length != size) {
          throw new IllegalArgumentException("image " + file + " has " + p.length + " pixels, the others " + size);
        }
        size = p.length;
        pixels.add(p);
        labels.add((long) c);
      }
    }
    if (pixels.isEmpty()) {
      throw new IllegalArgumentException("no images found under " + root);
    }
    float[] flat = new float[pixels.size() * size];
    for (int i = 0; i < pixels.size(); i++) {
      System.arraycopy(pixels.get(i), 0, flat, i * size, size);
    }
    long[] y = labels.stream().mapToLong(Long::longValue).toArray();
    return new ImageFolder(Tensor.of(flat, pixels.size(), size), Tensor.of(y, y.length), classes);
  }

  /** The label folder names under root, sorted. */
  static List<String> classesOf(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static float[] grey(Path file) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file, e);
    }
    if (img == null) {
      throw new IllegalArgumentException("not a readable image: " + file);
    }
    float[] out = new float[img.getWidth() * img.getHeight()];
    for (int r = 0; r < img.getHeight(); r++) {
      for (int c = 0; c < img.getWidth(); c++) {
        int rgb = img.getRGB(c, r);
        out[r * img.getWidth() + c] = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / (3f * 255f);
      }
    }
    return out;
  }
}
