package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.AdaptiveConcatPool2d;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.nn.Dropout;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vision.learner and Vision.unetLearner on small tensor data. */
class VisionLearnerTest {
  @org.junit.jupiter.api.BeforeEach
  void seed() {
    org.boarfish.tensor.Generator.manualSeed(0); // model init draws from the global generator
  }

  static final VisionOptions SCRATCH = VisionOptions.defaults().pretrained(Pretrained.NONE);

  /** Two classes: class 1 images are brighter in the top half. */
  static DataLoaders twoClasses(int n, int size, long seed) {
    Generator g = new Generator(seed);
    Tensor y = Tensor.randint(g, 0, 2, n);
    Tensor x = Tensor.randn(g, n, 3, size, size).mul(0.5);
    Tensor mask = Tensor.zeros(1, 1, size, size);
    mask.slice(2, 0, size / 2).data().assign(1.5);
    x = x.add(y.to(org.boarfish.tensor.DType.FLOAT32).reshape(n, 1, 1, 1).mul(mask));
    int nv = n / 4;
    return TensorDataLoaders.of(
        x.slice(0, nv, n),
        y.slice(0, nv, n),
        x.slice(0, 0, nv),
        y.slice(0, 0, nv),
        16,
        seed,
        LossHint.CROSS_ENTROPY);
  }

  @Test
  void headHasFastaiLayersAndSizes() {
    Sequential head = Heads.createHead(512, 7, SCRATCH);
    List<Class<?>> want =
        List.of(
            AdaptiveConcatPool2d.class,
            Flatten.class,
            BatchNorm1d.class,
            Dropout.class,
            Linear.class,
            ReLU.class,
            BatchNorm1d.class,
            Dropout.class,
            Linear.class);
    assertEquals(want, head.children().stream().map(Object::getClass).toList());
    Map<String, Tensor> sd = head.stateDict();
    assertArrayEquals(new long[] {512, 1024}, sd.get("4.weight").shape());
    assertArrayEquals(new long[] {7, 512}, sd.get("8.weight").shape());
    assertFalse(sd.containsKey("4.bias"), "Linear after BN has no bias");
    assertEquals(0.25, ((Dropout) head.get(3)).p(), 1e-12);
    assertEquals(0.5, ((Dropout) head.get(7)).p(), 1e-12);
    assertEquals(1e-3, sd.get("2.bias").data().getDouble(0), 1e-9, "fastai BN bias 1e-3");
    double std = sd.get("4.weight").std().item();
    assertEquals(Math.sqrt(2.0 / 1024), std, 0.05 * Math.sqrt(2.0 / 1024), "kaiming normal");
    Sequential custom =
        Heads.createHead(64, 3, SCRATCH.linFtrs(100, 50).concatPool(false).bnFinal(true));
    assertArrayEquals(new long[] {100, 64}, custom.stateDict().get("4.weight").shape());
    assertInstanceOf(BatchNorm1d.class, custom.get(-1));
  }

  @Test
  void learnerCutsTheBodySplitsInThreeGroupsAndFreezes() {
    DataLoaders dls = twoClasses(32, 32, 1);
    Learner learn = Vision.learner(dls, Arch.RESNET18, SCRATCH.nOut(2), Metrics.accuracy());
    Sequential model = (Sequential) learn.model();
    Sequential body = (Sequential) model.get(0);
    assertEquals(8, body.size(), "resnet cut before avgpool and fc");
    assertTrue(model.stateDict().containsKey("0.4.0.conv1.weight"), "fastai keys body.layer1");
    var groups = learn.opt().groups();
    assertEquals(3, groups.size());
    long g0 = 0;
    for (int i = 0; i < 6; i++) {
      g0 += ModelsTest.count(body.get(i));
    }
    assertEquals(g0, groups.get(0).params().stream().mapToLong(Tensor::numel).sum());
    assertEquals(
        ModelsTest.count(model.get(1)),
        groups.get(2).params().stream().mapToLong(Tensor::numel).sum());

    learn.freeze();
    Tensor conv = body.get(0).param("weight");
    Tensor bnW = body.get(1).param("weight");
    Tensor headW = model.get(1).stateDict().get("4.weight");
    Tensor conv0 = conv.copy();
    Tensor bn0 = bnW.copy();
    Tensor head0 = headW.copy();
    learn.fit(1, 1e-2);
    assertEquals(0.0, conv.sub(conv0).abs().max().item(), "frozen conv does not move");
    assertTrue(bnW.sub(bn0).abs().max().item() > 0, "batch norm trains while frozen");
    assertTrue(headW.sub(head0).abs().max().item() > 0, "head trains");
    learn.unfreeze();
    learn.fit(1, 1e-2);
    assertTrue(conv.sub(conv0).abs().max().item() > 0, "unfrozen conv moves");
  }

