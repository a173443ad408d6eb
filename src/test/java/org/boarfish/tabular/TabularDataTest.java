package org.boarfish.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Splitters;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Reading, bad input, batches, showBatch, contCatSplit and addDatepart. */
class TabularDataTest {
  @TempDir Path dir;

  static final List<TabularProc> PROCS =
      List.of(new Categorify(), new FillMissing(), new Normalize());

  Path csv(String text) throws Exception {
    Path f = dir.resolve("t" + System.nanoTime() + ".csv");
    Files.writeString(f, text);
    return f;
  }

  static final String GOOD =
      "city,age,score,label\nParis,30,1.5,a\nRome,40,,b\nOslo,50,2.5,a\nRome,35,3.0,b\n";

  DataLoaders good(int bs) throws Exception {
    return TabularDataLoaders.fromCsv(
        csv(GOOD), PROCS, List.of("city"), List.of("age", "score"), "label", new int[] {3}, bs);
  }

  @Test
  void batchesAreInt64CatsFloatContsAndInt64Targets() throws Exception {
    try (DataLoaders dls = good(2)) {
      assertEquals(List.of("a", "b"), dls.vocab().items());
      assertEquals(2, dls.c());
      Tuple b = dls.valid().oneBatch();
      assertEquals(2, b.nInp());
      assertEquals(DType.INT64, b.tensor(0).dtype());
      assertArrayEquals(new long[] {1, 2}, b.tensor(0).shape()); // city, score_na
      assertEquals(DType.FLOAT32, b.tensor(1).dtype());
      assertArrayEquals(new long[] {1, 2}, b.tensor(1).shape());
      assertEquals(DType.INT64, b.tensor(2).dtype());
      assertEquals(1L, b.tensor(2).toLongArray()[0]); // row 3's label b
      // Rome is code 3 of [#na#, Oslo, Paris, Rome]; score was present: score_na False = 1
      assertArrayEquals(new long[] {3, 1}, b.tensor(0).toLongArray());
      assertEquals(1, dls.train().length()); // 3 train rows, bs 2, last partial batch dropped
    }
  }

  @Test
  void showBatchPrintsDecodedRows() throws Exception {
    try (DataLoaders dls = good(2)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      TabularData to =
          TabularData.builder(TabularDataLoaders.readCsv(csv(GOOD), List.of("city")))
              .procs(PROCS)
              .catNames("city")
              .contNames("age", "score")
              .yNames("label")
              .validIdx(3)
              .build();
      var shower = new TabularShower(to, new PrintStream(bytes, true));
      try (DataLoaders d2 = to.dataloaders(4)) {
        shower.show(d2.valid().decodeBatch(d2.valid().oneBatch()));
      }
      String out = bytes.toString();
      assertTrue(out.startsWith("city  score_na  age  score  label"), out);
      assertTrue(out.contains("Rome  False     35   3      b"), out);
    }
  }

