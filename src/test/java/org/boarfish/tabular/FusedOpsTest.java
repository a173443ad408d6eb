package org.boarfish.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tabular model's fused ops against PyTorch (fused_bn.json, from make_fused_bn_fixture.py) and
 * against themselves: gradients added straight into existing leaf gradients must equal the ones
 * returned fresh.
 */
class FusedOpsTest {
  @Test
  void reluBatchNormMatchesPyTorchInEveryMode() throws Exception {
    JsonNode fx;
    try (InputStream in = getClass().getResourceAsStream("/tabular/fused_bn.json")) {
      fx = new ObjectMapper().readTree(in);
    }
    int b = fx.get("B").asInt();
    int c = fx.get("C").asInt();
    for (String name : List.of("relu_train", "relu_eval", "plain_train", "plain_eval")) {
      JsonNode want = fx.get("cases").get(name);
      BatchNorm1d bn = new BatchNorm1d(c);
      bn.weight().data().assign(floats(fx.get("weight"), c).data());
      bn.bias().data().assign(floats(fx.get("bias"), c).data());
      bn.runningMean().data().assign(floats(fx.get("running_mean"), c).data());
      bn.runningVar().data().assign(floats(fx.get("running_var"), c).data());
      boolean train = name.endsWith("train");
      if (train) {
        bn.train();
      } else {
        bn.eval();
      }
      Tensor x = floats(fx.get("x"), b, c).requiresGrad(true);
      Tensor dy = floats(fx.get("dy"), b, c);
      try (Scope s = Scope.open()) {
        Tensor out = ReluBatchNorm.apply(x, bn, name.startsWith("relu"));
        close(name + " out", want.get("out"), out, 1e-5);
        out.backward(dy);
      }
      close(name + " dx", want.get("dx"), x.grad(), 1e-5);
      close(name + " dw", want.get("dw"), bn.weight().grad(), 1e-4);
      close(name + " db", want.get("db"), bn.bias().grad(), 1e-4);
      close(name + " running mean", want.get("running_mean"), bn.runningMean(), 1e-6);
      close(name + " running var", want.get("running_var"), bn.runningVar(), 1e-6);
      assertEquals(want.get("num_batches_tracked").asLong(), bn.numBatchesTracked(), name);
    }
  }

  @Test
  void gradientsAddedIntoExistingLeafGradientsEqualFreshOnes() {
    Generator.manualSeed(3);
    int[][] szs = {{5, 3}, {4, 2}, {3, 2}};
    TabularModel m =
        new TabularModel(szs, 3, 2, TabularConfig.defaults().withLayers(List.of(8, 6)));
    m.train();
    Generator gen = new Generator(4);
    Tensor xCat = Tensor.randint(gen, 0, 3, 70, 3);
    Tensor xCont = Tensor.randn(gen, 70, 3);
    Tensor y = Tensor.randint(gen, 0, 2, 70);
    // first backward: the ops return new gradients; second: they add into the stored ones
    List<float[]> once = new ArrayList<>();
    try (Scope s = Scope.open()) {
      F.crossEntropy(m.forward(List.of(xCat, xCont)), y).backward();
    }
    for (Tensor p : m.parameters()) {
      once.add(p.grad().toFloatArray());
    }
    try (Scope s = Scope.open()) {
      F.crossEntropy(m.forward(List.of(xCat, xCont)), y).backward();
    }
    // the second forward saw running statistics updated by the first, which a training forward
    // does not use: the second gradients equal the first
    List<Tensor> ps = m.parameters();
    for (int i = 0; i < ps.size(); i++) {
      float[] twice = ps.get(i).grad().toFloatArray();
      float[] expected = once.get(i).clone();
      for (int k = 0; k < expected.length; k++) {
        expected[k] *= 2;
      }
      assertArrayEquals(expected, twice, 1e-6f, "parameter " + i);
    }
  }

  private static Tensor floats(JsonNode a, long... shape) {
    float[] v = new float[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) a.get(i).asDouble();
    }
    return Tensor.of(v, shape);
  }

  private static void close(String what, JsonNode want, Tensor got, double tol) {
    float[] g = got.toFloatArray();
    assertEquals(want.size(), g.length, what + " size");
    for (int i = 0; i < g.length; i++) {
      assertEquals(want.get(i).asDouble(), g[i], tol, what + " element " + i);
    }
  }
}
