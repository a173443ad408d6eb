package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** fastai's flat losses against {@link F} and hand computations. */
class LossTest {
  private final Generator gen = new Generator(3);

  @Test
  void crossEntropyFlatMatchesFAndFlattensAnyAxis() {
    Tensor logits = Tensor.randn(gen, 6, 4);
    Tensor y = Tensor.of(new int[] {0, 3, 1, 2, 2, 0});
    Loss ce = Losses.crossEntropy();
    assertEquals(
        F.crossEntropy(logits, y.to(DType.INT64)).item(), ce.apply(logits, y).item(), 1e-6);
    // hand: mean of −log softmax at the target
    double hand = 0;
    float[] l = logits.toFloatArray();
    int[] t = {0, 3, 1, 2, 2, 0};
    for (int i = 0; i < 6; i++) {
      double s = 0;
      for (int c = 0; c < 4; c++) {
        s += Math.exp(l[i * 4 + c]);
      }
      hand += Math.log(s) - l[i * 4 + t[i]];
    }
    assertEquals(hand / 6, ce.apply(logits, y).item(), 1e-5);

    // segmentation-style [N, C, H, W] with axis 1 == [N·H·W, C] rows
    Tensor seg = Tensor.randn(gen, 2, 3, 2, 5);
    Tensor mask = Tensor.randint(gen, 0, 3, 2, 2, 5);
    Tensor rows = seg.permute(0, 2, 3, 1).reshape(-1, 3);
    assertEquals(
        F.crossEntropy(rows, mask.reshape(-1)).item(),
        Losses.crossEntropy(1).apply(seg, mask).item(),
        1e-6);
    assertEquals(
        F.crossEntropy(seg, mask).item(), Losses.crossEntropy(1).apply(seg, mask).item(), 1e-6);

    Tensor none = new CrossEntropyLossFlat(-1, Reduction.NONE).apply(logits, y);
    assertArrayEquals(new long[] {6}, none.shape());
    assertEquals(Reduction.NONE, ce.withReduction(Reduction.NONE).reduction());
  }

  @Test
  void crossEntropyActivatesAndDecodes() {
    Tensor logits = Tensor.of(new float[] {1, 3, 2, 0, -1, 5}, 2, 3);
    CrossEntropyLossFlat ce = Losses.crossEntropy();
    Tensor p = ce.activation(logits);
    assertArrayEquals(new float[] {1, 1}, p.sum(1).toFloatArray(), 1e-6f);
    assertArrayEquals(new long[] {1, 2}, ce.decode(p).toLongArray());
    assertArrayEquals(new long[] {0, 0, 1}, Losses.crossEntropy(0).decode(logits).toLongArray());
    assertEquals("CrossEntropyLossFlat(axis=-1)", ce.toString());
  }

