package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Normalize;
import org.boarfish.data.Transform;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ImageNet normalisation is added to the user's loaders in place, as fastai's add_tfms. */
class AddNormalizeTest {
  private static final double[] MEAN = {0.485, 0.456, 0.406};
  private static final double[] STD = {0.229, 0.224, 0.225};

  @Test
  void normalizeIsAddedInPlaceOnce() {
    try (DataLoaders dls =
        ImageDataLoaders.fromFolder(
            VisionFiles.shared("mnist-tiny"), ImageOptions.of().bs(4).numWorkers(1))) {
      List<DataLoader> loaders = List.copyOf(dls.loaders());
      Tensor before = dls.valid().oneBatch().tensor(0);

      assertSame(dls, Vision.addNormalize(dls));
      assertSame(dls, Vision.addNormalize(dls)); // a Normalize is there now: nothing added
      for (int i = 0; i < loaders.size(); i++) {
        DataLoader dl = dls.loaders().get(i);
        assertSame(loaders.get(i), dl);
        List<Transform<?, ?>> tfms = dl.afterBatch().transforms();
        assertEquals(
            1,
            tfms.stream().filter(t -> t instanceof Normalize).count(),
            dl.afterBatch().toString());
        assertInstanceOf(Normalize.class, tfms.get(tfms.size() - 1));
        assertInstanceOf(
            Normalize.class, dl.toBuilder().build().afterBatch().transforms().get(tfms.size() - 1));
      }

      // the raw-input encoder (learn.predict(file), export) normalises too
      java.nio.file.Path file =
          ImageFiles.getImageFiles(VisionFiles.shared("mnist-tiny").resolve("valid")).get(0);
      Tensor encoded = dls.inputEncoder().orElseThrow().encode(List.of(file)).tensor(0);
      Tensor pixels = Image.open(file).toFloatTensor();
      for (int c = 0; c < 3; c++) {
        Tensor expected = pixels.slice(0, c, c + 1).sub(MEAN[c]).div(STD[c]);
        Tensor got = encoded.slice(1, c, c + 1).reshape(expected.shape());
        assertEquals(0.0, got.sub(expected).abs().max().item(), 1e-5);
      }

      Tensor after = dls.valid().oneBatch().tensor(0); // built in this thread
      Tensor viaWorkers = dls.valid().iterator().next().tensor(0); // built by a worker
      for (int c = 0; c < 3; c++) {
        Tensor expected = before.slice(1, c, c + 1).sub(MEAN[c]).div(STD[c]);
        assertEquals(0.0, after.slice(1, c, c + 1).sub(expected).abs().max().item(), 1e-5);
        assertEquals(0.0, viaWorkers.slice(1, c, c + 1).sub(expected).abs().max().item(), 1e-5);
      }
    }
  }

  @Test
  void learnerKeepsTheGivenLoaders() {
    DataLoaders dls = VisionLearnerTest.twoClasses(16, 32, 2);
    Learner learn =
        Vision.learner(
            dls, Arch.RESNET18, VisionOptions.defaults().pretrained(Pretrained.NONE).nOut(2));
    assertSame(dls, learn.dls());
  }
}