  @Test
  void xresnetLearnerTrainsAndLowersTheLoss() {
    DataLoaders dls = twoClasses(96, 24, 2);
    Learner learn = Vision.learner(dls, Arch.XRESNET18, SCRATCH.nOut(2), Metrics.accuracy());
    assertEquals(8, ((Sequential) ((Sequential) learn.model()).get(0)).size(), "cut at -4");
    learn.fitOneCycle(4, 5e-3);
    List<double[]> v = learn.recorder().values();
    double first = v.get(0)[0];
    double last = v.get(v.size() - 1)[0];
    assertTrue(last < first * 0.75, "train loss " + first + " -> " + last);
  }

  @Test
  void greyInputsAdaptTheFirstConv() {
    DataLoaders dls = twoClasses(32, 32, 3);
    Learner learn = Vision.learner(dls, Arch.RESNET18, SCRATCH.nOut(2).nIn(1));
    assertArrayEquals(
        new long[] {64, 1, 7, 7}, learn.model().stateDict().get("0.0.weight").shape());
    ResNet rgb = Models.resnet18(10);
    Tensor w = rgb.stateDict().get("conv1.weight").copy();
    Arch.adaptFirstConv(rgb, 1, true);
    Tensor grey = rgb.stateDict().get("conv1.weight");
    assertEquals(w.sum(1, true).sub(grey).abs().max().item(), 0.0, 1e-6, "1 channel = RGB sum");
  }

  @Test
  void unetOutputMatchesOddInputSizes() {
    Sequential body = Arch.RESNET18.body(3, Pretrained.NONE);
    DynamicUnet unet = new DynamicUnet(body, 3, 5, 48, 40);
    unet.eval();
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertArrayEquals(
          new long[] {2, 5, 48, 40}, unet.call(Tensor.randn(1, 2, 3, 48, 40)).shape());
      assertArrayEquals(
          new long[] {1, 5, 45, 37}, unet.call(Tensor.randn(2, 1, 3, 45, 37)).shape());
    }
    assertThrows(IllegalArgumentException.class, () -> unet.call(Tensor.randn(1, 1, 1, 32, 32)));
  }

  @Test
  void unetLearnerTrainsOnMasksAndExportRoundTrips(@TempDir Path tmp) {
    Generator g = new Generator(4);
    int n = 12;
    Tensor x = Tensor.randn(g, n, 3, 33, 31);
    Tensor y = x.slice(1, 0, 1).squeeze(1).gt(0).to(org.boarfish.tensor.DType.INT64);
    DataLoaders dls =
        TensorDataLoaders.of(x, y, x.slice(0, 0, 4), y.slice(0, 0, 4), 4, 4, LossHint.NONE);
    Learner learn =
        Vision.unetLearner(
            dls,
            Arch.RESNET18,
            SCRATCH.nOut(2).lossFunc(Losses.crossEntropy(1)),
            Metrics.foregroundAcc(0),
            Metrics.dice());
    double before = learn.validate().loss();
    learn.fit(2, 1e-3);
    double after = learn.validate().loss();
    assertTrue(after < before, "loss " + before + " -> " + after);
    assertEquals(3, learn.opt().groups().size());

    Path file = tmp.resolve("unet.boarfish");
    learn.export(file);
    Learner loaded = Learner.load(file);
    Module a = learn.model().eval();
    Module b = loaded.model();
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor xb = x.slice(0, 0, 2);
      assertEquals(0.0, a.call(xb).sub(b.call(xb)).abs().max().item(), 1e-5);
    }
  }

  @Test
  void classifierExportRoundTripsPredictions(@TempDir Path tmp) {
    DataLoaders dls = twoClasses(32, 32, 5);
    Learner learn = Vision.learner(dls, Arch.RESNET18, SCRATCH.nOut(2).linFtrs(64).ps(0.1));
    learn.fit(1, 1e-3);
    Path file = tmp.resolve("clf.boarfish");
    learn.export(file);
    Learner loaded = Learner.load(file);
    Tensor xb = dls.valid().oneBatch().tensor(0);
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor pa = learn.model().eval().call(xb);
      Tensor pb = loaded.model().call(xb);
      assertEquals(0.0, pa.sub(pb).abs().max().item(), 1e-5);
    }
  }

  @Test
  void badOptionsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> SCRATCH.ps(0.5, 0.5, 0.5));
    assertTrue(e.getMessage().contains("ps"), e.getMessage());
    var e2 =
        assertThrows(
            IllegalArgumentException.class, () -> Arch.XRESNET18.create(2, 3, Pretrained.IMAGENET));
    assertTrue(e2.getMessage().contains("no published ImageNet weights"), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Arch.of("vgg16"));
  }
}
