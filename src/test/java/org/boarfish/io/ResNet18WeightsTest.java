package org.boarfish.io;

import static org.boarfish.io.IoFixtures.assertSameDict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 44.8 MB torchvision ResNet-18 checkpoint (not committed; make it with ../shared/fixtures/make_fixtures.py
 * --only torchvision --out DIR) against its keys.txt, converted to safetensors, with read throughput printed. Runs
 * only when {@code -Dboarfish.resnet18=DIR/resnet18.pth} is given.
 */
class ResNet18WeightsTest {
  @TempDir Path tmp;

  @Test
  void readsConvertsAndTimesResNet18() throws IOException {
    String prop = System.getProperty("boarfish.resnet18");
    assumeTrue(prop != null && Files.isRegularFile(Path.of(prop)), "set -Dboarfish.resnet18=path/to/resnet18.pth");
    Path pth = Path.of(prop);
    double mb = Files.size(pth) / 1e6;

    long t0 = System.nanoTime();
    Map<String, Tensor> sd = PthReader.read(pth);
    double firstSec = (System.nanoTime() - t0) / 1e9;
    double pthSec = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      t0 = System.nanoTime();
      PthReader.read(pth);
      pthSec = Math.min(pthSec, (System.nanoTime() - t0) / 1e9);
    }
    Path keys = pth.resolveSibling("keys.txt");
    if (Files.exists(keys)) {
      checkAgainstKeys(sd, Files.readAllLines(keys));
    }

    Path st = tmp.resolve("resnet18.safetensors");
    t0 = System.nanoTime();
    SafeTensors.write(sd, st);
    double writeSec = (System.nanoTime() - t0) / 1e9;
    double best = Double.MAX_VALUE;
    double bestNaive = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      t0 = System.nanoTime();
      Map<String, Tensor> back = SafeTensors.read(st);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      if (i == 0) {
        assertSameDict(sd, back);
      }
      t0 = System.nanoTime();
      naiveRead(st, back);
      bestNaive = Math.min(bestNaive, (System.nanoTime() - t0) / 1e9);
    }
    double stMb = Files.size(st) / 1e6;
    System.out.printf("resnet18: %d tensors; first .pth read (incl. ND4J start-up) %.3f s; .pth read best of 3 %.1f MB in %.3f s (%.0f MB/s); safetensors write %.3f s "
            + "(%.0f MB/s); safetensors read best of 5 %.3f s (%.0f MB/s); float[] + createFromArray path %.3f s (%.0f MB/s)%n",
        sd.size(), firstSec, mb, pthSec, mb / pthSec, writeSec, stMb / writeSec, best, stMb / best, bestNaive, stMb / bestNaive);
  }

  /** The baseline the brief mentions: map, FloatBuffer view, float[] copy, Nd4j.createFromArray. */
  private static void naiveRead(Path st, Map<String, Tensor> layout) throws IOException {
    try (FileChannel ch = FileChannel.open(st, StandardOpenOption.READ)) {
      var len = ch.map(FileChannel.MapMode.READ_ONLY, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      long pos = 8 + len;
      for (Tensor t : layout.values()) {
        int n = (int) t.numel();
        int bytes = n * (t.dtype() == org.boarfish.tensor.DType.FLOAT32 ? 4 : 8);
        if (t.dtype() == org.boarfish.tensor.DType.FLOAT32) {
          FloatBuffer fb = ch.map(FileChannel.MapMode.READ_ONLY, pos, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
          float[] v = new float[n];
          fb.get(v);
          Nd4j.createFromArray(v).reshape(t.shape());
        }
        pos += bytes;
      }
    }
  }

  private static void checkAgainstKeys(Map<String, Tensor> sd, List<String> lines) {
    List<String[]> rows = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")).toList();
    assertEquals(rows.stream().map(r -> r[0]).toList(), List.copyOf(sd.keySet()));
    for (String[] r : rows) {
      Tensor t = sd.get(r[0]);
      assertEquals(r[1], t.dtype().toString(), r[0]);
      assertEquals(r[2], Arrays.toString(t.shape()), r[0]);
      double sum = t.data().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
      assertEquals(Double.parseDouble(r[3]), sum, 1e-5 * Math.max(1, Math.abs(sum)), r[0] + " sum");
      double first = t.data().reshape(-1).getDouble(0);
      assertEquals(Double.parseDouble(r[4]), first, 1e-8 * Math.max(1, Math.abs(first)), r[0] + " first value");
    }
  }
}
