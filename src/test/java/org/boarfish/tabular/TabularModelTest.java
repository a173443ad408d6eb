package org.boarfish.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * embSzRule, the W4 model's size, and forward/backward parity with a PyTorch model of fastai's
 * layout (src/test/resources/tabular/make_tabular_fixture.py).
 */
class TabularModelTest {
  static final int[] W4_CARDS = {10, 17, 8, 16, 7, 6, 3, 3};

  @Test
  void embSzRuleMatchesFastai() {
    int[] widths = new int[W4_CARDS.length];
    for (int j = 0; j < widths.length; j++) {
      widths[j] = Tabular.embSzRule(W4_CARDS[j]);
    }
    assertArrayEquals(new int[] {6, 8, 5, 8, 5, 4, 3, 3}, widths);
    assertEquals(13, Tabular.embSzRule(43)); // adult's native-country
    assertEquals(2, Tabular.embSzRule(2));
    assertEquals(600, Tabular.embSzRule(10_000_000));
    assertThrows(IllegalArgumentException.class, () -> Tabular.embSzRule(0));
  }

  @Test
  void w4ModelHas30855ParametersWithFastaiNames() {
    int[][] szs = new int[W4_CARDS.length][];
    for (int j = 0; j < szs.length; j++) {
      szs[j] = new int[] {W4_CARDS[j], Tabular.embSzRule(W4_CARDS[j])};
    }
    TabularModel m = new TabularModel(szs, 6, 2, TabularConfig.defaults());
    long n = 0;
    for (Tensor p : m.parameters()) {
      n += p.numel();
    }
    assertEquals(30_855, n);
    assertEquals(48, m.nEmb() + m.nCont());
    var names = m.stateDict().keySet();
    assertTrue(names.contains("embeds.7.weight"), names.toString());
    assertTrue(names.contains("bn_cont.running_var"), names.toString());
    assertTrue(names.contains("layers.0.2.bias"), names.toString());
    assertTrue(names.contains("layers.2.0.bias"), names.toString());
    // hidden BN: fastai's bias 1e-3; continuous BN: PyTorch default 0
    assertEquals(1e-3, m.stateDict().get("layers.0.2.bias").toFloatArray()[0], 1e-9);
    assertEquals(0, m.stateDict().get("bn_cont.bias").toFloatArray()[0]);
    // the registry rebuilds the same architecture from its recipe
    var cfg = Tabular.config(szs, 6, 2, TabularConfig.defaults());
    var again = ModelRegistry.build(Tabular.MODEL, cfg);
    assertEquals(m.stateDict().keySet(), again.stateDict().keySet());
  }

  @Test
  void forwardAndGradientsMatchPyTorch() throws Exception {
    JsonNode fx;
    try (InputStream in = getClass().getResourceAsStream("/tabular/tabular_model.json")) {
      fx = new ObjectMapper().readTree(in);
    }
    int k = fx.get("cards").size();
    int[][] szs = new int[k][];
    for (int j = 0; j < k; j++) {
      szs[j] = new int[] {fx.get("cards").get(j).asInt(), fx.get("widths").get(j).asInt()};
    }
    List<Integer> layers = new ArrayList<>();
    fx.get("layers").forEach(l -> layers.add(l.asInt()));
    TabularModel m =
        new TabularModel(
            szs,
            fx.get("n_cont").asInt(),
            fx.get("out_sz").asInt(),
            TabularConfig.defaults().withLayers(layers));
    Map<String, Tensor> state = new HashMap<>(m.stateDict());
    fx.get("state").fields().forEachRemaining(e -> state.put(e.getKey(), floats(e.getValue())));
    m.loadStateDict(state);
    long count = 0;
    for (Tensor p : m.parameters()) {
      count += p.numel();
    }
    assertEquals(fx.get("param_count").asLong(), count);

    Tensor xCat = longs(fx.get("x_cat"));
    Tensor xCont = floats(fx.get("x_cont"));
    Tensor y = longs(fx.get("y"));
    m.train();
    Tensor out = m.forward(List.of(xCat, xCont));
    assertClose(fx.get("out_train"), out, 1e-5);
    Tensor loss = F.crossEntropy(out, y);
    assertEquals(fx.get("loss").asDouble(), loss.item(), 1e-5);
    loss.backward();
    Map<String, Tensor> params = m.namedParameters();
    fx.get("grads")
        .fields()
        .forEachRemaining(e -> assertClose(e.getValue(), params.get(e.getKey()).grad(), 1e-5));
    m.eval();
    try (var ng = Autograd.noGrad()) {
      // eval mode uses the running statistics the training forward just updated
      assertClose(fx.get("out_eval"), m.forward(List.of(xCat, xCont)), 1e-5);
    }
  }

