package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.io.LoadReport;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Registration, naming, traversal, modes, state dicts and printing of {@link Module}. */
class ModuleTest {

  @Test
  void namesParametersAndBuffersLikePyTorch() {
    TinyResNet m = new TinyResNet();
    List<String> expected =
        List.of(
            "conv1.weight",
            "bn1.weight",
            "bn1.bias",
            "bn1.running_mean",
            "bn1.running_var",
            "bn1.num_batches_tracked",
            "layer1.0.conv1.weight",
            "layer1.0.bn1.weight",
            "layer1.0.bn1.bias",
            "layer1.0.bn1.running_mean",
            "layer1.0.bn1.running_var",
            "layer1.0.bn1.num_batches_tracked",
            "layer1.0.conv2.weight",
            "layer1.0.bn2.weight",
            "layer1.0.bn2.bias",
            "layer1.0.bn2.running_mean",
            "layer1.0.bn2.running_var",
            "layer1.0.bn2.num_batches_tracked",
            "layer1.0.downsample.0.weight",
            "layer1.0.downsample.1.weight",
            "layer1.0.downsample.1.bias",
            "layer1.0.downsample.1.running_mean",
            "layer1.0.downsample.1.running_var",
            "layer1.0.downsample.1.num_batches_tracked",
            "fc.weight",
            "fc.bias");
    assertEquals(expected, List.copyOf(m.stateDict().keySet()));
    List<String> params = new ArrayList<>();
    for (String k : expected) {
      if (!k.contains("running") && !k.contains("num_batches")) {
        params.add(k);
      }
    }
    assertEquals(params, List.copyOf(m.namedParameters().keySet()));
    assertEquals(12, m.namedBuffers().size());
    Tensor nbt = m.stateDict().get("bn1.num_batches_tracked");
    assertEquals(DType.INT64, nbt.dtype());
    assertArrayEquals(new long[0], nbt.shape());
    assertEquals(
        List.of(
            "",
            "conv1",
            "bn1",
            "relu",
            "layer1",
            "layer1.0",
            "layer1.0.conv1",
            "layer1.0.bn1",
            "layer1.0.relu",
            "layer1.0.conv2",
            "layer1.0.bn2",
            "layer1.0.downsample",
            "layer1.0.downsample.0",
            "layer1.0.downsample.1",
            "avgpool",
            "fc"),
        List.copyOf(m.namedModules().keySet()));
    assertEquals(
        List.of("conv1", "bn1", "relu", "layer1", "avgpool", "fc"),
        List.copyOf(m.namedChildren().keySet()));
    assertTrue(m.parameters().stream().allMatch(p -> p.requiresGrad() && p.isLeaf()));
  }

  @Test
  void tiedWeightsCountOnceButAppearUnderEveryKey() {
    Embedding emb = new Embedding(10, 4);
    Linear dec = new Linear(4, 10, false);
    dec.param("weight", emb.weight());
    Sequential m = new Sequential(emb, dec);
    assertSame(emb.weight(), dec.weight());
    assertEquals(1, m.parameters().size());
    assertEquals(List.of("0.weight"), List.copyOf(m.namedParameters().keySet()));
    assertEquals(List.of("0.weight", "1.weight"), List.copyOf(m.stateDict().keySet()));
    Sequential shared = new Sequential(dec, dec);
    assertEquals(1, shared.parameters().size());
    assertEquals(2, shared.modules().size());
  }

  @Test
  void trainAndEvalPropagateToEveryDescendant() {
    TinyResNet m = new TinyResNet();
    assertTrue(m.modules().stream().allMatch(Module::isTraining));
    assertSame(m, m.eval());
    assertTrue(m.modules().stream().noneMatch(Module::isTraining));
    m.layer1.train();
    assertFalse(m.isTraining());
    assertTrue(
        m.layer1.get(0).isTraining() && ((TinyResNet.BasicBlock) m.layer1.get(0)).bn2.isTraining());
    m.train(true);
    assertTrue(m.modules().stream().allMatch(Module::isTraining));
  }

  @Test
  void applyVisitsChildrenBeforeParents() {
    Sequential inner = new Sequential(new ReLU());
    Sequential outer = new Sequential(new Linear(2, 2), inner);
    List<String> seen = new ArrayList<>();
    outer.apply(m -> seen.add(m.name()));
    assertEquals(List.of("Linear", "ReLU", "Sequential", "Sequential"), seen);
  }

