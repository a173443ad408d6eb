package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.boarfish.data.Blocks;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataException;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Getters;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Splitters;
import org.boarfish.data.TensorCategory;
import org.boarfish.data.TensorImage;
import org.boarfish.data.TensorMask;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageBlock, ImageDataLoaders and SegmentationDataLoaders on the shared datasets. */
class VisionLoadersTest {
  @TempDir Path tmp;

  @Test
  void dataBlockWithImageBlockOnMnistTiny() throws IOException {
    Path path = VisionFiles.shared("mnist-tiny");
    DataBlock dblock =
        DataBlock.builder()
            .blocks(ImageBlock.grey(), Blocks.category())
            .getItems(ImageFiles.imageFiles())
            .getY(Getters.parentLabel())
            .splitter(Splitters.grandparent())
            .itemTfms(new Resize(24))
            .batchTfms(AugTransforms.builder().maxLighting(0).array())
            .batchTfms(Normalize.fromStats(NormStats.MNIST))
            .build();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    dblock.summary(path, 4, new PrintStream(text, true, "UTF-8"));
    String summary = text.toString("UTF-8");
    assertTrue(summary.contains("applying openImage(GREY) gives"), summary);
    assertTrue(summary.contains("TensorImage[4x1x24x24 float32]"), summary);
    try (DataLoaders dls = dblock.dataloaders(path, 16)) {
      // test/ has unlabelled images outside train/ and valid/: the grandparent split leaves them
      // out
      assertEquals(709, dls.train().dataset().size());
      assertEquals(699, dls.valid().dataset().size());
      assertEquals(List.of("3", "7"), dls.vocab().items());
      Tuple b = dls.train().oneBatch();
      assertArrayEquals(new long[] {16, 1, 24, 24}, b.x().shape());
      assertTrue(b.get(1) instanceof TensorCategory);
      Path grid = tmp.resolve("batch.png");
      dls.train().showBatch(9, ImageGrid.shower(grid));
      BufferedImage png = ImageIO.read(grid.toFile());
      assertTrue(png.getWidth() >= 3 * ImageGrid.MIN_CELL, "3 columns of enlarged digits");
    }
  }

  @Test
  void fromFolderFromCsvAndFromNameRe() {
    Path path = VisionFiles.shared("mnist-tiny");
    try (DataLoaders dls =
        ImageDataLoaders.fromFolder(path, ImageOptions.of().bs(8).numWorkers(0))) {
      assertEquals(709, dls.train().dataset().size());
      assertArrayEquals(new long[] {8, 3, 28, 28}, dls.train().oneBatch().x().shape());
    }
    try (DataLoaders dls =
        ImageDataLoaders.fromCsv(
            path, ImageOptions.of().validPct(0.25).seed(7).bs(8).mode(ImageMode.GREY))) {
      assertEquals(1408 - 352, dls.train().dataset().size());
      assertEquals(352, dls.valid().dataset().size());
      assertEquals(List.of("3", "7"), dls.vocab().items());
      assertArrayEquals(new long[] {8, 1, 28, 28}, dls.valid().oneBatch().x().shape());
    }
    List<Path> files = ImageFiles.getImageFiles(path.resolve("valid"));
    try (DataLoaders dls =
        ImageDataLoaders.fromPathFunc(
            path, files, Getters::parentLabel, ImageOptions.of().seed(1).bs(4))) {
      assertEquals(699 - 139, dls.train().dataset().size());
    }
  }

