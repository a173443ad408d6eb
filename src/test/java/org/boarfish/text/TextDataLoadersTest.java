package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Datasets;
import org.boarfish.data.InputEncoders;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TextDataLoaders on ../shared/data/imdb-sample/texts.csv, the encoder, and bad input. */
class TextDataLoadersTest {
  static Path csv() {
    return Path.of(
        System.getProperty("boarfish.shared", "../shared"), "data", "imdb-sample", "texts.csv");
  }

  private static DataLoaders dls;

  @BeforeAll
  static void load() {
    dls =
        TextDataLoaders.fromCsv(csv(), TextOptions.of().validCol("is_valid").bs(16).numWorkers(0));
  }

  @AfterAll
  static void close() {
    dls.close();
  }

  @Test
  void imdbSampleSplitsByIsValidAndBatchesAreSortedAndPadded() {
    assertEquals(726, dls.train().dataset().size());
    assertEquals(174, dls.valid().dataset().size());
    Vocab v = Vocab.of(dls);
    assertEquals(0, v.size() % 8);
    assertEquals(SpecialTokens.ALL, v.itos().subList(0, 9));
    assertEquals(List.of("negative", "positive"), dls.vocab().items());
    Tuple b = dls.valid().oneBatch();
    long[] shape = b.tensor(0).shape();
    assertEquals(16, shape[0]);
    // validation is longest first: row 0 has no padding, and every row starts its text (xxbos)
    // on a multiple of 72 because the padding is put first in whole chunks of 72
    long[] x = b.tensor(0).toLongArray();
    assertEquals(2, x[0]);
    int t = (int) shape[1];
    for (int r = 0; r < 16; r++) {
      int first = 0;
      while (x[r * t + first] == Vocab.PAD) {
        first++;
      }
      assertEquals(0, first % 72, "row " + r);
      assertEquals(2, x[r * t + first], "row " + r + " starts with xxbos");
    }
    assertEquals(List.of(16L), List.of(b.tensor(1).shape()[0]));
  }

