package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.HookHandle;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ResNet's inference forward on the blocked oneDNN chain (batch norms folded into the convolutions,
 * residual sums and ReLUs fused, activations blocked from the stem to {@code layer4}) gives the
 * outputs of the ordinary eval forward, for basic and bottleneck blocks, with trained-looking
 * batch-norm statistics; a single block on its own too; and a hook turns it off.
 */
class BlockedInferenceTest {
  /** Non-default running statistics and affine parameters, so the fold is exercised. */
  private static void randomiseNorms(Module model, long seed) {
    Generator g = new Generator(seed);
    for (Module m : model.modules()) {
      if (m instanceof BatchNorm2d bn) {
        int c = bn.numFeatures();
        bn.runningMean().data().assign(Tensor.randn(g, c).mul(0.1).data());
        bn.runningVar().data().assign(Tensor.rand(g, c).add(0.5).data());
        bn.weight().data().assign(Tensor.rand(g, c).add(0.5).data());
        bn.bias().data().assign(Tensor.randn(g, c).mul(0.1).data());
      }
    }
  }

  /** The eval forward without autograd (blocked) and with it (the ordinary path). */
  private static float[][] both(Module model, Tensor x) {
    model.eval();
    float[] blocked;
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      blocked = model.call(x).toFloatArray();
    }
    float[] plain = model.call(x).toFloatArray(); // parameters need gradients: ordinary path
    return new float[][] {plain, blocked};
  }

  private static void close(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length);
    float scale = 1e-6f;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertArrayEquals(expected, actual, 2e-4f * scale, what);
  }

  @Test
  void resnetChainMatchesTheOrdinaryForward() {
    Generator.manualSeed(3);
    ResNet r18 = Models.resnet18(10);
    randomiseNorms(r18, 4);
    Tensor x = Tensor.randn(new Generator(5), 2, 3, 64, 48);
    float[][] a = both(r18, x);
    close(a[0], a[1], "resnet18");
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      assertTrue(r18.chainable(r18.children(), x), "the blocked chain ran");
    }
    assertFalse(r18.chainable(r18.children(), x), "not while parameters want gradients");
    Generator.manualSeed(6);
    ResNet r50 = Models.resnet50(7);
    randomiseNorms(r50, 7);
    float[][] b = both(r50, Tensor.randn(new Generator(8), 1, 3, 40, 40));
    close(b[0], b[1], "resnet50");
  }

  @Test
  void aBlockAloneMatchesToo() {
    for (boolean bottleneck : new boolean[] {false, true}) {
      Generator.manualSeed(9);
      Module block = bottleneck ? new Bottleneck(32, 16, 2) : new BasicBlock(32, 48, 2);
      randomiseNorms(block, 10);
      Tensor x = Tensor.randn(new Generator(11), 3, 32, 7, 9);
      float[][] a = both(block, x);
      try (Autograd.NoGrad g = Autograd.noGrad()) {
        boolean on =
            block instanceof BasicBlock bb ? bb.blockable(x) : ((Bottleneck) block).blockable(x);
        assertTrue(on, "the block ran blocked");
      }
      close(a[0], a[1], "bottleneck=" + bottleneck);
      Module same = bottleneck ? new Bottleneck(64, 16, 1) : new BasicBlock(32, 32, 1);
      randomiseNorms(same, 12);
      long c = bottleneck ? 64 : 32;
      float[][] b = both(same, Tensor.randn(new Generator(13), 2, c, 5, 5));
      close(b[0], b[1], "identity shortcut, bottleneck=" + bottleneck);
    }
  }

  @Test
  void aHookStillSeesItsModule() {
    Generator.manualSeed(14);
    ResNet r18 = Models.resnet18(3);
    r18.eval();
    int[] seen = {0};
    HookHandle h = r18.modules().get(2).registerForwardHook((m, in, out) -> seen[0]++);
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      r18.call(Tensor.randn(new Generator(15), 1, 3, 32, 32));
    }
    h.close();
    assertEquals(1, seen[0], "the stem's batch norm ran through its hook");
    r18.train();
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      Tensor x = Tensor.randn(new Generator(16), 2, 3, 32, 32);
      assertFalse(r18.chainable(r18.children(), x), "not in training mode");
    }
  }
}
