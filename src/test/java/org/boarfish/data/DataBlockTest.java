package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** DataBlock end to end on the PNGs of mnist_sample: datasets, loaders, summary, test loaders. */
class DataBlockTest {
  static final Path MNIST_SAMPLE = SplittersTest.MNIST_SAMPLE;

  /** What vision's ImageBlock will do: a grey PNG as an int32 [1, H, W] tensor of 0..255 values. */
  static Tensor readPng(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      int w = img.getWidth();
      int h = img.getHeight();
      int[] px = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
      return Tensor.of(px, 1, h, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DataBlock.Builder mnist() {
    return DataBlock.builder()
        .blocks(Blocks.tensorImage(), Blocks.category())
        .getItems(Getters.files(".png"))
        .getX(Path.class, DataBlockTest::readPng)
        .getY(Getters.parentLabel())
        .splitter(Splitters.grandparent());
  }

  @Test
  void folderOfPngsToDataLoaders() {
    var dblock = mnist().batchTfms(Normalize.fromStats(NormStats.MNIST)).build();
    try (var dls = dblock.dataloaders(MNIST_SAMPLE, 64)) {
      assertEquals(2102 / 64, dls.train().length(), "train drops its last batch");
      assertEquals((2038 + 63) / 64, dls.valid().length(), "valid keeps every item");
      assertEquals(List.of("3", "7"), dls.vocab().items());
      assertEquals(2, dls.c());
      assertEquals(LossHint.CROSS_ENTROPY, dls.lossHint());

      Tuple b = dls.train().oneBatch();
      assertInstanceOf(TensorImage.class, b.get(0));
      assertArrayEquals(new long[] {64, 1, 28, 28}, b.x().shape());
      assertEquals(DType.FLOAT32, b.x().dtype());
      assertArrayEquals(new long[] {64}, b.y().shape());
      assertEquals(DType.INT64, b.y().dtype());
      float mean = b.x().mean().toFloatArray()[0];
      assertTrue(Math.abs(mean) < 0.3, "normalised with MNIST stats, mean " + mean);

      Tuple v = dls.valid().oneBatch();
      List<Tuple> decoded = dls.valid().decodeBatch(v, 4);
      Path first = (Path) ((Datasets) dls.valid().dataset()).rawItem(0);
      assertEquals(new Category(Getters.parentLabel(first), 0), decoded.get(0).get(1));
      Tensor pixels = ((TensorImage) decoded.get(0).get(0)).tensor();
      assertArrayEquals(
          readPng(first).toLongArray(),
          pixels.toLongArray(),
          "decoding gives the PNG's pixels back");

      int batches = 0;
      for (Tuple t : dls.valid()) {
        batches++;
        assertEquals(t.x().size(0), t.y().size(0));
      }
      assertEquals(dls.valid().length(), batches);
    }
  }

  @Test
  void summaryWalksEveryStep() {
    var bytes = new ByteArrayOutputStream();
    var dblock = mnist().batchTfms(new Normalize()).build();
    dblock.summary(MNIST_SAMPLE, 4, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String s = bytes.toString(StandardCharsets.UTF_8);
    for (String step :
        List.of(
            "Collecting items from",
            "Found 4140 items",
            "2 datasets of sizes 2102,2038",
            "Setting up Pipeline: getX -> TensorImage",
            "Setting up Pipeline: parentLabel -> Categorize(vocab=['3', '7'])",
            "Building one sample",
            "applying getX gives",
            "Tensor[1x28x28 int32]",
            "applying TensorImage gives",
            "TensorImage[1x28x28 int32]",
            "applying parentLabel gives",
            "'3' (String)",
            "Category[3, index 0]",
            "Final sample: (TensorImage[1x28x28 int32], Category[3, index 0])",
            "Collecting items into a batch of size 4",
            "Applying item_tfms to the first sample",
            "applying ToTensor gives",
            "Adding the next 3 samples",
            "No before_batch transform to apply",
            "Collating items in a batch",
            "(TensorImage[4x1x28x28 int32], TensorCategory[4 int64])",
            "Applying batch_tfms to the batch built",
            "applying IntToFloatTensor(div=255) gives",
            "(TensorImage[4x1x28x28 float32], TensorCategory[4 int64])",
            "applying Normalize(mean=")) {
      assertTrue(s.contains(step), "missing '" + step + "' in\n" + s);
    }
  }

  @Test
  void summaryNamesTheFailingStepAndItem() {
    var bytes = new ByteArrayOutputStream();
    var dblock =
        mnist().blocks(Blocks.tensorImage(), Blocks.category(List.of("7"), true, false)).build();
    var e =
        assertThrows(
            DataException.class,
            () ->
                dblock.summary(
                    MNIST_SAMPLE, 4, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    String s = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        s.contains("Error! The step 'applying Categorize(vocab=['7'])' failed on item 0"), s);
    assertTrue(s.contains("train/3/"), s);
    assertTrue(e.getMessage().contains("'3'"), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertEquals(0, e.itemIndex().orElseThrow());
  }

  @Test
  void testDlReusesTheValidationTransforms() {
    var dblock = mnist().build();
    try (var dls =
        dblock.dataloaders(MNIST_SAMPLE, LoaderConfig.defaults().withBs(16).withNumWorkers(1))) {
      List<Path> files =
          Getters.getFiles(MNIST_SAMPLE.resolve("valid").resolve("7"), ".png").subList(0, 10);
      try (var test = dls.testDl(files)) {
        assertEquals(1, test.length());
        Tuple b = test.oneBatch();
        assertEquals(1, b.size(), "no labels");
        assertArrayEquals(new long[] {10, 1, 28, 28}, b.x().shape());
        assertEquals(DType.FLOAT32, b.x().dtype(), "the batch transforms ran");
      }
      try (var labelled = dls.testDl(files, true)) {
        Tuple b = labelled.oneBatch();
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, b.y().toLongArray());
      }
    }
  }

  @Test
  void builderChecksAtOnce() {
    assertThrows(IllegalStateException.class, () -> DataBlock.builder().build());
    assertThrows(
        IllegalStateException.class,
        () ->
            DataBlock.builder()
                .blocks(Blocks.transform(), Blocks.category())
                .getX(o -> o)
                .getters(List.of(o -> o, o -> o))
                .build());
    assertThrows(
        IllegalStateException.class,
        () -> DataBlock.builder().blocks(Blocks.category()).nInp(2).build());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> mnist().build().datasets(MNIST_SAMPLE.resolve("missing")));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void multiLabelAndRegressionBlocksFromRows() {
    List<Row> rows = Csv.parse("x,tags,score\n1,a b,0.5\n2,b,1.5\n3,c a,2.5\n4,,3.5\n", ',');
    var multi =
        DataBlock.builder()
            .blocks(Blocks.regression(), Blocks.multiCategory())
            .getX(ColReader.of("x"))
            .getY(ColReader.of("tags").labelDelim(" "))
            .splitter(Splitters.index(3))
            .build();
    try (var dls = multi.dataloaders(rows, LoaderConfig.defaults().withBs(3).withNumWorkers(0))) {
      assertEquals(LossHint.BCE_WITH_LOGITS, dls.lossHint());
      assertEquals(3, dls.c());
      Tuple b = dls.train().oneBatch();
      assertArrayEquals(new long[] {3, 3}, b.y().shape());
      assertEquals(5, (int) b.y().sum().item(), "training rows with 2, 1 and 2 labels");
      var valid = (MultiCategory) dls.valid().decodeBatch(dls.valid().oneBatch()).get(0).get(1);
      assertTrue(valid.labels().isEmpty(), "row 4 has no tags: " + valid);
      for (Tuple s : dls.train().decodeBatch(b)) {
        var m = (MultiCategory) s.get(1);
        assertEquals(m.size(), m.labels().size(), "labels decoded: " + m);
      }
    }
    var reg =
        DataBlock.builder()
            .blocks(Blocks.transform(), Blocks.regression())
            .getX(ColReader.of("x"))
            .getY(o -> Double.parseDouble(((Row) o).get("score")))
            .splitter(Splitters.index(0))
            .build();
    try (var dls = reg.dataloaders(rows, LoaderConfig.defaults().withBs(3).withNumWorkers(0))) {
      assertEquals(LossHint.MSE, dls.lossHint());
      assertEquals(1, dls.c());
      Tuple b = dls.train().oneBatch();
      assertEquals(DType.FLOAT32, b.y().dtype());
      @SuppressWarnings("unchecked")
      List<String> xs = (List<String>) b.get(0);
      assertEquals(
          List.of("2", "3", "4"),
          xs.stream().sorted().toList(),
          "plain values are collated as lists");
      for (int i = 0; i < 3; i++) {
        assertEquals(Double.parseDouble(xs.get(i)) - 0.5, b.y().toFloatArray()[i], 1e-6);
      }
    }
  }
}
