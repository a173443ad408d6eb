package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.io.LoadReport;
import org.boarfish.io.PthReader;
import org.boarfish.tensor.Fixtures;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch fixture {@code small.pth}: {@code Sequential(Linear(4,8), BatchNorm1d(8), ReLU,
 * Linear(8,3))}, with its tensors also as {@code small.sd.<key>.npy}, an input and the eval-mode
 * logits.
 */
class FixtureTest {
  private static final Path DIR = Fixtures.root().resolve("torchvision");

  private static Sequential small() {
    return new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
  }

  private static List<String> keys() throws IOException {
    return Files.readAllLines(DIR.resolve("small.keys.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("\t")[0])
        .toList();
  }

  private static void assertLogits(Module m) {
    Tensor x = Tensor.fromNpy(DIR.resolve("small.input.npy"));
    Tensor expected = Tensor.fromNpy(DIR.resolve("small.logits.npy"));
    m.eval();
    Tensor y = m.call(x);
    assertArrayEquals(expected.shape(), y.shape());
    assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-5f);
  }

  @Test
  void stateDictKeysMatchPyTorchInOrder() throws IOException {
    assertEquals(keys(), List.copyOf(small().stateDict().keySet()));
  }

  @Test
  void npyTensorsLoadAndReproduceTheLogits() throws IOException {
    Map<String, Tensor> sd = new LinkedHashMap<>();
    for (String k : keys()) {
      sd.put(k, Tensor.fromNpy(DIR.resolve("small.sd." + k + ".npy")));
    }
    Sequential m = small();
    assertTrue(m.loadStateDict(sd).isClean());
    assertEquals(7, ((BatchNorm1d) m.get(1)).numBatchesTracked());
    assertLogits(m);
  }

  @Test
  void pthLoadsThroughTheRestrictedReader() {
    Sequential m = small();
    LoadReport r = m.loadStateDict(PthReader.read(DIR.resolve("small.pth")), false);
    assertTrue(r.isClean(), r.toString());
    assertLogits(m);
    assertLogits(small().load(DIR.resolve("small.pth")));
  }

  @Test
  void safetensorsRoundTrip(@TempDir Path tmp) {
    Sequential a = small();
    a.load(DIR.resolve("small.pth"));
    Path f = tmp.resolve("small.safetensors");
    a.save(f);
    Sequential b = small();
    assertTrue(b.load(f, true).isClean());
    a.stateDict()
        .forEach(
            (k, v) ->
                assertArrayEquals(v.toDoubleArray(), b.stateDict().get(k).toDoubleArray(), 0, k));
    assertLogits(b);
  }
}