  @Test
  void crossEntropyRejectsFloatTargetsAndCountMismatches() {
    Tensor logits = Tensor.randn(gen, 4, 3);
    IllegalArgumentException f =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy().apply(logits, Tensor.zeros(4)));
    assertTrue(
        f.getMessage().contains("int class indices") && f.getMessage().contains("bceWithLogits"),
        f.getMessage());
    IllegalArgumentException n =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy().apply(logits, Tensor.of(new long[] {0, 1, 2})));
    assertTrue(n.getMessage().contains("[4, 3]") && n.getMessage().contains("[3]"), n.getMessage());
  }

  @Test
  void bceWithLogitsFlatCastsTargetsAndThresholds() {
    Tensor logits = Tensor.randn(gen, 5, 3);
    Tensor y = Tensor.randint(gen, 0, 2, 5, 3);
    BCEWithLogitsLossFlat bce = Losses.bceWithLogits();
    double hand = 0;
    float[] x = logits.toFloatArray();
    long[] t = y.toLongArray();
    for (int i = 0; i < x.length; i++) {
      double p = 1 / (1 + Math.exp(-x[i]));
      hand -= t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
    }
    assertEquals(hand / x.length, bce.apply(logits, y).item(), 1e-5);
    assertEquals(
        F.bceWithLogits(logits, y.to(DType.FLOAT32), Reduction.MEAN).item(),
        bce.apply(logits, y).item(),
        1e-6);
    Tensor act = bce.activation(Tensor.of(new float[] {-1, 0.5f, 2}));
    assertArrayEquals(new boolean[] {false, true, true}, toBools(bce.decode(act)));
    assertArrayEquals(
        new boolean[] {false, false, true}, toBools(Losses.bceWithLogits(0.8).decode(act)));
    assertEquals("BCEWithLogitsLossFlat(thresh=0.5)", bce.toString());
    assertThrows(IllegalArgumentException.class, () -> bce.apply(logits, Tensor.zeros(4, 3)));
  }

  private static boolean[] toBools(Tensor t) {
    long[] v = t.toLongArray();
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = v[i] != 0;
    }
    return b;
  }

  @Test
  void mseAndL1FlattenPredictionsAndTargets() {
    Tensor pred = Tensor.of(new float[] {1, 2, 3, 4}, 4, 1);
    Tensor targ = Tensor.of(new long[] {1, 0, 5, 4});
    assertEquals((0 + 4 + 4 + 0) / 4.0, Losses.mse().apply(pred, targ).item(), 1e-6);
    assertEquals((0 + 2 + 2 + 0) / 4.0, Losses.l1().apply(pred, targ).item(), 1e-6);
    assertEquals(
        F.mseLoss(pred.reshape(-1), targ.to(DType.FLOAT32), Reduction.MEAN).item(),
        Losses.mse().apply(pred, targ).item(),
        1e-7);
    assertEquals(pred, Losses.mse().activation(pred));
    assertEquals("MSELossFlat()", Losses.mse().toString());
    assertEquals("L1LossFlat()", Losses.l1().toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Losses.mse().apply(pred, Tensor.zeros(3)));
    assertTrue(e.getMessage().contains("[4, 1]") && e.getMessage().contains("[3]"), e.getMessage());
  }

  @Test
  void labelSmoothingEqualsFastaisFormulaAndFsSmoothedCrossEntropy() {
    Tensor logits = Tensor.randn(gen, 8, 5);
    Tensor y = Tensor.randint(gen, 0, 5, 8);
    LabelSmoothingCrossEntropy ls = Losses.labelSmoothing();
    assertEquals(
        F.crossEntropy(logits, y, Reduction.MEAN, 0.1).item(), ls.apply(logits, y).item(), 1e-6);
    assertEquals(
        F.crossEntropy(logits, y, Reduction.SUM, 0.3).item(),
        new LabelSmoothingCrossEntropy(0.3, Reduction.SUM).apply(logits, y).item(),
        1e-5);
    Tensor none = new LabelSmoothingCrossEntropy(0.2, Reduction.NONE).apply(logits, y);
    assertArrayEquals(
        F.crossEntropy(logits, y, Reduction.NONE, 0.2).toFloatArray(), none.toFloatArray(), 1e-5f);
    // hand: (ε/C)·Σ−logp + (1−ε)·nll, mean over items
    Tensor logp = logits.logSoftmax(1);
    double smooth = logp.sum(1).neg().mean().item() * 0.1 / 5;
    double nll = F.nllLoss(logp, y, Reduction.MEAN).item() * 0.9;
    assertEquals(smooth + nll, ls.apply(logits, y).item(), 1e-6);
    assertEquals(
        Losses.crossEntropy().apply(logits, y).item(),
        Losses.labelSmoothing(0).apply(logits, y).item(),
        1e-6);
    assertEquals("LabelSmoothingCrossEntropy(eps=0.1)", ls.toString());
    assertArrayEquals(
        logits.argmax(1).toLongArray(), ls.decode(ls.activation(logits)).toLongArray());
  }

  @Test
  void lossesAreDifferentiable() {
    Tensor logits = Tensor.randn(gen, 4, 3).requiresGrad(true);
    Losses.labelSmoothing().apply(logits, Tensor.of(new long[] {0, 1, 2, 1})).backward();
    assertArrayEquals(new float[] {0, 0, 0, 0}, logits.grad().sum(1).toFloatArray(), 1e-6f);
  }
}
