package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitters, getters, labellers, the column reader and the CSV reader. */
class SplittersTest {
  static final Path MNIST_SAMPLE =
      Path.of(System.getProperty("boarfish.shared", "../shared"), "data", "mnist_sample");

  @TempDir Path tmp;

  @Test
  void randomSplitterTakesTheFirstValidPctOfAPermutation() {
    List<Integer> items = IntStream.range(0, 103).boxed().toList();
    Splits s = Splitters.random(0.2, 42).split(items);
    assertEquals(20, s.valid().length, "int(0.2 * 103)");
    assertEquals(83, s.train().length);
    Set<Integer> all = new HashSet<>();
    for (int i : s.train()) {
      all.add(i);
    }
    for (int i : s.valid()) {
      assertTrue(all.add(i), "train and valid are disjoint");
    }
    assertEquals(103, all.size());
    assertEquals(s, Splitters.random(0.2, 42).split(items), "same seed, same split");
    assertFalse(Arrays.equals(s.valid(), Splitters.random(0.2, 43).split(items).valid()));
    assertThrows(IllegalArgumentException.class, () -> Splitters.random(1.0, 1));
  }

  @Test
  void randomSplitterValidatesOnFastaisRows() {
    // torch.manual_seed(42); torch.randperm(10) = [2, 6, 1, 8, 4, 5, 0, 9, 3, 7]
    Splits s = Splitters.random(0.2, 42).split(IntStream.range(0, 10).boxed().toList());
    assertArrayEquals(new int[] {2, 6}, s.valid());
    assertArrayEquals(new int[] {1, 8, 4, 5, 0, 9, 3, 7}, s.train());
  }

  @Test
  void grandparentSplitterOnMnistSample() {
    List<Path> files = Getters.getFiles(MNIST_SAMPLE, ".png");
    assertEquals(4140, files.size());
    Splits s = Splitters.grandparent().split(files);
    assertEquals(1032 + 1070, s.train().length);
    assertEquals(1010 + 1028, s.valid().length);
    assertEquals("train", files.get(s.train()[0]).getParent().getParent().getFileName().toString());
    assertEquals("3", Getters.parentLabel(files.get(s.valid()[0])));
  }

  @Test
  void indexFuncColAndFileSplitters() throws IOException {
    List<String> items = List.of("a.png", "b.png", "c.png", "d.png");
    Splits idx = Splitters.index(3, 1).split(items);
    assertArrayEquals(new int[] {0, 2}, idx.train());
    assertArrayEquals(new int[] {3, 1}, idx.valid());
    assertThrows(IllegalArgumentException.class, () -> Splitters.index(9).split(items));

    Splits fn = Splitters.func(o -> o.toString().startsWith("c")).split(items);
    assertArrayEquals(new int[] {2}, fn.valid());

    List<Row> rows = Csv.parse("name,is_valid\na,False\nb,True\nc,0\nd,1\n", ',');
    assertArrayEquals(new int[] {1, 3}, Splitters.col().split(rows).valid());
    List<Row> bad = Csv.parse("name,is_valid\na,maybe\n", ',');
    var e = assertThrows(IllegalArgumentException.class, () -> Splitters.col().split(bad));
    assertTrue(e.getMessage().contains("maybe"), e.getMessage());

    Path names = Files.writeString(tmp.resolve("valid.txt"), "b.png\n d.png \n\n");
    assertArrayEquals(new int[] {1, 3}, Splitters.file(names).split(items).valid());
  }

