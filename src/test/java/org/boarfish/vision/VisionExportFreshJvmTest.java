package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.FreshJvm;
import org.boarfish.callbacks.ShortEpoch;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Prediction;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code Vision.learner} classifier trained for a few batches on MNIST-tiny, exported, then
 * loaded in a fresh JVM (which never ran the training code: the model comes back through {@link
 * VisionExportPlugin}'s factories, the input pipeline through its {@link ImageInputEncoder}) and
 * asked to predict on a PNG file: same label and probabilities as in this JVM.
 */
class VisionExportFreshJvmTest {
  @TempDir Path tmp;

  @Test
  void exportedClassifierPredictsOnAnImageFileInAFreshJvm() throws Exception {
    Path data = VisionFiles.shared("mnist-tiny");
    ImageOptions o =
        ImageOptions.of()
            .bs(8)
            .numWorkers(0)
            .seed(3)
            .itemTfms(new Resize(16))
            .batchTfms(AugTransforms.builder().build())
            .batchTfms(Normalize.fromStats(NormStats.MNIST));
    try (DataLoaders dls = ImageDataLoaders.fromFolder(data, o)) {
      Generator.manualSeed(3);
      Learner learn =
          Vision.learner(
              dls,
              Arch.XRESNET18,
              VisionOptions.defaults().pretrained(Pretrained.NONE).linFtrs(new int[] {32}),
              Metrics.accuracy());
      learn.callback(org.boarfish.learner.Progress.class).ifPresent(learn::removeCbs);
      learn.fit(1, 1e-3, new ShortEpoch(0.05, true)); // a few batches
      // a 28x28 digit: Resize(16) centre-crops and shrinks it, then the validation affine step and
      // Normalize
      Path file = data.resolve("valid/7/70.png");
      Prediction here = learn.predict(file);
      float[] probs = here.probs().toFloatArray();
      assertEquals(2, probs.length);
      assertTrue(probs[0] > 0.001 && probs[1] > 0.001, "not saturated: " + here);

      // a second digit of the other class: the file is really read there too
      Path other = ImageFiles.getImageFiles(data.resolve("valid/3")).get(0);
      float[] otherProbs = learn.predict(other).probs().toFloatArray();
      assertTrue(Math.abs(otherProbs[0] - probs[0]) > 1e-4, "two digits, two predictions");

      Path exported = tmp.resolve("digits.boarfish");
      learn.export(exported);
      String out = runFresh(exported, file, other);
      List<String[]> lines =
          out.lines().filter(l -> l.startsWith("PRED ")).map(l -> l.split(" ")).toList();
      assertEquals(2, lines.size(), out);
      assertEquals(String.valueOf(here.label()), lines.get(0)[1], out);
      assertEquals(probs[0], Float.parseFloat(lines.get(0)[2]), 1e-5, out);
      assertEquals(probs[1], Float.parseFloat(lines.get(0)[3]), 1e-5, out);
      assertEquals(otherProbs[0], Float.parseFloat(lines.get(1)[2]), 1e-5, out);
      assertEquals(otherProbs[1], Float.parseFloat(lines.get(1)[3]), 1e-5, out);
    }
  }

  private static String runFresh(Path exported, Path... images) throws Exception {
    List<String> args = new ArrayList<>(List.of(exported.toString()));
    for (Path p : images) {
      args.add(p.toString());
    }
    return FreshJvm.run(ExportedImagePredict.class, args.toArray(String[]::new));
  }
}
