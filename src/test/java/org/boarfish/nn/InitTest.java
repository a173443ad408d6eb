package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Initialisation statistics of {@link Init} and of the layers' defaults. */
class InitTest {

  private static double std(Tensor t) {
    return t.std().item();
  }

  private static double maxAbs(Tensor t) {
    return t.abs().max().item();
  }

  @Test
  void kaimingStdMatchesTheFormulaOnABigLayer() {
    Tensor w = Tensor.zeros(512, 256, 3, 3); // fanIn 2304, fanOut 4608
    Init.kaimingNormal(w, 0, Init.Fan.IN, new Generator(1));
    assertEquals(Math.sqrt(2.0 / 2304), std(w), 0.05 * Math.sqrt(2.0 / 2304));
    Init.kaimingNormal(w, 0, Init.Fan.OUT, new Generator(2));
    assertEquals(Math.sqrt(2.0 / 4608), std(w), 0.05 * Math.sqrt(2.0 / 4608));
    Init.kaimingUniform(w, 0, Init.Fan.IN, new Generator(3));
    double bound = Math.sqrt(2) * Math.sqrt(3.0 / 2304);
    assertEquals(bound / Math.sqrt(3), std(w), 0.05 * bound / Math.sqrt(3));
    assertTrue(maxAbs(w) <= bound);
    Init.kaimingUniform(w, 0.1, Init.Fan.IN, new Generator(3));
    assertTrue(maxAbs(w) <= Math.sqrt(2 / 1.01) * Math.sqrt(3.0 / 2304));
  }

