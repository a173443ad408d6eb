package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.InputEncoders;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.Prediction;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image encoder: same batches as the validation loader, and predictions from an export. */
class ImageInputEncoderTest {
  @TempDir Path tmp;

  static final Path MNIST_TINY = VisionFiles.shared("mnist-tiny");

  @Test
  void encodesLikeTheValidationLoaderAfterAJsonRoundTrip() {
    ImageOptions o =
        ImageOptions.of()
            .mode(ImageMode.GREY)
            .bs(4)
            .numWorkers(0)
            .itemTfms(new Resize(20, ResizeMethod.PAD, PadMode.ZEROS))
            .batchTfms(AugTransforms.builder().size(16).build())
            .batchTfms(Normalize.fromStats(NormStats.MNIST));
    try (DataLoaders dls = ImageDataLoaders.fromFolder(MNIST_TINY, o)) {
      InputEncoder enc = dls.inputEncoder().orElseThrow();
      assertEquals("vision.image", enc.kind());
      new VisionExportPlugin().register();
      InputEncoder rebuilt = InputEncoders.fromJson(enc.kind(), enc.toJson());
      List<Path> files = ImageFiles.getImageFiles(MNIST_TINY.resolve("valid")).subList(0, 4);
      Tensor x = rebuilt.encode(files).x();
      assertArrayEquals(new long[] {4, 1, 16, 16}, x.shape());
      try (DataLoader test = dls.testDl(files)) {
        assertArrayEquals(test.oneBatch().x().toFloatArray(), x.toFloatArray(), 1e-6f);
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> rebuilt.encode(List.of(42)));
      assertTrue(e.getMessage().contains("image file"), e.getMessage());
    }
  }

  @Test
  void anExportedLearnerPredictsOnImageFiles() {
    ImageOptions o =
        ImageOptions.of()
            .mode(ImageMode.GREY)
            .bs(16)
            .numWorkers(0)
            .seed(1)
            .batchTfms(Normalize.fromStats(NormStats.MNIST));
    try (DataLoaders dls = ImageDataLoaders.fromFolder(MNIST_TINY, o)) {
      var model = ModelRegistry.build("simple_cnn", ModelConfig.empty().with("nOut", dls.c()));
      Learner learn = Learner.builder(dls, model).progress(false).path(tmp).build();
      learn.fit(1, 1e-2);
      Path file = MNIST_TINY.resolve("valid/7/70.png");
      Prediction before = learn.predict(file);
      Path exported = tmp.resolve("digits.boarfish");
      learn.export(exported);
      Prediction after = Learner.load(exported).predict(file);
      assertEquals(before.label(), after.label());
      assertArrayEquals(before.probs().toFloatArray(), after.probs().toFloatArray(), 1e-5f);
    }
  }
}