  @Test
  void printsATreeLikePyTorch() {
    Sequential m = new Sequential(new Linear(4, 8), new ReLU());
    assertEquals(
        "Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n  (1): ReLU()\n)",
        m.toString());
    Sequential nested = new Sequential(new Sequential(new Linear(2, 3, false)), new Dropout(0.25));
    assertEquals(
        "Sequential(\n"
            + "  (0): Sequential(\n"
            + "    (0): Linear(in_features=2, out_features=3, bias=False)\n"
            + "  )\n"
            + "  (1): Dropout(p=0.25, inplace=False)\n"
            + ")",
        nested.toString());
    assertEquals("Sequential()", new Sequential().toString());
  }

  @Test
  void rejectsBadNamesAndClashes() {
    Sequential m = new Sequential(new ReLU());
    IllegalArgumentException dot =
        assertThrows(IllegalArgumentException.class, () -> m.register("a.b", new ReLU()));
    assertTrue(dot.getMessage().contains("'.'"), dot.getMessage());
    IllegalArgumentException clash =
        assertThrows(IllegalArgumentException.class, () -> m.param("0", Tensor.zeros(2)));
    assertTrue(clash.getMessage().contains("child named '0'"), clash.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> new Linear(2, 2).param("gamma"));
    assertTrue(missing.getMessage().contains("[weight, bias]"), missing.getMessage());
  }

  @Test
  void parametersMadeInsideAScopeOutliveIt() {
    Linear l;
    Tensor extra;
    try (Scope s = Scope.open()) {
      l = new Linear(3, 2);
      extra = l.param("extra", Tensor.ones(2));
      l.buffer("count", Tensor.zeros(1));
    }
    assertEquals(2.0, extra.sum().item(), 0);
    assertEquals(6, l.weight().numel());
    assertEquals(0.0, l.buffer("count").sum().item(), 0);
  }

  @Test
  void loadsAStateDictInPlaceCastingTypes() {
    Linear a = new Linear(3, 2);
    Linear b = new Linear(3, 2);
    Tensor w = b.weight();
    Map<String, Tensor> sd = new LinkedHashMap<>(a.stateDict());
    sd.put("bias", a.bias().to(DType.FLOAT64));
    LoadReport r = b.loadStateDict(sd);
    assertTrue(r.isClean(), r.toString());
    assertSame(w, b.weight());
    assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray());
    assertArrayEquals(a.bias().toFloatArray(), b.bias().toFloatArray());
    assertEquals(DType.FLOAT32, b.bias().dtype());
  }

  @Test
  void strictLoadListsEveryProblemAndLoadsNothing() {
    Sequential m = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new Linear(8, 3));
    float[] before = ((Linear) m.get(0)).weight().toFloatArray();
    Map<String, Tensor> sd =
        new LinkedHashMap<>(
            new Sequential(new Linear(4, 8), new BatchNorm1d(8), new Linear(8, 3)).stateDict());
    sd.remove("1.running_var");
    sd.remove("2.bias");
    sd.put("2.weight", Tensor.zeros(8, 3));
    sd.put("head.weight", Tensor.zeros(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(sd, true));
    String msg = e.getMessage();
    assertTrue(msg.contains("missing: 1.running_var") && msg.contains("missing: 2.bias"), msg);
    assertTrue(msg.contains("unexpected: head.weight"), msg);
    assertTrue(msg.contains("2.weight: expected [3, 8] found [8, 3]"), msg);
    assertArrayEquals(before, ((Linear) m.get(0)).weight().toFloatArray());

    LoadReport r = m.loadStateDict(sd, false);
    assertEquals(List.of("1.running_var", "2.bias"), r.missing());
    assertEquals(List.of("head.weight"), r.unexpected());
    assertEquals(1, r.shapeMismatches().size());
    assertTrue(
        r.toString().startsWith("LoadReport[2 missing, 1 unexpected, 1 shape mismatch]"),
        r.toString());
    assertArrayEquals(
        sd.get("0.weight").toFloatArray(), ((Linear) m.get(0)).weight().toFloatArray());
  }

  @Test
  void sequentialIndexesAndGrows() {
    Sequential s = new Sequential(new ReLU(), new Tanh());
    s.add(new Sigmoid());
    assertEquals(3, s.size());
    assertEquals("Sigmoid", s.get(-1).name());
    assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
    Tensor x = Tensor.of(new float[] {-1, 0, 2});
    assertArrayEquals(x.relu().tanh().sigmoid().toFloatArray(), s.call(x).toFloatArray(), 1e-6f);
  }

  @Test
  void freezingAndZeroingGradients() {
    Linear l = new Linear(2, 1);
    l.call(Tensor.ones(3, 2)).sum().backward();
    assertTrue(l.weight().grad().abs().sum().item() > 0);
    l.zeroGrad();
    assertEquals(0.0, l.weight().grad().abs().sum().item(), 0);
    l.requiresGrad(false);
    assertTrue(l.parameters().stream().noneMatch(Tensor::requiresGrad));
  }
}