  @Test
  void theFusedInputLayerMatchesThePlainOps() {
    int[][] szs = {{4, 3}, {3, 2}};
    TabularModel fused =
        new TabularModel(szs, 2, 2, TabularConfig.defaults().withLayers(List.of(5)));
    // embedding dropout (identity in eval mode) makes the model take the plain slice/gather/cat
    // path
    TabularModel plain =
        new TabularModel(
            szs, 2, 2, TabularConfig.defaults().withLayers(List.of(5)).withEmbedP(0.5));
    plain.loadStateDict(fused.stateDict());
    fused.eval();
    plain.eval();
    Tensor xCat = Tensor.of(new long[] {0, 2, 3, 1, 1, 0}, 3, 2);
    Tensor xCont = Tensor.of(new float[] {0.5f, -1, 2, 0, -0.3f, 0.7f}, 3, 2);
    float[] a = fused.forward(List.of(xCat, xCont)).toFloatArray();
    float[] b = plain.forward(List.of(xCat, xCont)).toFloatArray();
    assertArrayEquals(b, a, 1e-6f);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> fused.forward(List.of(Tensor.of(new long[] {4, 0}, 1, 2), Tensor.zeros(1, 2))));
    assertTrue(e.getMessage().contains("holds code 4"), e.getMessage());
  }

  @Test
  void badShapesAndSettingsAreNamed() {
    TabularModel m = new TabularModel(new int[][] {{3, 2}}, 2, 2, TabularConfig.defaults());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.forward(List.of(Tensor.of(new long[] {0, 1}, 1, 2), Tensor.zeros(1, 2))));
    assertTrue(e.getMessage().contains("categorical input must be [B, 1]"), e.getMessage());
    var p =
        assertThrows(
            IllegalArgumentException.class,
            () -> TabularConfig.defaults().withPs(List.of(0.1, 0.2, 0.3)));
    assertTrue(p.getMessage().contains("one dropout probability per hidden layer"), p.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TabularConfig.defaults().withYRange(5, 1));
  }

  @Test
  void yRangeSquashesTheOutput() {
    TabularModel m =
        new TabularModel(new int[][] {{3, 2}}, 1, 1, TabularConfig.defaults().withYRange(1, 5));
    m.eval();
    try (var ng = Autograd.noGrad()) {
      float[] out =
          m.forward(
                  List.of(
                      Tensor.of(new long[] {0, 1, 2}, 3, 1),
                      Tensor.of(new float[] {-9, 0, 9}, 3, 1)))
              .toFloatArray();
      for (float v : out) {
        assertTrue(v > 1 && v < 5, "in (1, 5): " + v);
      }
    }
  }

  static Tensor floats(JsonNode t) {
    JsonNode d = t.get("data");
    float[] v = new float[d.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) d.get(i).asDouble();
    }
    return Tensor.of(v, shape(t));
  }

  static Tensor longs(JsonNode t) {
    JsonNode d = t.get("data");
    long[] v = new long[d.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (long) d.get(i).asDouble();
    }
    return Tensor.of(v, shape(t));
  }

  static long[] shape(JsonNode t) {
    long[] s = new long[t.get("shape").size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = t.get("shape").get(i).asLong();
    }
    return s;
  }

  static void assertClose(JsonNode expected, Tensor actual, double tol) {
    assertArrayEquals(shape(expected), actual.shape());
    float[] a = actual.toFloatArray();
    JsonNode d = expected.get("data");
    for (int i = 0; i < a.length; i++) {
      assertEquals(d.get(i).asDouble(), a[i], tol, "element " + i);
    }
  }
}
