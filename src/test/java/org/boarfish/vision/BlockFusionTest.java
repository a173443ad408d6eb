package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.HookHandle;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * ResNet's blocks fuse batch norm, residual add and ReLU unless hooks are registered on those
 * modules: both routes give the same outputs, gradients and running statistics, and hooks still see
 * every batch norm.
 */
class BlockFusionTest {
  @Test
  void fusedAndHookedRoutesAgree() {
    for (boolean bottleneck : new boolean[] {false, true}) {
      Tensor x = Tensor.randn(new Generator(6), 3, 16, 6, 6);
      Tensor up = Tensor.randn(new Generator(7), 3, 32, 3, 3);
      float[][] fused = run(block(bottleneck), x, up);
      Module block = block(bottleneck);
      List<HookHandle> hooks = new ArrayList<>();
      int[] seen = {0};
      for (Module m : block.modules()) {
        if (m instanceof BatchNorm2d) {
          hooks.add(m.registerForwardHook((mod, in, out) -> seen[0]++));
        }
      }
      float[][] plain = run(block, x, up);
      hooks.forEach(HookHandle::close);
      assertEquals(bottleneck ? 4 : 3, seen[0], "every batch norm ran through its hooks");
      for (int k = 0; k < fused.length; k++) {
        assertArrayEquals(plain[k], fused[k], 1e-5f, "bottleneck=" + bottleneck + " output " + k);
      }
    }
  }

  /** The same block (same initial weights) each time. */
  private static Module block(boolean bottleneck) {
    Generator.manualSeed(5);
    return bottleneck ? new Bottleneck(16, 8, 2) : new BasicBlock(16, 32, 2);
  }

  /** Output, input gradient, every parameter gradient, then every buffer (after the step). */
  private static float[][] run(Module block, Tensor x0, Tensor up) {
    Tensor x = x0.detach().copy().requiresGrad(true);
    Tensor y = block.call(x);
    y.mul(up).sum().backward();
    List<float[]> out = new ArrayList<>();
    out.add(y.toFloatArray());
    out.add(x.grad().toFloatArray());
    for (Tensor p : block.parameters()) {
      out.add(p.grad().toFloatArray());
    }
    for (Tensor b : block.buffers()) {
      if (b.dtype().isFloatingPoint()) {
        out.add(b.toFloatArray());
      }
    }
    return out.toArray(new float[0][]);
  }
}
