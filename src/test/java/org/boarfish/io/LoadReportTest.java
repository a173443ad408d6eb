package org.boarfish.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  @Test
  void findsMissingUnexpectedAndMismatchedShapes() {
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("0.weight", new long[] {8, 4});
    expected.put("0.bias", new long[] {8});
    expected.put("1.weight", new long[] {3, 8});
    Map<String, Tensor> found =
        IoFixtures.dict(
            "0.weight",
            Tensor.zeros(8, 4),
            "1.weight",
            Tensor.zeros(10, 8),
            "extra",
            Tensor.zeros(1),
            "extra2",
            Tensor.zeros(1));
    LoadReport r = LoadReport.compare(expected, found);
    assertEquals(List.of("0.bias"), r.missing());
    assertEquals(List.of("extra", "extra2"), r.unexpected());
    assertEquals(List.of("1.weight: expected [3, 8] found [10, 8]"), r.shapeMismatches());
    assertFalse(r.isClean());
    assertEquals(
        "LoadReport[1 missing, 2 unexpected, 1 shape mismatch]\n  missing: 0.bias\n  unexpected: extra\n"
            + "  unexpected: extra2\n  shape mismatch: 1.weight: expected [3, 8] found [10, 8]",
        r.toString());
  }

  @Test
  void cleanWhenEverythingMatches() {
    LoadReport r = LoadReport.compare(Map.of("s", new long[0]), Map.of("s", Tensor.scalar(1)));
    assertTrue(r.isClean());
    assertEquals("LoadReport[clean]", r.toString());
  }
}
