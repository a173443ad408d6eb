package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.ResBlock;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Structure, state-dict keys and parameter counts of the vision models vs torchvision/fastai. */
class ModelsTest {
  static Path shared() {
    return Path.of(System.getProperty("boarfish.shared", "../shared"));
  }

  static long count(Module m) {
    return m.parameters().stream().mapToLong(Tensor::numel).sum();
  }

  /** name → count, from counts.txt (made by make_counts.py beside it). */
  static Map<String, Long> counts() throws IOException {
    Map<String, Long> out = new HashMap<>();
    try (InputStream in = ModelsTest.class.getResourceAsStream("/vision/counts.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.trim().split(" ");
        out.put(f[0], Long.parseLong(f[2]));
      }
    }
    return out;
  }

  @Test
  void resnet18StateDictMatchesTorchvisionKeysShapesAndTypes() throws IOException {
    List<String> lines = Files.readAllLines(shared().resolve("fixtures/torchvision/keys.txt"));
    List<String> want = new ArrayList<>();
    Map<String, Tensor> sd = Models.resnet18(10).stateDict();
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      want.add(f[0]);
      Tensor t = sd.get(f[0]);
      assertTrue(t != null, "missing key " + f[0]);
      assertEquals(
          f[2], java.util.Arrays.toString(t.shape()).replace(" ", "").replace(",", ", "), f[0]);
      assertEquals(f[1].equals("int64") ? DType.INT64 : DType.FLOAT32, t.dtype(), f[0]);
    }
    assertEquals(want, new ArrayList<>(sd.keySet()), "same keys in the same order");
  }

  @Test
  void parameterCountsMatchTorchvisionAndFastai() throws IOException {
    Map<String, Long> c = counts();
    assertEquals(11_181_642L, count(Models.resnet18(10)));
    assertEquals(c.get("resnet34"), count(Models.resnet34(10)));
    assertEquals(c.get("resnet50"), count(Models.resnet50(10)));
    assertEquals(c.get("xresnet18"), count(Models.xresnet18(10)));
    assertEquals(c.get("xresnet34"), count(Models.xresnet34(10)));
    assertEquals(c.get("xresnet50"), count(Models.xresnet50(10)));
  }

  @Test
  void resnet50UsesBottlenecksWithTorchvisionKeys() {
    Map<String, Tensor> sd = Models.resnet50(10).stateDict();
    assertArrayEquals(new long[] {256, 64, 1, 1}, sd.get("layer1.0.downsample.0.weight").shape());
    assertArrayEquals(new long[] {512, 128, 1, 1}, sd.get("layer2.0.conv3.weight").shape());
    assertArrayEquals(new long[] {128, 128, 3, 3}, sd.get("layer2.0.conv2.weight").shape());
    assertArrayEquals(new long[] {10, 2048}, sd.get("fc.weight").shape());
  }

  @Test
  void torchvisionInitIsKaimingNormalFanOut() {
    Tensor conv = Models.resnet18(10).stateDict().get("layer3.0.conv1.weight");
    double std = conv.std().item();
    double expected = Math.sqrt(2.0 / (256 * 9)); // fan_out = out channels · k · k
    assertEquals(expected, std, expected * 0.05);
  }

  @Test
  void xresnetHasFastaiStructureZeroBnAndForwardShape() {
    XResNet m = Models.xresnet18(10);
    assertEquals(12, m.size());
    Map<String, Tensor> sd = m.stateDict();
    assertTrue(sd.containsKey("0.0.weight") && sd.containsKey("2.1.running_var"), "stem keys");
    assertTrue(sd.containsKey("5.0.convpath.0.0.weight"), "stage keys");
    assertTrue(sd.containsKey("5.0.idpath.1.0.weight"), "pool then 1x1 conv shortcut");
    assertTrue(sd.containsKey("11.weight"), "final linear");
    for (Module mod : m.modules()) {
      if (mod instanceof ResBlock rb) {
        BatchNorm2d last = null;
        for (Module k : rb.namedChildren().get("convpath").modules()) {
          if (k instanceof BatchNorm2d b) {
            last = b;
          }
        }
        assertEquals(0.0, last.weight().abs().sum().item(), "last BN of each block is zero");
      }
    }
    assertEquals(0.0, sd.get("11.bias").abs().sum().item(), "init_cnn zeroes biases");
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertArrayEquals(new long[] {2, 10}, m.call(Tensor.randn(1, 2, 3, 32, 32)).shape());
      XResNet grey = Models.xresnet18(4, 1);
      assertArrayEquals(new long[] {3, 4}, grey.call(Tensor.randn(1, 3, 1, 40, 36)).shape());
    }
  }

  @Test
  void simpleCnnIsFastais() {
    var m = Models.simpleCnn(new int[] {1, 8, 16, 10}, true);
    assertEquals(4, m.size());
    Map<String, Tensor> sd = m.stateDict();
    assertTrue(sd.containsKey("0.1.weight"), "BN on the first layers");
    assertTrue(sd.containsKey("2.0.bias") && !sd.containsKey("2.1.weight"), "no BN on the last");
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      assertArrayEquals(new long[] {5, 10}, m.call(Tensor.randn(1, 5, 1, 28, 28)).shape());
    }
  }

  @Test
  void pretrainedFilesMustMatchTheHashPrefixInTheirName(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path f = tmp.resolve("resnet18-f37072fd.pth");
    Files.writeString(f, "not the checkpoint");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> PretrainedWeights.checked(f, f.getFileName().toString()));
    assertTrue(e.getMessage().contains("does not start with f37072fd"), e.getMessage());
    String sha = PretrainedWeights.sha256(f);
    Path ok = tmp.resolve("resnet18-" + sha.substring(0, 8) + ".pth");
    Files.copy(f, ok);
    assertEquals(ok, PretrainedWeights.checked(ok, ok.getFileName().toString()));
    assertEquals(
        "https://download.pytorch.org/models/resnet34-b627a593.pth",
        PretrainedWeights.url("resnet34"));
  }
}
