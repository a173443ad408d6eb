package org.boarfish.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Splits;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Categorify, FillMissing and Normalize: setup on the training rows, apply, JSON state. */
class TabularProcsTest {
  static final double NA = Double.NaN;

  /** Rows 0-5 train, 6-7 valid. */
  static Table table() {
    return Table.create(
        "t",
        StringColumn.create("color", "red", "blue", "red", null, "green", "blue", "violet", "red"),
        StringColumn.create("size", "10", "9", "10", "100", "9", "9", "10", "9"),
        DoubleColumn.create("a", 1.0, 2.0, NA, 4.0, 10.0, 3.0, 5.0, NA),
        DoubleColumn.create("b", 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, NA, 1.0),
        StringColumn.create("y", "no", "yes", "no", "yes", "no", "yes", "no", "yes"));
  }

  static TabularData data(TabularProc... procs) {
    return TabularData.builder(table())
        .procs(procs)
        .catNames("color", "size")
        .contNames("a", "b")
        .yNames("y")
        .splits(new Splits(new int[] {0, 1, 2, 3, 4, 5}, new int[] {6, 7}))
        .build();
  }

  @Test
  void categorifyPutsNaFirstSortsValuesAndMapsUnseenAndMissingToZero() {
    TabularData d = data(new Categorify(), new FillMissing(), new Normalize());
    Categorify c = d.categorify();
    assertEquals(List.of("#na#", "blue", "green", "red"), c.vocab("color"));
    // numbers sort numerically, not as text
    assertEquals(List.of("#na#", "9", "10", "100"), c.vocab("size"));
    int[] codes = d.columns().cats()[0];
    // red blue red (missing) green blue | violet (unseen in train) red
    assertEquals(List.of(3, 1, 3, 0, 2, 1, 0, 3), box(codes));
    // cardinalities: color 4, size 4, a_na 3 (b had no missing value in training)
    assertEquals(List.of(4, 4, 3), box(d.cardinalities()));
  }

  @Test
  void fillMissingUsesTheTrainMedianAndAddsNaColumnsOnlyForColumnsMissingInTraining() {
    TabularData d = data(new Categorify(), new FillMissing());
    FillMissing fm = (FillMissing) d.procs().get(0);
    // train values of a: 1, 2, 4, 10, 3 -> median 3
    assertEquals(3.0, fm.fills().get("a"));
    assertEquals(2.0, fm.fills().get("b"));
    assertEquals(List.of("a"), fm.naColumns());
    assertEquals(List.of("color", "size", "a_na"), d.catNames());
    float[] a = d.columns().conts()[0];
    assertEquals(3.0f, a[2]);
    assertEquals(3.0f, a[7]); // valid rows are filled with the train median too
    float[] b = d.columns().conts()[1];
    assertEquals(2.0f, b[6]); // b is missing only in valid: filled, but no b_na column
    int[] aNa = d.columns().cats()[2];
    assertEquals(List.of("#na#", "False", "True"), d.categorify().vocab("a_na"));
    assertEquals(List.of(1, 1, 2, 1, 1, 1, 1, 2), box(aNa));
  }

  @Test
  void fillMissingModeAndConstant() {
    TabularData mode =
        data(new Categorify(), new FillMissing(FillMissing.Strategy.MODE, false, Map.of()));
    assertEquals(1.0, ((FillMissing) mode.procs().get(0)).fills().get("a")); // ties -> smallest
    assertEquals(List.of("color", "size"), mode.catNames());
    TabularData constant =
        data(
            new Categorify(),
            new FillMissing(FillMissing.Strategy.CONSTANT, true, Map.of("a", -1.0)));
    assertEquals(-1.0f, constant.columns().conts()[0][2]);
  }

  @Test
  void normalizeUsesTrainMeanAndPopulationStd() {
    TabularData d = data(new Categorify(), new FillMissing(), new Normalize());
    Normalize n = (Normalize) d.procs().get(2);
    // a after filling, train rows: 1, 2, 3, 4, 10, 3
    double mean = (1 + 2 + 3 + 4 + 10 + 3) / 6.0;
    double var = 0;
    for (double v : new double[] {1, 2, 3, 4, 10, 3}) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / 6) + 1e-7;
    assertEquals(mean, n.mean("a"), 1e-12);
    assertEquals(std, n.std("a"), 1e-12);
    assertEquals((5.0 - mean) / std, d.columns().conts()[0][6], 1e-6);
    assertEquals(5.0, n.decode("a", (5.0 - mean) / std), 1e-9);
  }

  @Test
  void procsRunByOrderNotByTheGivenOrder() {
    TabularData d = data(new Normalize(), new Categorify(), new FillMissing());
    assertTrue(d.procs().get(0) instanceof FillMissing);
    assertTrue(d.procs().get(1) instanceof Categorify);
    assertTrue(d.procs().get(2) instanceof Normalize);
    // Normalize saw filled values: no NaN anywhere
    for (float[] col : d.columns().conts()) {
      for (float v : col) {
        assertFalse(Float.isNaN(v));
      }
    }
  }

  @Test
  void encoderStateSurvivesJsonAndEncodesRawRowsWithUnseenAndMissingValues() {
    TabularData d = data(new Categorify(), new FillMissing(), new Normalize());
    TabularEncoder back = TabularEncoder.fromJson(d.encoder().toJson());
    assertEquals(d.encoder().toJson(), back.toJson());
    Map<String, Object> row = new HashMap<>();
    row.put("color", "purple"); // unseen
    row.put("size", 10); // a number, for a column read as text
    row.put("a", null); // missing -> median, a_na True
    row.put("b", "3");
    Tuple t = back.encode(List.of(row));
    assertEquals(List.of(0L, 2L, 2L), boxL(t.tensor(0).toLongArray()));
    Normalize n = (Normalize) d.procs().get(2);
    float[] x = t.tensor(1).toFloatArray();
    assertEquals((3.0 - n.mean("a")) / n.std("a"), x[0], 1e-6);
    assertEquals((3.0 - n.mean("b")) / n.std("b"), x[1], 1e-6);
    // the same row as the training data's row 5 ("blue", "9", 3.0, 3.0) encodes identically
    Tuple same = back.encode(List.of(Map.of("color", "blue", "size", "9", "a", 3.0, "b", 3.0)));
    assertEquals(
        List.of(1L, 1L, 1L), boxL(same.tensor(0).toLongArray()), "codes of training row 5");
    assertEquals(d.columns().conts()[0][5], same.tensor(1).toFloatArray()[0], 1e-6);
  }

  static List<Integer> box(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  static List<Long> boxL(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
