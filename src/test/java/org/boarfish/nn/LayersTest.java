package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Printing, shapes and forward semantics of the layers that need only core and conv/pool ops. */
class LayersTest {
  private final Generator gen = new Generator(5);

  @Test
  void printsLikePyTorch() {
    assertEquals("Linear(in_features=4, out_features=8, bias=True)", new Linear(4, 8).toString());
    assertEquals(
        "Conv2d(3, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)",
        new Conv2d(3, 32, 3, 2, 1, false).toString());
    assertEquals("Conv2d(1, 8, kernel_size=(5, 5), stride=(1, 1))", new Conv2d(1, 8, 5).toString());
    assertEquals(
        "Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(2, 2), dilation=(2, 2), groups=8)",
        new Conv2d(8, 8, 3, 1, 2, 2, 8, true).toString());
    assertEquals(
        "ConvTranspose2d(8, 4, kernel_size=(2, 2), stride=(2, 2))",
        new ConvTranspose2d(8, 4, 2, 2, 0).toString());
    assertEquals(
        "BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
        new BatchNorm1d(8).toString());
    assertEquals(
        "BatchNorm2d(4, eps=0.001, momentum=0.01, affine=False, track_running_stats=True)",
        new BatchNorm2d(4, 1e-3, 0.01, false, true).toString());
    assertEquals(
        "LayerNorm((8,), eps=1e-05, elementwise_affine=True)", new LayerNorm(8).toString());
    assertEquals(
        "LayerNorm((2, 3), eps=1e-05, elementwise_affine=True)", new LayerNorm(2, 3).toString());
    assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
    assertEquals("Embedding(10, 3, padding_idx=0)", new Embedding(10, 3, 0L).toString());
    assertEquals(
        "LSTM(10, 20, num_layers=2, batch_first=True)", new LSTM(10, 20, 2, true).toString());
    assertEquals("LSTM(10, 20)", new LSTM(10, 20).toString());
    assertEquals("ReLU()", new ReLU().toString());
    assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
    assertEquals("GELU(approximate='none')", new GELU().toString());
    assertEquals("Softmax(dim=1)", new Softmax(1).toString());
    assertEquals(
        "MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
        new MaxPool2d(3, 2, 1).toString());
    assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
    assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
    assertEquals("AdaptiveMaxPool2d(output_size=(2, 3))", new AdaptiveMaxPool2d(2, 3).toString());
    assertEquals(
        "AdaptiveConcatPool2d(\n  (ap): AdaptiveAvgPool2d(output_size=1)\n  (mp): AdaptiveMaxPool2d(output_size=1)\n)",
        new AdaptiveConcatPool2d().toString());
    assertEquals("Flatten(start_dim=1, end_dim=-1)", new Flatten().toString());
    assertEquals("SigmoidRange(low=0.0, high=5.5)", new SigmoidRange(0, 5.5).toString());
    assertEquals("Lambda(squeeze)", new Lambda("squeeze", Tensor::squeeze).toString());
    assertEquals(
        "ConvLayer(\n"
            + "  (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n"
            + "  (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
            + "  (2): ReLU()\n"
            + ")",
        new ConvLayer(3, 16, 3, 2).toString());
  }

  @Test
  void pythonFloatRepr() {
    assertEquals("1e-05", Repr.f(1e-5));
    assertEquals("0.0001", Repr.f(1e-4));
    assertEquals("0.1", Repr.f(0.1));
    assertEquals("1.0", Repr.f(1));
    assertEquals("-2.5", Repr.f(-2.5));
    assertEquals("1e+16", Repr.f(1e16));
    assertEquals("1.5e-07", Repr.f(1.5e-7));
  }

