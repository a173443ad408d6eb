package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Reading ratings (both MovieLens formats), the split, the vocabularies, batches, bad input. */
class CollabDataLoadersTest {
  private static CollabDataLoaders csv;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    csv =
        CollabDataLoaders.fromCsv(CollabFixtures.ML100K.resolve("ratings.csv"), 0.2, 42, 64)
            .titles(CollabFixtures.ML100K.resolve("movies.csv"));
  }

  @Test
  void movielensSplitAndVocabulariesAreTheReferences() {
    // the reference: 913 users and 1,620 movies in the training split, plus #na#
    assertEquals(914, csv.users().size());
    assertEquals(1621, csv.items().size());
    assertEquals("#na#", csv.items().get(0));
    assertEquals(76_000, csv.train().dataset().size());
    List<?> valid = csv.valid().dataset();
    int[] rows = valid.stream().mapToInt(o -> (Integer) o).toArray();
    assertArrayEquals(CollabFixtures.referenceValidRows(), rows);
    assertEquals(List.of("userId", "movieId", "rating"), csv.columns());
    assertEquals(0, csv.duplicates());
  }

  @Test
  void udataGivesTheSameLoadersAsRatingsCsv() {
    CollabDataLoaders u =
        CollabDataLoaders.fromCsv(CollabFixtures.ML100K.resolve("u.data"), 0.2, 42, 64);
    assertEquals(csv.users().ids(), u.users().ids());
    assertEquals(csv.items().ids(), u.items().ids());
    Tuple a = csv.valid().oneBatch();
    Tuple b = u.valid().oneBatch();
    assertArrayEquals(a.tensor(0).toLongArray(), b.tensor(0).toLongArray());
    assertArrayEquals(a.tensor(1).toFloatArray(), b.tensor(1).toFloatArray());
    assertEquals(List.of("userId", "movieId", "rating"), u.columns());
  }

  @Test
  void batchesAreIntPairsAndFloatRatings() {
    Tuple b = csv.train().oneBatch();
    assertEquals(DType.INT64, b.tensor(0).dtype());
    assertArrayEquals(new long[] {64, 2}, b.tensor(0).shape());
    assertEquals(DType.FLOAT32, b.tensor(1).dtype());
    assertArrayEquals(new long[] {64}, b.tensor(1).shape());
    assertEquals(76_000 / 64, csv.train().length(), "training drops the last partial batch");
    assertEquals((19_000 + 63) / 64, csv.valid().length());
  }

  @Test
  void showBatchPrintsUsersTitlesAndRatings() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    csv.showBatch(4, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String s = buf.toString(StandardCharsets.UTF_8);
    List<String> lines = s.lines().toList();
    assertEquals(6, lines.size(), s);
    assertTrue(lines.get(0).startsWith("userId | title"), s);
    Tuple b = csv.train().oneBatch();
    long[] x = b.tensor(0).toLongArray();
    String title = csv.titles().title(csv.items().get((int) x[1]));
    assertTrue(lines.get(2).startsWith(csv.users().get((int) x[0]) + " "), s);
    assertTrue(lines.get(2).contains(title), s + " should show " + title);
  }

  @Test
  void testDlMapsUnseenIdsToNa() {
    Path f =
        CollabFixtures.csv(dir, "t.csv", "userId,movieId,rating\n1,1,4\n99999,1,3\n1,88888,2\n");
    try (DataLoader dl = csv.testDl(f)) {
      long[] x = dl.oneBatch().tensor(0).toLongArray();
      assertEquals(csv.users().indexOf(1), x[0]);
      assertEquals(0, x[2], "unseen user -> #na#");
      assertEquals(0, x[5], "unseen item -> #na#");
    }
  }

  @Test
  void unknownColumnNamesAreNamed() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CollabDataLoaders.fromCsv(CollabFixtures.SAMPLE, 0.2, "user", null, null, 1L, 64));
    assertTrue(e.getMessage().contains("userName 'user'"), e.getMessage());
    assertTrue(e.getMessage().contains("[userId, movieId, rating, timestamp]"), e.getMessage());
  }

  @Test
  void nonNumericRatingsAreNamed() {
    Path f = CollabFixtures.csv(dir, "r.csv", "u,i,r\n1,1,4\n2,1,5\n1,2,good\n2,2,3\n3,3,1\n");
    var e =
        assertThrows(IllegalArgumentException.class, () -> CollabDataLoaders.fromCsv(f, 0.2, 1, 2));
    assertTrue(e.getMessage().contains("rating 'good' in row 3"), e.getMessage());
  }

  @Test
  void aSingleUserIsRefused() {
    Path f = CollabFixtures.csv(dir, "one.csv", "u,i,r\n7,1,4\n7,2,5\n7,3,1\n7,4,2\n7,5,3\n");
    var e =
        assertThrows(IllegalArgumentException.class, () -> CollabDataLoaders.fromCsv(f, 0.2, 1, 2));
    assertTrue(e.getMessage().contains("single user ('7'"), e.getMessage());
  }

  @Test
  void duplicatePairsAreKeptAndCounted() {
    Path f =
        CollabFixtures.csv(
            dir, "dup.csv", "u,i,r\n1,1,4\n1,1,5\n2,1,1\n2,2,2\n1,2,3\n1,1,2\n3,3,3\n3,1,4\n");
    CollabDataLoaders d = CollabDataLoaders.fromCsv(f, 0.25, 1, 2);
    assertEquals(2, d.duplicates());
    assertEquals(8, d.train().dataset().size() + d.valid().dataset().size());
  }

  @Test
  void missingFileAndBadPctSayWhatToGive() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CollabDataLoaders.fromCsv(dir.resolve("nope.csv")));
    assertTrue(e.getMessage().contains("u.data"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CollabDataLoaders.fromCsv(CollabFixtures.SAMPLE, 1.5, 1, 64));
  }

  @Test
  void fromDfTakesNumericColumnsByName() {
    Table t =
        Table.create(
            "ratings",
            IntColumn.create("item", new int[] {10, 20, 10, 30, 20, 30, 10, 20}),
            DoubleColumn.create("stars", new double[] {4, 3, 5, 1, 2, 4, 3, 5}),
            IntColumn.create("user", new int[] {1, 1, 2, 2, 3, 3, 4, 4}));
    CollabDataLoaders d = CollabDataLoaders.fromDf(t, 0.25, "user", "item", "stars", 3L, 2);
    assertEquals(List.of("user", "item", "stars"), d.columns());
    assertEquals("#na#", d.users().get(0));
    int[] valid = d.valid().dataset().stream().mapToInt(o -> (Integer) o).toArray();
    assertArrayEquals(
        java.util.Arrays.copyOf(org.boarfish.data.TorchRandperm.permutation(8, 3), 2), valid);
    Tuple b = d.valid().oneBatch();
    long[] x = b.tensor(0).toLongArray();
    float[] y = b.tensor(1).toFloatArray();
    int r = valid[0];
    assertEquals(d.users().indexOf(t.intColumn("user").get(r)), x[0]);
    assertEquals(d.items().indexOf(t.intColumn("item").get(r)), x[1]);
    assertEquals(t.doubleColumn("stars").get(r), y[0], 0);
  }

  @Test
  void findsMovielensFiles() {
    assertEquals(
        CollabFixtures.ML100K.resolve("ratings.csv"), MovieLens.ratingsFile(CollabFixtures.ML100K));
    assertEquals(
        CollabFixtures.ML100K.resolve("movies.csv"), MovieLens.titlesFile(CollabFixtures.ML100K));
    ItemTitles t = ItemTitles.read(CollabFixtures.ML100K.resolve("u.item"));
    assertEquals(1682, t.size());
    assertEquals("Toy Story (1995)", t.title(1));
  }
}