  @Test
  void getFilesFiltersSortsAndRespectsFolders() throws IOException {
    for (String f :
        List.of(
            "train/b/2.PNG",
            "train/a/1.png",
            "train/a/notes.txt",
            "valid/a/3.png",
            "top.png",
            ".hidden/4.png",
            "train/.5.png")) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    List<String> all = rel(Getters.getFiles(tmp, "png"));
    assertEquals(List.of("top.png", "train/a/1.png", "train/b/2.PNG", "valid/a/3.png"), all);
    assertEquals(
        List.of("top.png", "train/a/1.png", "train/b/2.PNG"),
        rel(Getters.getFiles(tmp, List.of(".png"), true, List.of("train"))));
    assertEquals(List.of("top.png"), rel(Getters.getFiles(tmp, List.of(".png"), false, List.of())));
    assertEquals(5, Getters.getFiles(tmp).size(), "no extension: every non-hidden file");
    assertThrows(IllegalArgumentException.class, () -> Getters.getFiles(tmp.resolve("nope")));
    assertEquals("getFiles[png]", Getters.files("png").toString());
  }

  private List<String> rel(List<Path> ps) {
    List<String> out = new ArrayList<>();
    for (Path p : ps) {
      out.add(tmp.relativize(p).toString().replace('\\', '/'));
    }
    return out;
  }

  @Test
  void labellers() {
    assertEquals("7", Getters.parentLabel(Path.of("train", "7", "1.png")));
    assertEquals("7", Getters.parentLabel().apply("train/7/1.png"));
    assertEquals("parentLabel", Getters.parentLabel().toString());

    var pets = RegexLabeller.onFileName("^(.+)_\\d+\\.jpg$");
    assertEquals("great_pyrenees", pets.apply(Path.of("images", "great_pyrenees_173.jpg")));
    assertEquals(
        "pyrenees", new RegexLabeller("_([a-z]+)_\\d+").apply("images/great_pyrenees_173.jpg"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RegexLabeller("([a-z]+)_\\d+", true).apply("images/great_pyrenees_173.jpg"));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> pets.apply(Path.of("images", "README.md")));
    assertTrue(e.getMessage().contains("README.md"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RegexLabeller("no group"));
  }

  @Test
  void colReaderReadsRowsMapsAndArrays() {
    List<Row> rows = Csv.parse("name,label,tags\ntrain/3/7.png,0,a b\n", ',');
    Row r = rows.get(0);
    assertEquals("0", ColReader.of("label").apply(r));
    assertEquals("train/3/7.png", ColReader.of(0).apply(r));
    assertEquals(
        Path.of("/data", "train/3/7.png"), ColReader.of("name").prefix(Path.of("/data")).apply(r));
    assertEquals("img-0.png", ColReader.of("label").prefix("img-").suffix(".png").apply(r));
    assertEquals(List.of("a", "b"), ColReader.of("tags").labelDelim(" ").apply(r));
    assertEquals(List.of("train/3/7.png", "0"), ColReader.of("name", "label").apply(r));
    assertEquals("x", ColReader.of("k").apply(Map.of("k", "x")));
    assertEquals("b", ColReader.of(1).apply(new String[] {"a", "b"}));
    var e = assertThrows(IllegalArgumentException.class, () -> ColReader.of("nope").apply(r));
    assertTrue(e.getMessage().contains("name, label, tags"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ColReader.of("k").apply(new String[] {"a"}));
  }

  @Test
  void csvFollowsRfc4180() throws IOException {
    String text =
        "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,last";
    List<Row> rows = Csv.parse(text, ',');
    assertEquals(List.of("a", "b", "c"), rows.get(0).columns());
    assertEquals(List.of("1", "x, y", "say \"hi\""), rows.get(0).values());
    assertEquals(List.of("2", "two\nlines", ""), rows.get(1).values());
    assertEquals(List.of("3", "", "last"), rows.get(2).values());
    assertEquals(3, rows.size());
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,2,3\n", ','));
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("a\n\"open\n", ','));
    assertEquals(List.of("1", "2"), Csv.parse("a;b\n1;2\n", ';').get(0).values());
    List<Row> labels = Csv.read(MNIST_SAMPLE.resolve("labels.csv"));
    assertEquals(4140, labels.size());
    assertEquals("train/3/7.png", labels.get(0).get("name"));
  }
}
