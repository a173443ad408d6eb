package org.boarfish.io;

import static org.boarfish.io.IoFixtures.assertSameDict;
import static org.boarfish.io.IoFixtures.torchvision;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {
  @TempDir Path tmp;

  @Test
  void convertsATorchvisionCheckpointToSafetensorsAndNpz() {
    Map<String, Tensor> sd = WeightFiles.read(torchvision("small.pth"));
    for (String name : new String[] {"small.safetensors", "small.npz"}) {
      Path out = tmp.resolve(name);
      WeightFiles.write(sd, out);
      assertSameDict(sd, WeightFiles.read(out));
    }
  }

  @Test
  void tensorsReadInsideAScopeOutliveIt() {
    Path st = tmp.resolve("s.safetensors");
    Path npz = tmp.resolve("s.npz");
    WeightFiles.write(WeightFiles.read(torchvision("small.pth")), st);
    WeightFiles.write(WeightFiles.read(torchvision("small.pth")), npz);
    Map<String, Tensor> a;
    Map<String, Tensor> b;
    Map<String, Tensor> c;
    try (Scope s = Scope.open()) {
      a = WeightFiles.read(torchvision("small.pth"));
      b = WeightFiles.read(st);
      c = WeightFiles.read(npz);
      assertFalse(s.isClosed());
    }
    assertSameDict(a, b);
    assertSameDict(a, c);
  }

  @Test
  void refusesUnknownExtensionsAndWritingPickles() {
    var sd = WeightFiles.read(torchvision("small.pth"));
    var pth =
        assertThrows(
            IllegalArgumentException.class, () -> WeightFiles.write(sd, tmp.resolve("x.pth")));
    assertTrue(pth.getMessage().contains("write .safetensors"), pth.getMessage());
    var h5 =
        assertThrows(IllegalArgumentException.class, () -> WeightFiles.read(tmp.resolve("x.h5")));
    assertTrue(h5.getMessage().contains("from its extension"), h5.getMessage());
  }
}