  @Test
  void xavierAndPlainInits() {
    Tensor w = Tensor.zeros(300, 200);
    Init.xavierUniform(w, 1, new Generator(4));
    double bound = Math.sqrt(6.0 / 500);
    assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.95 * bound);
    Init.normal(w, 3, 0.5, new Generator(5));
    assertEquals(3, w.mean().item(), 0.01);
    assertEquals(0.5, std(w), 0.01);
    Init.uniform(w, -2, -1);
    assertTrue(w.max().item() < -1 && w.min().item() >= -2);
    assertEquals(0, Init.zeros(w).abs().sum().item(), 0);
    assertEquals(60000, Init.ones(w).sum().item(), 0);
    assertThrows(IllegalArgumentException.class, () -> Init.kaimingNormal(Tensor.zeros(5)));
  }

  @Test
  void truncNormalIsFastaisFmodVersion() {
    Tensor w = Tensor.zeros(200, 500);
    Init.truncNormal(w, 0.01, new Generator(6));
    assertTrue(maxAbs(w) < 0.02, "bounded by 2·std");
    // N(0,1) fmod 2 has std ≈ 0.866 (mass beyond ±2 folded back towards 0)
    assertEquals(0.00866, std(w), 0.0002);
    Tensor v = Tensor.zeros(4);
    Init.truncNormal(v, 1, new Generator(7));
    double[] raw = new Generator(7).normal(4, 0, 1);
    for (int i = 0; i < 4; i++) {
      assertEquals(raw[i] % 2, v.toDoubleArray()[i], 1e-6);
    }
  }

  @Test
  void seededInitsRepeat() {
    assertArrayEquals(
        new Linear(5, 3, true, new Generator(9)).weight().toFloatArray(),
        new Linear(5, 3, true, new Generator(9)).weight().toFloatArray());
    assertFalse(
        java.util.Arrays.equals(
            new Linear(5, 3, true, new Generator(9)).weight().toFloatArray(),
            new Linear(5, 3, true, new Generator(10)).weight().toFloatArray()));
  }

  @Test
  void pytorchDefaultsForLinearConvLstmEmbedding() {
    Linear l = new Linear(400, 300, true, new Generator(11));
    double b = 1 / Math.sqrt(400);
    assertTrue(maxAbs(l.weight()) <= b && maxAbs(l.weight()) > 0.98 * b);
    assertTrue(maxAbs(l.bias()) <= b);
    assertEquals(b / Math.sqrt(3), std(l.weight()), 0.05 * b / Math.sqrt(3));
    Conv2d c = new Conv2d(16, 32, 3);
    double cb = 1 / Math.sqrt(16 * 9);
    assertTrue(maxAbs(c.weight()) <= cb && maxAbs(c.bias()) <= cb);
    Conv2d g = new Conv2d(16, 32, 3, 1, 0, 1, 4, true);
    assertArrayEquals(new long[] {32, 4, 3, 3}, g.weight().shape());
    assertTrue(maxAbs(g.weight()) <= 1 / Math.sqrt(4 * 9));
    ConvTranspose2d ct = new ConvTranspose2d(8, 6, 2);
    assertArrayEquals(new long[] {8, 6, 2, 2}, ct.weight().shape());
    assertTrue(maxAbs(ct.weight()) <= 1 / Math.sqrt(6 * 4));
    LSTM lstm = new LSTM(10, 25, 2, true);
    assertEquals(8, lstm.parameters().size());
    assertTrue(lstm.parameters().stream().allMatch(p -> maxAbs(p) <= 1 / Math.sqrt(25)));
    Embedding e = new Embedding(1000, 50, 3L);
    assertEquals(1.0, std(e.weight()), 0.02);
    assertEquals(0, e.weight().index("3").abs().sum().item(), 0);
    Embedding f = Embedding.fastai(1000, 50);
    assertTrue(maxAbs(f.weight()) < 0.02);
    BatchNorm2d bn = new BatchNorm2d(4);
    assertArrayEquals(new float[] {1, 1, 1, 1}, bn.weight().toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0, 0}, bn.bias().toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1, 1}, bn.runningVar().toFloatArray());
  }

  @Test
  void convLayerInitFollowsItsActivationAndFastaisBatchNorm() {
    ConvLayer relu = new ConvLayer(64, 128, 3, 1, ConvLayer.Options.defaults(), new Generator(12));
    double bound = Math.sqrt(2) * Math.sqrt(3.0 / (64 * 9));
    assertTrue(
        maxAbs(relu.conv().weight()) <= bound && maxAbs(relu.conv().weight()) > 0.98 * bound);
    assertEquals(null, relu.conv().bias());
    assertArrayEquals(Tensor.ones(128).toFloatArray(), relu.bn().weight().toFloatArray());
    assertArrayEquals(Tensor.full(1e-3, 128).toFloatArray(), relu.bn().bias().toFloatArray());

    ConvLayer zero = new ConvLayer(8, 8, 3, 1, ConvLayer.Options.defaults().zeroBn().noAct());
    assertEquals(0, zero.bn().weight().abs().sum().item(), 0);
    assertEquals(2, zero.size());

    ConvLayer sig =
        new ConvLayer(
            64,
            128,
            3,
            1,
            ConvLayer.Options.defaults().withAct(Sigmoid::new).withNorm(ConvLayer.Norm.NONE));
    double xb = Math.sqrt(6.0 / (64 * 9 + 128 * 9));
    assertTrue(maxAbs(sig.conv().weight()) <= xb && maxAbs(sig.conv().weight()) > 0.98 * xb);
    assertEquals(0.01, std(sig.conv().bias()), 0.004);
    assertEquals(null, sig.bn());
    assertEquals("Sigmoid", sig.get(1).name());

    LinBnDrop lbd = new LinBnDrop(10, 5, true, 0.5, new ReLU());
    assertEquals(List.of("BatchNorm1d", "Dropout", "Linear", "ReLU"), names(lbd));
    assertEquals(1e-3, ((BatchNorm1d) lbd.get(0)).bias().index("0").item(), 1e-9);
    assertFalse(((Linear) lbd.get(2)).hasBias());
    assertEquals(
        List.of("Linear", "ReLU", "BatchNorm1d", "Dropout"),
        names(new LinBnDrop(10, 5, true, 0.5, new ReLU(), true)));
    assertEquals(5, ((BatchNorm1d) new LinBnDrop(10, 5, true, 0, null, true).get(1)).numFeatures());
    assertEquals(List.of("Linear"), names(new LinBnDrop(10, 5, false, 0, null)));
    assertTrue(((Linear) new LinBnDrop(10, 5, false, 0, null).get(0)).hasBias());
  }

  private static List<String> names(Sequential s) {
    return s.children().stream().map(Module::name).toList();
  }
}
