package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SelfAttention against a PyTorch module written from the same description, and in the U-Net. */
class SelfAttentionTest {
  @BeforeEach
  void seed() {
    Generator.manualSeed(0);
  }

  private static Tensor npy(String name) {
    return Tensor.fromNpy(VisionFiles.resource("sa_" + name + ".npy"));
  }

  private static void close(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(expected.toFloatArray(), actual.contiguous().toFloatArray(), 2e-5f);
  }

  @Test
  void valuesAndGradientsMatchTorch() {
    SelfAttention sa = new SelfAttention(16);
    sa.loadStateDict(
        Map.of(
            "query.0.weight", npy("wq"),
            "key.0.weight", npy("wk"),
            "value.0.weight", npy("wv"),
            "gamma", npy("gamma")));
    Tensor x = npy("x").requiresGrad(true);
    Tensor out = sa.call(x);
    close(npy("out"), out);
    out.mul(npy("w")).sum().backward();
    close(npy("grad_x"), x.grad());
    close(npy("grad_wq"), sa.namedParameters().get("query.0.weight").grad());
    close(npy("grad_wk"), sa.namedParameters().get("key.0.weight").grad());
    close(npy("grad_wv"), sa.namedParameters().get("value.0.weight").grad());
    close(npy("grad_gamma"), sa.gamma().grad());
  }

  @Test
  void startsAsTheIdentity() {
    SelfAttention sa = new SelfAttention(16);
    assertEquals(0.0, sa.gamma().item(), 0.0);
    Tensor x = Tensor.randn(new Generator(1), 2, 16, 4, 3);
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertEquals(0.0, sa.call(x).sub(x).abs().max().item(), 0.0);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> sa.call(Tensor.zeros(1, 8, 2, 2)));
    assertTrue(e.getMessage().contains("[1, 8, 2, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SelfAttention(4));
  }

  @Test
  void unetPutsItInTheThirdFromLastBlockAndRebuildsIt() {
    Generator g = new Generator(5);
    Tensor x = Tensor.randn(g, 8, 3, 32, 32);
    Tensor y = x.slice(1, 0, 1).gt(0).to(DType.INT64).squeeze(1);
    DataLoaders dls =
        TensorDataLoaders.of(
            x.slice(0, 4, 8),
            y.slice(0, 4, 8),
            x.slice(0, 0, 4),
            y.slice(0, 0, 4),
            4,
            1,
            LossHint.NONE);
    VisionOptions o =
        VisionOptions.defaults()
            .pretrained(Pretrained.NONE)
            .nOut(2)
            .lossFunc(Losses.crossEntropy(1))
            .selfAttention(true);
    Learner learn = Vision.unetLearner(dls, Arch.RESNET18, o);
    // layers: 0 encoder, 1 BN, 2 ReLU, 3 middle, 4..7 the four UnetBlocks: fastai's index len-3
    List<String> gammas =
        learn.model().stateDict().keySet().stream().filter(k -> k.endsWith("gamma")).toList();
    assertEquals(List.of("layers.5.conv2.2.gamma"), gammas);
    assertTrue(learn.model().stateDict().containsKey("layers.5.conv2.2.query.0.weight"));

    SelfAttention sa =
        (SelfAttention)
            learn.model().modules().stream()
                .filter(m -> m instanceof SelfAttention)
                .findFirst()
                .get();
    learn.lossFunc().apply(learn.model().call(x.slice(0, 4, 8)), y.slice(0, 4, 8)).backward();
    assertTrue(sa.gamma().grad().abs().item() > 0, "gamma gets a gradient");

    // the model's recipe (what export stores) rebuilds the layer
    Module rebuilt = ModelRegistry.build(ModelRegistry.recipeOf(learn.model()).orElseThrow());
    rebuilt.loadStateDict(learn.model().stateDict());
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor xb = x.slice(0, 0, 2);
      Tensor a = learn.model().eval().call(xb);
      assertEquals(0.0, a.sub(rebuilt.eval().call(xb)).abs().max().item(), 1e-5);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Vision.learner(dls, Arch.RESNET18, o.nOut(2)),
        "selfAttention is a unetLearner option");
  }
}
