package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Preds;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.metrics.Metric;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.Losses;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segmentation predictions: {@code getPreds} (softmax over the class axis of [B, C, H, W]) agrees
 * with the per-batch metric, pixel by pixel.
 */
class SegmentationPredsTest {
  private static final int BKG = 0;

  @BeforeEach
  void seed() {
    Generator.manualSeed(0);
  }

  @Test
  void softmaxOverClassAxisMatchesTorch() {
    Tensor x = Tensor.fromNpy(VisionFiles.resource("softmax_x.npy")).requiresGrad(true);
    Tensor w = Tensor.fromNpy(VisionFiles.resource("softmax_w.npy"));
    Tensor y = F.softmax(x, 1);
    assertArrayEquals(
        Tensor.fromNpy(VisionFiles.resource("softmax_out.npy")).toFloatArray(),
        y.contiguous().toFloatArray(),
        1e-6f);
    y.mul(w).sum().backward();
    assertArrayEquals(
        Tensor.fromNpy(VisionFiles.resource("softmax_grad.npy")).toFloatArray(),
        x.grad().contiguous().toFloatArray(),
        1e-6f);
    Tensor act = Losses.crossEntropy(1).activation(x.detach());
    assertEquals(0.0, act.sub(y.detach()).abs().max().item(), 0.0);
  }

  @Test
  void getPredsAgreesWithForegroundAccMetric() {
    // 6 validation images in batches of 4 and 2 (the last one partial), 4 classes
    Generator g = new Generator(7);
    Tensor x = Tensor.randn(g, 14, 3, 32, 32);
    Tensor y =
        x.slice(1, 0, 1)
            .gt(0)
            .to(DType.INT64)
            .add(x.slice(1, 1, 2).gt(0.5).to(DType.INT64).mul(2))
            .squeeze(1);
    Learner learn = unet(x, y, 6, 4, Metrics.foregroundAcc(BKG));
    learn.fit(1, 1e-3);
    double metric = learn.validate().metrics().get("foreground_acc");

    Preds p = learn.getPreds(1, true, false);
    assertArrayEquals(new long[] {6, 4, 32, 32}, p.preds().shape());
    assertArrayEquals(new long[] {6, 32, 32}, p.decoded().shape());
    assertEquals(0.0, p.targets().sub(y.slice(0, 0, 6)).abs().max().item(), 0.0);
    long[] decoded = p.decoded().to(DType.INT64).contiguous().toLongArray();
    assertArrayEquals(p.preds().argmax(1).to(DType.INT64).contiguous().toLongArray(), decoded);
    long[] targ = p.targets().to(DType.INT64).contiguous().toLongArray();
    int perImage = 32 * 32;
    double fromPreds =
        (4 * accuracy(decoded, targ, 0, 4 * perImage)
                + 2 * accuracy(decoded, targ, 4 * perImage, 6 * perImage))
            / 6;
    assertEquals(metric, fromPreds, 1e-9);
    Tensor sums = p.preds().sum(1);
    assertEquals(1.0, sums.min().item(), 1e-5);
    assertEquals(1.0, sums.max().item(), 1e-5);
    // the predictions are not all one class, so the agreement says something
    assertTrue(fromPreds > 0 && fromPreds < 1, "foreground accuracy " + fromPreds);
  }

  /**
   * A ResNet-18 U-Net with {@code nOut} classes on images {@code x} and masks {@code y}: the first
   * {@code nValid} validate, the rest train, batches of 4.
   */
  private static Learner unet(Tensor x, Tensor y, int nValid, int nOut, Metric... metrics) {
    long n = x.size(0);
    DataLoaders dls =
        TensorDataLoaders.of(
            x.slice(0, nValid, n),
            y.slice(0, nValid, n),
            x.slice(0, 0, nValid),
            y.slice(0, 0, nValid),
            4,
            1,
            LossHint.NONE);
    return Vision.unetLearner(
        dls,
        Arch.RESNET18,
        VisionOptions.defaults()
            .pretrained(Pretrained.NONE)
            .nOut(nOut)
            .lossFunc(Losses.crossEntropy(1)),
        metrics);
  }

  @Test
  void classificationInterpretationCountsPixels() {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, 8, 3, 32, 32);
    Tensor y = x.slice(1, 0, 1).gt(0).to(DType.INT64).add(x.slice(1, 1, 2).gt(1).to(DType.INT64));
    y = y.squeeze(1);
    Learner learn = unet(x, y, 4, 3);
    ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
    assertTrue(interp.isPixels());

    long[] pred;
    try (org.boarfish.tensor.Autograd.NoGrad ng = org.boarfish.tensor.Autograd.noGrad()) {
      pred = learn.model().eval().call(x.slice(0, 0, 4)).argmax(1).contiguous().toLongArray();
    }
    long[] targ = y.slice(0, 0, 4).contiguous().toLongArray();
    long[][] expected = new long[3][3];
    for (int i = 0; i < targ.length; i++) {
      expected[(int) targ[i]][(int) pred[i]]++;
    }
    long[][] cm = interp.confusionMatrix();
    for (int k = 0; k < 3; k++) {
      assertArrayEquals(expected[k], cm[k], "row " + k);
    }
    assertTrue(interp.classificationReport().contains(Integer.toString(targ.length)));
    var e = assertThrows(IllegalStateException.class, () -> interp.topLosses(3));
    assertTrue(e.getMessage().contains("Vision.showResults"), e.getMessage());
  }

  private static double accuracy(long[] pred, long[] targ, int from, int to) {
    long n = 0;
    long ok = 0;
    for (int i = from; i < to; i++) {
      if (targ[i] != BKG) {
        n++;
        ok += pred[i] == targ[i] ? 1 : 0;
      }
    }
    return (double) ok / n;
  }
}
