package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX readers on the real Fashion-MNIST files. */
class IdxReaderTest {
  @TempDir Path tmp;

  static Path dir() {
    return VisionFiles.shared("fashion-mnist");
  }

  @Test
  void readsTheTestSetWithKnownLabelsAndCounts() {
    IdxImages x = IdxReader.readImages(dir().resolve("t10k-images-idx3-ubyte.gz"));
    int[] y = IdxReader.readLabels(dir().resolve("t10k-labels-idx1-ubyte.gz"));
    assertEquals("IdxImages[10000 x 28x28]", x.toString());
    assertEquals(10000, y.length);
    // the first test images are an ankle boot (9), a pullover (2), a trouser (1)
    assertArrayEquals(new int[] {9, 2, 1, 1, 6}, Arrays.copyOf(y, 5));
    int[] perClass = new int[10];
    for (int v : y) {
      perClass[v]++;
    }
    int[] thousand = new int[10];
    Arrays.fill(thousand, 1000);
    assertArrayEquals(thousand, perClass);
    Image first = x.image(0);
    assertEquals("Image[GREY 28x28]", first.toString());
    assertEquals(0, first.get(0, 0, 0)); // background corner
    int max = Arrays.stream(first.pixels()).max().getAsInt();
    assertTrue(max > 200, "the boot has bright pixels");
  }

  @Test
  void readsRawFilesAsWellAsGzip() throws IOException {
    Path raw = tmp.resolve("t10k-labels-idx1-ubyte");
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(dir().resolve("t10k-labels-idx1-ubyte.gz")))) {
      Files.write(raw, in.readAllBytes());
    }
    assertArrayEquals(
        IdxReader.readLabels(dir().resolve("t10k-labels-idx1-ubyte.gz")),
        IdxReader.readLabels(raw));
  }

  @Test
  void badMagicAndTruncationAreClearErrors() throws IOException {
    IllegalArgumentException swapped =
        assertThrows(
            IllegalArgumentException.class,
            () -> IdxReader.readImages(dir().resolve("t10k-labels-idx1-ubyte.gz")));
    assertTrue(
        swapped.getMessage().contains("magic number 2049, expected 2051"), swapped.getMessage());
    assertTrue(swapped.getMessage().contains("swapped"), swapped.getMessage());

    Path cut = tmp.resolve("cut-labels");
    byte[] head = {0, 0, 8, 1, 0, 0, 0, 100, 1, 2, 3};
    Files.write(cut, head);
    IllegalArgumentException t =
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(cut));
    assertTrue(
        t.getMessage().contains("truncated") && t.getMessage().contains("100 labels"),
        t.getMessage());
    assertTrue(t.getMessage().contains("only 3 bytes"), t.getMessage());

    Path header = tmp.resolve("short");
    Files.write(header, new byte[] {0, 0, 8});
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(header))
            .getMessage()
            .contains("header"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> IdxReader.readLabels(tmp.resolve("nope")))
            .getMessage()
            .contains("does not exist"));
  }
}
