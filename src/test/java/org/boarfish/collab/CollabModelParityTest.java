package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EmbeddingDotBias and EmbeddingNN against PyTorch (collab_fixture.json). */
class CollabModelParityTest {
  private static final JsonNode FIX = CollabFixtures.json();

  private static Tensor t(JsonNode a, long... shape) {
    return Tensor.of(CollabFixtures.floats(a), shape);
  }

  private static EmbeddingDotBias dotModel(JsonNode d) {
    int nu = d.get("nu").asInt();
    int ni = d.get("ni").asInt();
    int nf = d.get("nf").asInt();
    EmbeddingDotBias m = new EmbeddingDotBias(nf, nu, ni, YRange.of(0, 5.5), new Generator(0));
    Map<String, Tensor> sd = new HashMap<>();
    sd.put("u_weight.weight", t(d.get("u_weight"), nu, nf));
    sd.put("i_weight.weight", t(d.get("i_weight"), ni, nf));
    sd.put("u_bias.weight", t(d.get("u_bias"), nu, 1));
    sd.put("i_bias.weight", t(d.get("i_bias"), ni, 1));
    m.loadStateDict(sd);
    return m;
  }

  @ParameterizedTest(name = "fused={0}")
  @ValueSource(booleans = {true, false})
  void dotBiasForwardAndGradientsMatchPyTorch(boolean fused) {
    JsonNode d = FIX.get("dot");
    EmbeddingDotBias m = dotModel(d).fused(fused);
    long[] x = CollabFixtures.longs(d.get("x"));
    Tensor xb = Tensor.of(x, x.length / 2, 2);
    Tensor y = t(d.get("y"), x.length / 2);
    // two steps: the first makes the gradients, the second adds into the stored (leaf) gradients
    for (int step = 1; step <= 2; step++) {
      Tensor pred = m.call(xb);
      assertArrayEquals(CollabFixtures.floats(d.get("pred")), pred.toFloatArray(), 1e-5f);
      Tensor loss = F.mseLoss(pred, y, Reduction.MEAN);
      assertEquals(d.get("loss").asDouble(), loss.item(), 1e-5);
      loss.backward();
      assertGrad(d.get("g_u_weight"), m.userFactors(), step);
      assertGrad(d.get("g_i_weight"), m.itemFactors(), step);
      assertGrad(d.get("g_u_bias"), m.userBiases(), step);
      assertGrad(d.get("g_i_bias"), m.itemBiases(), step);
    }
  }

  private static void assertGrad(JsonNode expected, Tensor param, int times) {
    float[] e = CollabFixtures.floats(expected);
    for (int i = 0; i < e.length; i++) {
      e[i] *= times;
    }
    assertArrayEquals(e, param.grad().toFloatArray(), 1e-5f);
  }

  @Test
  void dotBiasWithoutYRangeIsTheRawSum() {
    JsonNode d = FIX.get("dot");
    int nu = d.get("nu").asInt();
    int ni = d.get("ni").asInt();
    int nf = d.get("nf").asInt();
    EmbeddingDotBias m = new EmbeddingDotBias(nf, nu, ni, null, new Generator(0));
    m.loadStateDict(dotModel(d).stateDict());
    long[] x = CollabFixtures.longs(d.get("x"));
    float[] res = m.call(Tensor.of(x, x.length / 2, 2)).toFloatArray();
    assertArrayEquals(CollabFixtures.floats(d.get("res")), res, 1e-5f);
  }

