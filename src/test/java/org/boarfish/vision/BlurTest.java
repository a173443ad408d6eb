package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.nn.AvgPool2d;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReplicationPad2d;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ReplicationPad2d and the U-Net's upsampling blur against PyTorch, and the blur options. */
class BlurTest {
  private static Tensor npy(String name) {
    return Tensor.fromNpy(VisionFiles.resource("blur_" + name + ".npy"));
  }

  private static void matchesTorch(String name, Module m) {
    Tensor x = npy("x").requiresGrad(true);
    Tensor out = m.call(x);
    Tensor expected = npy(name + "_out");
    assertArrayEquals(expected.shape(), out.shape());
    assertArrayEquals(expected.toDoubleArray(), out.contiguous().toDoubleArray(), 1e-12);
    out.mul(npy(name + "_w")).sum().backward();
    assertArrayEquals(npy(name + "_grad").toDoubleArray(), x.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void replicationPadMatchesTorch() {
    matchesTorch("pad", new ReplicationPad2d(2, 1, 1, 3));
  }

  @Test
  void blurMatchesTorch() {
    matchesTorch("blur", new Sequential(new ReplicationPad2d(1, 0, 1, 0), new AvgPool2d(2, 1, 0)));
  }

  @Test
  void padRejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new ReplicationPad2d(-1, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReplicationPad2d(1, 1, 1, 1).call(Tensor.zeros(3, 4)));
  }

  @Test
  void blurredShuffleKeepsSizeAndKeys() {
    Generator.manualSeed(1);
    PixelShuffleIcnr plain = new PixelShuffleIcnr(8, 4);
    PixelShuffleIcnr blurred = new PixelShuffleIcnr(8, 4, true);
    assertEquals(plain.stateDict().keySet(), blurred.stateDict().keySet());
    assertEquals(4, blurred.children().size(), "conv, shuffle, pad, pool as fastai's indices");
    blurred.loadStateDict(plain.stateDict());
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor x = Tensor.randn(1, 2, 8, 3, 5);
      Tensor p = plain.call(x);
      Tensor b = blurred.call(x);
      assertArrayEquals(new long[] {2, 4, 6, 10}, b.shape());
      // away from the top and left edges, each pixel is the mean of its 2×2 upper-left window
      Tensor window =
          p.slice(2, 0, 5)
              .slice(3, 0, 9)
              .add(p.slice(2, 1, 6).slice(3, 0, 9))
              .add(p.slice(2, 0, 5).slice(3, 1, 10))
              .add(p.slice(2, 1, 6).slice(3, 1, 10))
              .mul(0.25);
      assertEquals(0.0, window.sub(b.slice(2, 1, 6).slice(3, 1, 10)).abs().max().item(), 1e-5);
    }
  }

  private static long blurredBlocks(Module unet) {
    return unet.modules().stream()
        .filter(m -> m instanceof PixelShuffleIcnr && ((PixelShuffleIcnr) m).children().size() == 4)
        .count();
  }

  @Test
  void unetBlursEveryBlockOrAllButTheLast() {
    Generator g = new Generator(2);
    Tensor x = Tensor.randn(g, 8, 3, 32, 32);
    Tensor y = x.slice(1, 0, 1).squeeze(1).gt(0).to(DType.INT64);
    DataLoaders dls =
        TensorDataLoaders.of(x, y, x.slice(0, 0, 4), y.slice(0, 0, 4), 4, 4, LossHint.NONE);
    VisionOptions o =
        VisionOptions.defaults()
            .pretrained(Pretrained.NONE)
            .nOut(2)
            .lossFunc(Losses.crossEntropy(1));
    assertEquals(0, blurredBlocks(Vision.unetLearner(dls, Arch.RESNET18, o).model()));
    Learner all = Vision.unetLearner(dls, Arch.RESNET18, o.blur(true));
    assertEquals(4, blurredBlocks(all.model()));
    Learner notLast = Vision.unetLearner(dls, Arch.RESNET18, o.blur(true).blurFinal(false));
    assertEquals(3, blurredBlocks(notLast.model()));
    assertEquals(List.of(2L, 2L, 32L, 32L), List.of(shape(all.model(), x)));

    Module rebuilt = ModelRegistry.build(ModelRegistry.recipeOf(notLast.model()).orElseThrow());
    assertEquals(3, blurredBlocks(rebuilt), "export's recipe keeps the blur settings");
    assertThrows(
        IllegalArgumentException.class,
        () -> Vision.learner(dls, Arch.RESNET18, o.blur(true)),
        "blur is a unetLearner option");
  }

  private static Long[] shape(Module m, Tensor x) {
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      long[] s = m.eval().call(x.slice(0, 0, 2)).shape();
      return new Long[] {s[0], s[1], s[2], s[3]};
    }
  }
}