  @Test
  void encoderTokenizesRawTextAndRoundTripsThroughJson() {
    TextInput enc = (TextInput) dls.inputEncoder().orElseThrow();
    Tuple x = enc.encode(List.of("A great movie!", "Bad."));
    long[] v = x.tensor(0).toLongArray();
    // "xxbos a great movie !" (a one-letter capital word is just lowercased) and "xxbos xxmaj
    // bad ." padded after it (1 pad < seqLen 72)
    assertEquals(List.of(2L, 5L), List.of(x.tensor(0).shape()[0], x.tensor(0).shape()[1]));
    Vocab vocab = enc.vocab();
    assertArrayEquals(
        new long[] {
          2,
          vocab.stoi("a"),
          vocab.stoi("great"),
          vocab.stoi("movie"),
          vocab.stoi("!"),
          2,
          vocab.stoi("xxmaj"),
          vocab.stoi("bad"),
          vocab.stoi("."),
          1
        },
        v);
    assertTrue(vocab.stoi("great") > 8);
    TextEncoders.register();
    var back = (TextInput) InputEncoders.fromJson(enc.kind(), enc.toJson());
    assertEquals(vocab.itos(), back.vocab().itos());
    assertEquals(
        x.tensor(0).toString(),
        back.encode(List.of("A great movie!", "Bad.")).tensor(0).toString());
    var e = assertThrows(IllegalArgumentException.class, () -> enc.encode(List.of("ok", " ")));
    assertTrue(
        e.getMessage().contains("text item 1") && e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void showBatchPrintsDecodedTextsWithLabels() {
    var out = new ByteArrayOutputStream();
    Numericalize num = TextDataLoaders.numericalize(dls).orElseThrow();
    dls.valid()
        .showBatch(2, new TextShower(num, 60, new PrintStream(out, true, StandardCharsets.UTF_8)));
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(4, lines.length);
    assertTrue(lines[0].matches("# \\| text +\\| category"), lines[0]);
    assertTrue(lines[2].startsWith("0 | xxbos "), lines[2]);
    assertTrue(lines[2].contains("... | "), "texts are cut: " + lines[2]);
    assertTrue(lines[2].endsWith("positive") || lines[2].endsWith("negative"), lines[2]);
  }

  @Test
  void languageModelDataUsesTheStreamLayout() {
    List<Map<String, String>> rows =
        List.of(
            Map.of("text", "one two three four five six"),
            Map.of("text", "seven eight nine ten"),
            Map.of("text", "eleven twelve"),
            Map.of("text", "one two three"));
    try (DataLoaders lm =
        TextDataLoaders.fromDf(
            rows,
            TextOptions.of()
                .isLm(true)
                .minFreq(1)
                .validPct(0.25)
                .seed(1)
                .bs(2)
                .seqLen(3)
                .numWorkers(0))) {
      Tuple b = lm.valid().oneBatch();
      assertEquals(1, b.nInp());
      // validation: one text of 4 or 5 tokens -> bl = (n - 1) / 2 = 1 or 2
      long[] x = b.tensor(0).toLongArray();
      long[] y = b.tensor(1).toLongArray();
      assertEquals(x.length, y.length);
      assertEquals(2, x[0], "the stream starts with xxbos");
      assertTrue(Vocab.of(lm).size() % 8 == 0);
    }
  }

  @Test
  void badInputIsNamed(@TempDir Path dir) throws Exception {
    var rows = List.of(Map.of("review", "fine", "label", "pos"));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> TextDataLoaders.fromDf(rows, TextOptions.of()));
    assertTrue(
        e.getMessage().contains("text column 'text'") && e.getMessage().contains("review"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TextDataLoaders.fromDf(
                    rows, TextOptions.of().textCol("review").labelCol("sentiment")));
    assertTrue(e.getMessage().contains("label column 'sentiment'"), e.getMessage());
    var withEmpty =
        List.of(Map.of("text", "good", "label", "pos"), Map.of("text", "  ", "label", "neg"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TextDataLoaders.fromDf(withEmpty, TextOptions.of()));
    assertTrue(
        e.getMessage().startsWith("row 1 ") && e.getMessage().contains("empty"), e.getMessage());

    Path latin = dir.resolve("latin1.csv");
    Files.write(latin, "text,label\ncaf\u00e9,pos\n".getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(IllegalArgumentException.class, () -> TextDataLoaders.fromCsv(latin));
    assertTrue(
        e.getMessage().contains("latin1.csv") && e.getMessage().contains("UTF-8"), e.getMessage());

    Path folder = dir.resolve("texts");
    Files.createDirectories(folder.resolve("train/pos"));
    Files.createDirectories(folder.resolve("valid/pos"));
    Files.writeString(folder.resolve("train/pos/a.txt"), "good good good");
    Files.writeString(folder.resolve("valid/pos/b.txt"), "good");
    Files.write(folder.resolve("train/pos/bad.txt"), new byte[] {'o', 'k', (byte) 0xe9, ' '});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TextDataLoaders.fromFolder(folder, TextOptions.of().numWorkers(0)));
    assertTrue(
        e.getMessage().contains("bad.txt") && e.getMessage().contains("offset 2"), e.getMessage());
  }

  @Test
  void fromFolderLabelsByFolderAndSplitsByGrandparent(@TempDir Path dir) throws Exception {
    for (String split : List.of("train", "valid")) {
      for (String label : List.of("neg", "pos")) {
        Files.createDirectories(dir.resolve(split).resolve(label));
        for (int i = 0; i < 3; i++) {
          Files.writeString(
              dir.resolve(split).resolve(label).resolve(i + ".txt"),
              label.equals("pos") ? "Great film, loved it " + i : "Awful film, hated it " + i);
        }
      }
    }
    try (DataLoaders d =
        TextDataLoaders.fromFolder(dir, TextOptions.of().minFreq(1).bs(2).numWorkers(0))) {
      assertEquals(6, d.train().dataset().size());
      assertEquals(6, d.valid().dataset().size());
      assertEquals(List.of("neg", "pos"), d.vocab().items());
      assertTrue(Vocab.of(d).contains("loved"));
      assertTrue(((Datasets) d.train().dataset()).rawItem(0) instanceof Path);
    }
  }

  @Test
  void textBlockInADataBlockFindsItsVocabWithoutAnEncoder() {
    List<Map<String, String>> rows =
        List.of(
            Map.of("text", "Good film", "label", "pos"),
            Map.of("text", "Bad film", "label", "neg"),
            Map.of("text", "Good good", "label", "pos"));
    var dblock =
        org.boarfish.data.DataBlock.builder()
            .blocks(
                TextBlock.fromDf(List.of("text"), TextOptions.of().minFreq(1)),
                org.boarfish.data.Blocks.category())
            .getY(org.boarfish.data.ColReader.of("label"))
            .splitter(org.boarfish.data.Splitters.index(2))
            .build();
    try (DataLoaders d =
        dblock.dataloaders(
            rows, org.boarfish.data.LoaderConfig.defaults().withBs(2).withNumWorkers(0))) {
      Vocab v = Vocab.of(d);
      assertTrue(v.contains("film") && v.contains("good"));
      Tuple b = d.train().oneBatch();
      // "xxbos xxmaj good film" and "xxbos xxmaj bad film": 4 tokens each, no padding
      assertEquals(List.of(2L, 4L), List.of(b.tensor(0).shape()[0], b.tensor(0).shape()[1]));
    }
  }
}