  @Test
  void embeddingNnMatchesPyTorchInTrainAndEvalMode() {
    JsonNode n = FIX.get("nn");
    JsonNode d = FIX.get("dot");
    int nu = d.get("nu").asInt();
    int ni = d.get("ni").asInt();
    int du = n.get("du").asInt();
    int di = n.get("di").asInt();
    int h = n.get("h").asInt();
    EmbeddingNN m =
        new EmbeddingNN(new int[][] {{nu, du}, {ni, di}}, new int[] {h}, YRange.of(0, 5.5));
    Map<String, Tensor> sd = new HashMap<>(m.stateDict());
    sd.put("embeds.0.weight", t(n.get("embeds0"), nu, du));
    sd.put("embeds.1.weight", t(n.get("embeds1"), ni, di));
    sd.put("layers.0.0.weight", t(n.get("bn_weight"), du + di));
    sd.put("layers.0.0.bias", t(n.get("bn_bias"), du + di));
    sd.put("layers.0.0.running_mean", t(n.get("run_mean"), du + di));
    sd.put("layers.0.0.running_var", t(n.get("run_var"), du + di));
    sd.put("layers.0.1.weight", t(n.get("lin1"), h, du + di));
    sd.put("layers.1.0.weight", t(n.get("lin2"), 1, h));
    sd.put("layers.1.0.bias", t(n.get("lin2_bias"), 1));
    m.loadStateDict(sd);
    long[] x = CollabFixtures.longs(d.get("x"));
    Tensor xb = Tensor.of(x, x.length / 2, 2);
    m.train();
    Tensor pred = m.call(xb);
    assertArrayEquals(new long[] {x.length / 2, 1}, pred.shape());
    assertArrayEquals(CollabFixtures.floats(n.get("pred_train")), pred.toFloatArray(), 1e-5f);
    Tensor loss = F.mseLoss(pred.reshape(-1), t(d.get("y"), x.length / 2), Reduction.MEAN);
    assertEquals(n.get("loss").asDouble(), loss.item(), 1e-5);
    loss.backward();
    Map<String, Tensor> p = m.namedParameters();
    assertArrayEquals(
        CollabFixtures.floats(n.get("g_embeds0")),
        p.get("embeds.0.weight").grad().toFloatArray(),
        1e-5f);
    assertArrayEquals(
        CollabFixtures.floats(n.get("g_embeds1")),
        p.get("embeds.1.weight").grad().toFloatArray(),
        1e-5f);
    assertArrayEquals(
        CollabFixtures.floats(n.get("g_lin1")),
        p.get("layers.0.1.weight").grad().toFloatArray(),
        1e-5f);
    assertArrayEquals(
        CollabFixtures.floats(n.get("g_bn_weight")),
        p.get("layers.0.0.weight").grad().toFloatArray(),
        1e-5f);
    assertArrayEquals(
        CollabFixtures.floats(n.get("running_mean_after")),
        m.stateDict().get("layers.0.0.running_mean").toFloatArray(),
        1e-5f);
    m.eval();
    assertArrayEquals(CollabFixtures.floats(n.get("pred_eval")), m.call(xb).toFloatArray(), 1e-5f);
  }

  @Test
  void w5ConfigurationHas133977Parameters() {
    EmbeddingDotBias m = new EmbeddingDotBias(50, 944, 1683, YRange.of(0, 5.5));
    long n = m.parameters().stream().mapToLong(Tensor::numel).sum();
    assertEquals(133_977, n);
    // fastai's init: trunc-normal with std 0.01, so every value is within 0.02
    float[] w = m.itemFactors().toFloatArray();
    double sq = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= 0.02f, "fmod(2)·0.01 bounds the init");
      sq += v * v;
    }
    double std = Math.sqrt(sq / w.length);
    assertTrue(std > 0.0085 && std < 0.0095, "std of trunc-normal(0.01) ≈ 0.0088, got " + std);
  }

  @Test
  void embSzRuleIsFastais() {
    assertEquals(73, EmbeddingNN.embSzRule(914));
    assertEquals(100, EmbeddingNN.embSzRule(1621));
    assertEquals(6, EmbeddingNN.embSzRule(10));
  }

  @Test
  void badInputsAreNamed() {
    EmbeddingDotBias m = new EmbeddingDotBias(4, 5, 7, null);
    var wrongShape =
        assertThrows(
            IllegalArgumentException.class, () -> m.call(Tensor.of(new long[] {1, 2, 3}, 3)));
    assertTrue(wrongShape.getMessage().contains("[B, 2]"), wrongShape.getMessage());
    var outOfRange =
        assertThrows(
            IllegalArgumentException.class, () -> m.call(Tensor.of(new long[] {1, 9}, 1, 2)));
    assertTrue(outOfRange.getMessage().contains("item index 9"), outOfRange.getMessage());
  }
}
