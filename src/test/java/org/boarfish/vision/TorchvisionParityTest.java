package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.boarfish.io.LoadReport;
import org.boarfish.io.PthReader;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A torchvision resnet18 checkpoint (BN statistics perturbed, so a loader that drops them fails)
 * loads into {@link Models#resnet18(int)} and reproduces torchvision's logits to 1e-4.
 *
 * <p>The checkpoint is 45 MB and not in the repository: make it with {@code /usr/bin/python3
 * ../shared/fixtures/make_fixtures.py --only torchvision --out DIR} and point the system property
 * {@code boarfish.torchvision.dir} or the environment variable {@code BOARFISH_TORCHVISION_DIR} at
 * DIR. Without it this test is skipped (the only skip in the suite; {@code .ci/run} fails on it).
 */
class TorchvisionParityTest {
  static final String PROPERTY = "boarfish.torchvision.dir";
  static final String ENV = "BOARFISH_TORCHVISION_DIR";

  static Path dir() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    return p == null || p.isBlank() ? null : Path.of(p);
  }

  @Test
  void torchvisionResnet18CheckpointReproducesItsLogits() {
    Path d = dir();
    Assumptions.assumeTrue(
        d != null && Files.isRegularFile(d.resolve("resnet18.pth")),
        "no torchvision checkpoint: run `/usr/bin/python3 ../shared/fixtures/make_fixtures.py "
            + "--only torchvision --out DIR` and set "
            + ENV
            + "=DIR (or -D"
            + PROPERTY
            + "=DIR)");
    ResNet model = Models.resnet18(10);
    LoadReport report = model.loadStateDict(PthReader.read(d.resolve("resnet18.pth")));
    assertTrue(report.toString().length() > 0);
    model.eval();
    Tensor x = Tensor.fromNpy(d.resolve("resnet18.input.npy"));
    Tensor want = Tensor.fromNpy(d.resolve("resnet18.logits.npy"));
    Tensor got;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      got = model.call(x);
    }
    assertArrayEquals(want.shape(), got.shape());
    float[] w = want.toFloatArray();
    float[] g = got.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], g[i], 1e-4, "logit " + i);
    }
    assertEquals(7, model.stateDict().get("bn1.num_batches_tracked").item(), "buffers loaded too");
  }
}