  @Test
  void corruptFileNamesItOrIsSkippedWithOneWarning() throws IOException {
    Path root = tmp.resolve("pets");
    Files.createDirectories(root.resolve("cat"));
    Files.createDirectories(root.resolve("dog"));
    Path src = VisionFiles.shared("mnist-tiny").resolve("train/3");
    List<Path> some = Getters.getFiles(src, ".png").subList(0, 6);
    for (int i = 0; i < 6; i++) {
      Files.copy(some.get(i), root.resolve((i % 2 == 0 ? "cat" : "dog") + "/" + i + ".png"));
    }
    Files.write(root.resolve("dog/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    Files.writeString(root.resolve("cat/readme.txt"), "not an image, ignored");
    List<Path> files = ImageFiles.getImageFiles(root);
    assertEquals(7, files.size());
    ImageOptions opts = ImageOptions.of().validPct(0.0).bs(7).numWorkers(0);
    try (DataLoaders dls = ImageDataLoaders.fromPathFunc(root, files, Getters::parentLabel, opts)) {
      DataException e = assertThrows(DataException.class, () -> dls.train().oneBatch());
      assertTrue(
          String.valueOf(e.getMessage()).contains("broken.png")
              || String.valueOf(e.getCause()).contains("broken.png"),
          e.toString());
    }
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try (DataLoaders dls =
        ImageDataLoaders.fromPathFunc(
            root,
            files,
            Getters::parentLabel,
            ImageOptions.of().validPct(0.0).bs(6).skipCorrupt(true).numWorkers(0))) {
      assertEquals(6, dls.train().dataset().size());
      assertArrayEquals(new long[] {6, 3, 28, 28}, dls.train().oneBatch().x().shape());
    } finally {
      System.setErr(err);
    }
    String warning = captured.toString();
    assertEquals(1, warning.lines().count(), warning);
    assertTrue(
        warning.contains("skipping 1 unreadable image file of 7") && warning.contains("broken.png"),
        warning);
  }

  @Test
  void segmentationLoadersCropImagesAndMasksTogether() throws IOException {
    Path path = VisionFiles.shared("camvid-tiny");
    List<String> codes = Files.readAllLines(path.resolve("codes.txt"));
    List<Path> fnames = ImageFiles.getImageFiles(path.resolve("images"));
    ImageOptions o =
        ImageOptions.of()
            .seed(42)
            .bs(4)
            .numWorkers(0)
            .itemTfms(new Resize(48))
            .batchTfms(AugTransforms.builder().size(40).array());
    try (DataLoaders dls =
        SegmentationDataLoaders.fromLabelFunc(
            path, fnames, f -> path.resolve("labels").resolve(stem(f) + "_P.png"), codes, o)) {
      assertEquals(80, dls.train().dataset().size());
      assertEquals(20, dls.valid().dataset().size());
      assertEquals(32, dls.c());
      Tuple b = dls.train().oneBatch();
      assertArrayEquals(new long[] {4, 3, 40, 40}, ((TensorImage) b.get(0)).tensor().shape());
      TensorMask m = (TensorMask) b.get(1);
      assertArrayEquals(new long[] {4, 40, 40}, m.tensor().shape());
      for (long c : m.tensor().toLongArray()) {
        assertTrue(c >= 0 && c < 32, "code " + c);
      }
      dls.train().showBatch(4, ImageGrid.shower(tmp.resolve("seg.png")));
      assertTrue(Files.size(tmp.resolve("seg.png")) > 1000);
    }
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  @Test
  void pointBlockMovesPointsWithTheImage() {
    Path img = VisionFiles.shared("mnist-tiny").resolve("train/3/7463.png");
    List<Object> items = new ArrayList<>(List.of(img, img, img, img));
    DataBlock db =
        DataBlock.builder()
            .blocks(ImageBlock.rgb(), PointBlock.create())
            .getY(p -> new float[] {14f, 7f})
            .splitter(Splitters.index())
            .itemTfms(new Resize(14, ResizeMethod.SQUISH))
            .build();
    try (DataLoaders dls = db.dataloaders(items, 4)) {
      Tuple b = dls.valid().toBuilder().dataset(dls.train().dataset()).build().oneBatch();
      TensorPoints p = (TensorPoints) b.get(1);
      assertArrayEquals(new long[] {4, 1, 2}, p.tensor().shape());
      // (14, 7) of 28x28 -> (7, 3.5) of 14x14 -> scaled to [-1, 1]: (0, -0.5)
      assertArrayEquals(
          new float[] {0f, -0.5f}, java.util.Arrays.copyOf(p.tensor().toFloatArray(), 2), 1e-6f);
    }
  }
}
