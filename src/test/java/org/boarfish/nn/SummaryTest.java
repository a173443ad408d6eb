package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Module#summary}: per-layer output shapes and parameter counts from one forward on zeros.
 */
class SummaryTest {

  @Test
  void smallCnnOnMnistShapes() {
    Sequential cnn =
        new Sequential(
            new Conv2d(1, 8, 3, 2, 1),
            new ReLU(),
            new Conv2d(8, 16, 3, 2, 1),
            new ReLU(),
            new AdaptiveAvgPool2d(1),
            new Flatten(),
            new Linear(16, 10));
    ((Linear) cnn.get(6)).weight().requiresGrad(false);
    ModelSummary s = cnn.printSummary(2, 1, 28, 28);
    List<ModelSummary.Row> rows = s.rows();
    assertEquals(
        List.of("0", "1", "2", "3", "4", "5", "6"),
        rows.stream().map(ModelSummary.Row::name).toList());
    assertEquals(
        List.of("Conv2d", "ReLU", "Conv2d", "ReLU", "AdaptiveAvgPool2d", "Flatten", "Linear"),
        rows.stream().map(ModelSummary.Row::type).toList());
    assertArrayEquals(new long[] {2, 8, 14, 14}, rows.get(0).outputShape());
    assertArrayEquals(new long[] {2, 16, 7, 7}, rows.get(2).outputShape());
    assertArrayEquals(new long[] {2, 16, 1, 1}, rows.get(4).outputShape());
    assertArrayEquals(new long[] {2, 16}, rows.get(5).outputShape());
    assertArrayEquals(new long[] {2, 10}, rows.get(6).outputShape());
    assertEquals(
        List.of(80L, 0L, 1168L, 0L, 0L, 0L, 170L),
        rows.stream().map(ModelSummary.Row::params).toList());
    assertTrue(rows.get(0).trainable());
    assertFalse(rows.get(6).trainable(), "a frozen weight makes the layer non-trainable");
    assertEquals(1418, s.totalParams());
    assertEquals(1418 - 160, s.trainableParams());
    String table = s.toString();
    assertTrue(table.startsWith("Sequential (Input shape: 2 x 1 x 28 x 28)\n"), table);
    assertTrue(
        table.contains("2 x 8 x 14 x 14")
            && table.contains("1,168")
            && table.contains("Total params: 1,418"),
        table);
    assertTrue(table.endsWith("Total non-trainable params: 160"), table);
    assertTrue(cnn.modules().stream().allMatch(Module::isTraining), "modes restored");
  }

  @Test
  void keepsModesAndStatisticsOfBatchNorm() {
    Sequential cnn =
        new Sequential(
            new ConvLayer(1, 4, 3, 2),
            new ConvLayer(4, 8, 3, 2),
            new AdaptiveAvgPool2d(1),
            new Flatten(),
            new Linear(8, 2));
    cnn.get(1).eval();
    ModelSummary s = cnn.printSummary(3, 1, 16, 16);
    assertEquals(
        List.of("0.0", "0.1", "0.2", "1.0", "1.1", "1.2", "2", "3", "4"),
        s.rows().stream().map(ModelSummary.Row::name).toList());
    assertArrayEquals(new long[] {3, 8, 4, 4}, s.rows().get(5).outputShape());
    assertEquals(16, s.rows().get(4).params());
    BatchNorm2d bn = ((ConvLayer) cnn.get(0)).bn();
    assertEquals(0, bn.numBatchesTracked());
    assertEquals(0, bn.runningMean().abs().sum().item(), 0);
    assertTrue(cnn.isTraining() && cnn.get(0).isTraining() && bn.isTraining());
    assertFalse(cnn.get(1).isTraining() || ((ConvLayer) cnn.get(1)).bn().isTraining());
  }
}