  @Test
  void aMissingColumnIsNamed() throws Exception {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TabularDataLoaders.fromCsv(
                    csv(GOOD), PROCS, List.of("town"), List.of("age"), "label", new int[] {3}, 2));
    assertTrue(
        e.getMessage().contains("column 'town' given in catNames is not in"), e.getMessage());
    assertTrue(e.getMessage().contains("[city, age, score, label]"), e.getMessage());
  }

  @Test
  void textInAContinuousColumnNamesColumnRowAndValue() throws Exception {
    Path f = csv("city,age,label\nParis,30,a\nRome,forty,b\nOslo,50,a\n");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TabularDataLoaders.fromCsv(
                    f, PROCS, List.of("city"), List.of("age"), "label", new int[] {2}, 2));
    assertTrue(
        e.getMessage().contains("continuous column 'age' holds text 'forty' at row 1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("list the column in catNames"), e.getMessage());
  }

  @Test
  void aSingleValuedTargetIsRefused() throws Exception {
    Path f = csv("city,age,label\nParis,30,a\nRome,40,a\nOslo,50,a\n");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TabularDataLoaders.fromCsv(
                    f, PROCS, List.of("city"), List.of("age"), "label", new int[] {2}, 2));
    assertTrue(e.getMessage().contains("target 'label' has the single value 'a'"), e.getMessage());
  }

  @Test
  void emptyFilesAreRefused() throws Exception {
    for (String text : List.of("", "\n\n", "city,age,label\n")) {
      Path f = csv(text);
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  TabularDataLoaders.fromCsv(
                      f, PROCS, List.of("city"), List.of("age"), "label", Splitters.random(), 2));
      assertTrue(
          e.getMessage().contains("empty") || e.getMessage().contains("no data rows"),
          e.getMessage());
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
  }

  @Test
  void aTargetAlsoUsedAsInputIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TabularData.builder(TabularProcsTest.table())
                    .catNames("color", "y")
                    .yNames("y")
                    .build());
    assertTrue(e.getMessage().contains("both a target and an input"), e.getMessage());
  }

  @Test
  void regressionIsInferredForNumericTargets() throws Exception {
    Path f = csv("city,age,price\nParis,30,1.5\nRome,40,2.5\nOslo,50,3.5\nRome,20,0.5\n");
    try (DataLoaders dls =
        TabularDataLoaders.fromCsv(
            f, PROCS, List.of("city"), List.of("age"), "price", new int[] {3}, 2)) {
      Tuple b = dls.valid().oneBatch();
      assertEquals(DType.FLOAT32, b.tensor(2).dtype());
      assertArrayEquals(new long[] {1, 1}, b.tensor(2).shape());
      assertEquals(0.5f, b.tensor(2).toFloatArray()[0]);
    }
  }

  @Test
  void contCatSplitFollowsFastai() {
    int[] many = new int[30];
    for (int i = 0; i < many.length; i++) {
      many[i] = i;
    }
    Table t =
        Table.create(
            "t",
            IntColumn.create("id", many),
            IntColumn.create("few", new int[30]),
            DoubleColumn.create("x", new double[30]),
            StringColumn.create("s", new String[30]),
            IntColumn.create("y", new int[30]));
    ContCatSplit s = Tabular.contCatSplit(t, 20, "y");
    assertEquals(List.of("id", "x"), s.cont());
    assertEquals(List.of("few", "s"), s.cat());
  }

  @Test
  void addDatepartAddsFastaisColumns() {
    Table t =
        Table.create(
            "t",
            DateColumn.create(
                "saleDate", LocalDate.of(2020, 3, 31), LocalDate.of(2021, 1, 1), null));
    Tabular.addDatepart(t, "saleDate");
    assertFalse(t.columnNames().contains("saleDate"));
    assertEquals(
        List.of(
            "saleYear",
            "saleMonth",
            "saleWeek",
            "saleDay",
            "saleDayofweek",
            "saleDayofyear",
            "saleIs_month_end",
            "saleIs_month_start",
            "saleIs_quarter_end",
            "saleIs_quarter_start",
            "saleIs_year_end",
            "saleIs_year_start",
            "saleElapsed"),
        t.columnNames());
    // 2020-03-31: a Tuesday (1), ISO week 14, day 91, month and quarter end
    assertEquals(14, t.intColumn("saleWeek").get(0));
    assertEquals(1, t.intColumn("saleDayofweek").get(0));
    assertEquals(91, t.intColumn("saleDayofyear").get(0));
    assertTrue(t.booleanColumn("saleIs_quarter_end").get(0));
    assertFalse(t.booleanColumn("saleIs_year_end").get(0));
    // 2021-01-01: year, quarter and month start; ISO week 53 of 2020; Friday (4)
    assertTrue(t.booleanColumn("saleIs_year_start").get(1));
    assertEquals(53, t.intColumn("saleWeek").get(1));
    assertEquals(4, t.intColumn("saleDayofweek").get(1));
    assertEquals(1609459200.0, t.doubleColumn("saleElapsed").get(1));
    assertTrue(t.intColumn("saleYear").isMissing(2));
  }
}
