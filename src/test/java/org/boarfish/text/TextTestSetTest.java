package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Row;
import org.boarfish.data.Tuple;
import org.junit.jupiter.api.Test;

/** A labelled test set for a text classifier: its batches, and clear errors for bad rows. */
class TextTestSetTest {
  private static final List<String> COLS = List.of("label", "text", "is_valid");

  private static DataLoaders dls() {
    List<List<String>> v = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      v.add(List.of("positive", "a good film , good acting", i < 6 ? "False" : "True"));
      v.add(List.of("negative", "a bad film , bad acting", i < 6 ? "False" : "True"));
    }
    return TextDataLoaders.fromDf(
        Row.rows(COLS, v), TextOptions.of().validCol("is_valid").bs(4).minFreq(1));
  }

  private static int count(DataLoader dl) {
    int n = 0;
    for (Tuple b : dl) {
      n += (int) b.tensor(1).shape()[0];
    }
    return n;
  }

  @Test
  void labelledRowsBecomeBatchesWithTheirLabels() {
    DataLoader test =
        dls()
            .testDl(
                Row.rows(
                    COLS,
                    List.of(
                        List.of("negative", "bad", "True"),
                        List.of("positive", "good film", "True"),
                        List.of("positive", "good", "True"))),
                true);
    assertEquals(3, count(test));
  }

  @Test
  void aLabelUnknownToTrainingIsNamed() {
    DataLoaders dls = dls();
    var rows = Row.rows(COLS, List.of(List.of("neutral", "so so", "True")));
    Exception e = assertThrows(RuntimeException.class, () -> count(dls.testDl(rows, true)));
    assertTrue(e.getMessage().contains("neutral"), e.getMessage());
  }

  @Test
  void aMissingColumnIsNamed() {
    DataLoaders dls = dls();
    var rows = Row.rows(List.of("label", "review"), List.of(List.of("positive", "good")));
    Exception e = assertThrows(RuntimeException.class, () -> count(dls.testDl(rows, true)));
    assertTrue(e.getMessage().contains("text"), e.getMessage());
  }
}