  @Test
  void linearAndConvForwardMatchTheFunctions() {
    Linear l = new Linear(3, 2, true, gen);
    Tensor x = Tensor.randn(gen, 4, 3);
    assertArrayEquals(
        F.linear(x, l.weight(), l.bias()).toFloatArray(), l.call(x).toFloatArray(), 1e-6f);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> l.call(Tensor.zeros(4, 5)));
    assertTrue(
        e.getMessage().contains("3 features") && e.getMessage().contains("[4, 5]"), e.getMessage());
    Conv2d c = new Conv2d(2, 3, 3, 2, 1);
    Tensor img = Tensor.randn(gen, 1, 2, 7, 7);
    assertArrayEquals(new long[] {1, 3, 4, 4}, c.call(img).shape());
    assertArrayEquals(
        F.conv2d(img, c.weight(), c.bias(), 2, 1).toFloatArray(),
        c.call(img).toFloatArray(),
        1e-6f);
    assertArrayEquals(
        new long[] {1, 4, 8, 8}, new ConvTranspose2d(3, 4, 2, 2, 0).call(c.call(img)).shape());
  }

  @Test
  void poolsFlattenAndConcatPool() {
    Tensor x = Tensor.randn(gen, 2, 3, 6, 6);
    assertArrayEquals(new long[] {2, 3, 3, 3}, new MaxPool2d(3, 2, 1).call(x).shape());
    assertArrayEquals(new long[] {2, 3, 3, 3}, new AvgPool2d(2).call(x).shape());
    Tensor cp = new AdaptiveConcatPool2d().call(x);
    assertArrayEquals(new long[] {2, 6, 1, 1}, cp.shape());
    assertArrayEquals(
        x.amax(new int[] {2, 3}, false).toFloatArray(),
        cp.index(":, :3").flatten(1, -1).toFloatArray(),
        1e-6f);
    assertArrayEquals(
        x.mean(new int[] {2, 3}, false).toFloatArray(),
        cp.index(":, 3:").flatten(1, -1).toFloatArray(),
        1e-6f);
    assertArrayEquals(new long[] {2, 6}, new Flatten().call(cp).shape());
    assertArrayEquals(new long[] {2, 3, 2, 3}, new AdaptiveAvgPool2d(2, 3).call(x).shape());
  }

  @Test
  void activationsAndSigmoidRange() {
    Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 1, 3});
    assertArrayEquals(x.relu().toFloatArray(), new ReLU().call(x).toFloatArray());
    assertArrayEquals(x.leakyRelu(0.2).toFloatArray(), new LeakyReLU(0.2).call(x).toFloatArray());
    assertArrayEquals(x.gelu().toFloatArray(), new GELU().call(x).toFloatArray());
    assertArrayEquals(x.tanh().toFloatArray(), new Tanh().call(x).toFloatArray());
    assertArrayEquals(x.softmax(0).toFloatArray(), new Softmax(0).call(x).toFloatArray());
    Tensor y = new SigmoidRange(0, 5.5).call(x);
    assertArrayEquals(x.sigmoid().mul(5.5).toFloatArray(), y.toFloatArray(), 1e-6f);
    assertTrue(y.min().item() > 0 && y.max().item() < 5.5);
  }

  @Test
  void dropoutIsTheIdentityInEvalAndWithPZero() {
    Tensor x = Tensor.randn(gen, 4, 5);
    Dropout d = new Dropout(0.5);
    d.eval();
    assertSame(x, d.call(x));
    assertSame(x, new Dropout(0).call(x));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
  }

  @Test
  void validatesConstructorArguments() {
    IllegalArgumentException g =
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 8, 3, 1, 0, 1, 2, true));
    assertTrue(g.getMessage().contains("divisible by groups (2)"), g.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3));
    assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 2, 5L));
    assertThrows(IllegalArgumentException.class, () -> new SigmoidRange(1, 1));
  }

  @Test
  void resBlockStructureFollowsFastai() {
    ResBlock same = new ResBlock(1, 16, 16);
    assertEquals(List.of("convpath", "idpath", "act"), List.copyOf(same.namedChildren().keySet()));
    assertEquals(0, ((Sequential) same.namedChildren().get("idpath")).size());
    ResBlock down = new ResBlock(1, 16, 32, 2);
    Sequential id = (Sequential) down.namedChildren().get("idpath");
    assertEquals(
        List.of("AvgPool2d", "ConvLayer"), id.children().stream().map(Module::name).toList());
    Sequential conv = (Sequential) down.namedChildren().get("convpath");
    ConvLayer last = (ConvLayer) conv.get(1);
    assertEquals(0, last.bn().weight().abs().sum().item(), 0);
    assertEquals(2, last.size(), "no activation on the last conv");
    ResBlock bottleneck = new ResBlock(4, 16, 32, 2);
    Sequential bconv = (Sequential) bottleneck.namedChildren().get("convpath");
    assertEquals(3, bconv.size());
    assertArrayEquals(
        new long[] {32, 64, 1, 1}, ((ConvLayer) bconv.get(0)).conv().weight().shape());
    assertArrayEquals(
        new long[] {128, 32, 1, 1}, ((ConvLayer) bconv.get(2)).conv().weight().shape());
    assertTrue(bottleneck.stateDict().containsKey("idpath.1.0.weight"));
    assertTrue(bottleneck.stateDict().containsKey("convpath.2.1.running_mean"));
  }
}
