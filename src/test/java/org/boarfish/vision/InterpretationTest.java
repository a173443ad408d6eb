package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClassificationInterpretation on known predictions, and its plots on a tiny learner. */
class InterpretationTest {
  @org.junit.jupiter.api.BeforeEach
  void seed() {
    org.boarfish.tensor.Generator.manualSeed(0); // model init draws from the global generator
  }

  // 3 classes; argmax: 0,0,1,1,2,0 ; targets 0,1,1,2,2,2
  static final float[] PROBS = {
    .7f, .2f, .1f, .5f, .3f, .2f, .1f, .8f, .1f, .2f, .6f, .2f, .1f, .1f, .8f, .6f, .3f, .1f
  };
  static final ClassificationInterpretation KNOWN =
      ClassificationInterpretation.of(
          Tensor.of(PROBS, 6, 3),
          Tensor.of(new long[] {0, 1, 1, 2, 2, 2}, 6),
          Tensor.of(new float[] {.36f, 1.2f, .22f, 1.6f, .22f, 2.3f}, 6),
          List.of("cat", "dog", "fox"));

  @Test
  void confusionMatrixCountsActualByPredicted() {
    long[][] cm = KNOWN.confusionMatrix();
    assertArrayEquals(new long[] {1, 0, 0}, cm[0]);
    assertArrayEquals(new long[] {1, 1, 0}, cm[1]);
    assertArrayEquals(new long[] {1, 1, 1}, cm[2]);
    String table = KNOWN.confusionMatrixTable();
    assertTrue(table.contains("fox") && table.lines().count() == 4, table);
  }

  @Test
  void mostConfusedAndTopLosses() {
    var mc = KNOWN.mostConfused(1);
    assertEquals(3, mc.size());
    assertTrue(mc.stream().allMatch(c -> c.count() == 1));
    assertEquals(new ClassificationInterpretation.Confusion("dog", "cat", 1), mc.get(0));
    assertEquals(0, KNOWN.mostConfused(2).size());
    var top = KNOWN.topLosses(2);
    assertEquals(5, top.get(0).index());
    assertEquals("fox", top.get(0).actual());
    assertEquals("cat", top.get(0).predicted());
    assertEquals(0.6, top.get(0).probability(), 1e-6);
    assertEquals(3, top.get(1).index());
  }

  @Test
  void classificationReportMatchesSklearn() {
    // by hand, with sklearn classification_report's definitions, for [0,1,1,2,2,2] vs
    // [0,0,1,1,2,0]:
    // cat 0.33 1.00 0.50 1 / dog 0.50 0.50 0.50 2 / fox 1.00 0.33 0.50 3
    // accuracy 0.50 6 / macro 0.61 0.61 0.50 6 / weighted 0.72 0.50 0.50 6
    String r = KNOWN.classificationReport();
    assertTrue(r.contains("cat      0.33      1.00      0.50         1"), r);
    assertTrue(r.contains("dog      0.50      0.50      0.50         2"), r);
    assertTrue(r.contains("fox      1.00      0.33      0.50         3"), r);
    assertTrue(r.contains("accuracy                          0.50         6"), r);
    assertTrue(r.contains("macro avg      0.61      0.61      0.50         6"), r);
    assertTrue(r.contains("weighted avg      0.72      0.50      0.50         6"), r);
  }

  @Test
  void plotsAreWrittenAsPng(@TempDir Path tmp) throws Exception {
    BufferedImage cm =
        ImageIO.read(KNOWN.plotConfusionMatrix(tmp.resolve("cm.png"), true).toFile());
    assertTrue(cm.getWidth() > 100 && cm.getHeight() > 100);

    var dls = VisionLearnerTest.twoClasses(32, 32, 7);
    Learner learn =
        Vision.learner(dls, Arch.RESNET18, VisionLearnerTest.SCRATCH.nOut(2).linFtrs(32));
    var interp = ClassificationInterpretation.fromLearner(learn);
    long total = 0;
    for (long[] row : interp.confusionMatrix()) {
      for (long v : row) {
        total += v;
      }
    }
    assertEquals(8, total, "every validation item counted once");
    BufferedImage top = ImageIO.read(interp.plotTopLosses(4, tmp.resolve("top.png")).toFile());
    assertEquals(2 * 128, top.getWidth(), "2 x 2 grid");
    BufferedImage res = ImageIO.read(Vision.showResults(learn, tmp.resolve("res.png"), 4).toFile());
    assertTrue(res.getHeight() > 0);
  }
}
