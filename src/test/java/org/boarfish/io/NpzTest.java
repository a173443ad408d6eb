package org.boarfish.io;

import static org.boarfish.io.IoFixtures.assertSameDict;
import static org.boarfish.io.IoFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
  @TempDir Path tmp;

  @Test
  void readsNumpyWrittenFilesStoredAndDeflated() {
    for (String name : List.of("io/numpy.npz", "io/numpy_compressed.npz")) {
      Map<String, Tensor> sd = Npz.read(resource(name));
      assertEquals(
          List.of("f32", "f64", "i64", "i32", "mask", "zero_d"), List.copyOf(sd.keySet()), name);
      assertArrayEquals(new float[] {0f, .25f, .5f, .75f, 1f, 1.25f}, sd.get("f32").toFloatArray());
      assertArrayEquals(new long[] {2, 3}, sd.get("f32").shape());
      assertArrayEquals(new double[] {1.0, -2.5, 1e300}, sd.get("f64").toDoubleArray());
      assertArrayEquals(new long[] {-1, 1L << 40}, sd.get("i64").toLongArray());
      assertEquals(DType.INT32, sd.get("i32").dtype());
      assertEquals(DType.BOOL, sd.get("mask").dtype());
      assertEquals(0, sd.get("zero_d").dim());
      assertEquals(3.25, sd.get("zero_d").item());
    }
  }

  @Test
  void roundTrip() {
    Path file = tmp.resolve("all.npz");
    Npz.write(SafeTensorsTest.allTypes(), file);
    assertSameDict(SafeTensorsTest.allTypes(), Npz.read(file));
  }

  @Test
  void notAZip() throws IOException {
    Path file = Files.writeString(tmp.resolve("x.npz"), "hello, not a zip at all");
    var e = assertThrows(WeightFileException.class, () -> Npz.read(file));
    assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());
  }
}
