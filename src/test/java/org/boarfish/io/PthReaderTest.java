package org.boarfish.io;

import static org.boarfish.io.IoFixtures.assertSameDict;
import static org.boarfish.io.IoFixtures.assertSameTensor;
import static org.boarfish.io.IoFixtures.pyBytes;
import static org.boarfish.io.IoFixtures.resource;
import static org.boarfish.io.IoFixtures.rewriteZip;
import static org.boarfish.io.IoFixtures.torchvision;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipOutputStream;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PthReaderTest {
  @TempDir Path tmp;

  @Test
  void smallPthMatchesPyTorchTensorsExactly() throws IOException {
    Map<String, Tensor> sd = PthReader.read(torchvision("small.pth"));
    List<String[]> rows = IoFixtures.smallKeys();
    assertEquals(rows.stream().map(r -> r[0]).toList(), List.copyOf(sd.keySet()));
    for (String[] r : rows) {
      Tensor t = sd.get(r[0]);
      assertEquals(r[1], t.dtype().toString(), r[0]);
      assertEquals(r[2], Arrays.toString(t.shape()), r[0]);
      assertSameTensor(r[0], Tensor.fromNpy(torchvision("small.sd." + r[0] + ".npy")), t);
    }
    Tensor nbt = sd.get("1.num_batches_tracked");
    assertEquals(DType.INT64, nbt.dtype());
    assertEquals(0, nbt.dim());
    assertEquals(7.0, nbt.item());
  }

  @Test
  void checkpointWithStridedViewsSharedStoragesAndMixedTypes() {
    Map<String, Tensor> sd = PthReader.read(resource("io/views.pth"));
    assertSameDict(Npz.read(resource("io/views.expected.npz")), sd);
    assertEquals(DType.FLOAT32, sd.get("half").dtype());
    assertArrayEquals(
        new float[] {1.5f, -2.25f, 65504f, 5.9604645e-8f, Float.POSITIVE_INFINITY},
        sd.get("half").toFloatArray());
  }

  @Test
  void pickleProtocol4() {
    assertSameDict(
        Npz.read(resource("io/proto4.expected.npz")), PthReader.read(resource("io/proto4.pth")));
  }

  @Test
  void refusesAForbiddenGlobalByName() {
    byte[] evil =
        pyBytes("\\x80\\x02cos\\nsystem\\nq\\x00X\\x02\\x00\\x00\\x00lsq\\x01\\x85q\\x02Rq\\x03.");
    Path file =
        rewriteZip(
            torchvision("small.pth"),
            tmp.resolve("model.pth"),
            Map.of("small/data.pkl", b -> evil));
    var e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
    assertTrue(e.getMessage().contains("'os.system'"), e.getMessage());
    assertTrue(e.getMessage().contains("never runs code"), e.getMessage());
    assertTrue(e.getMessage().startsWith("refusing to load " + file), e.getMessage());
  }

  @Test
  void truncatedStorage() {
    UnaryOperator<byte[]> cut = b -> Arrays.copyOf(b, 100);
    Path file =
        rewriteZip(torchvision("small.pth"), tmp.resolve("cut.pth"), Map.of("small/data/0", cut));
    var e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
    assertTrue(e.getMessage().contains("tensor '0.weight'"), e.getMessage());
    assertTrue(e.getMessage().contains("small/data/0 holds 100 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void missingStorageEntry() {
    Path file =
        rewriteZip(
            torchvision("small.pth"), tmp.resolve("gone.pth"), Map.of("small/data/3", b -> null));
    var e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
    assertTrue(
        e.getMessage().contains("tensor '1.bias'") && e.getMessage().contains("small/data/3"),
        e.getMessage());
  }

  @Test
  void missingDataPkl() {
    Path file =
        rewriteZip(
            torchvision("small.pth"),
            tmp.resolve("nopkl.pth"),
            Map.of("small/data.pkl", b -> null));
    var e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
    assertTrue(e.getMessage().contains("no data.pkl"), e.getMessage());
  }

  @Test
  void randomBytesAreNotAZip() throws IOException {
    byte[] junk = new byte[300];
    new Random(1).nextBytes(junk);
    junk[0] = 0x3f;
    Path file = Files.write(tmp.resolve("junk.pth"), junk);
    var e = assertThrows(WeightFileException.class, () -> PthReader.read(file));
    assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());
  }

  @Test
  void legacyFormatSaysHowToResave() {
    var e =
        assertThrows(WeightFileException.class, () -> PthReader.read(resource("io/legacy.pth")));
    assertTrue(e.getMessage().contains("legacy (pre-1.6)"), e.getMessage());
    assertTrue(e.getMessage().contains("torch.save(torch.load(path), new_path)"), e.getMessage());
  }

  @Test
  void unsupportedAndUnknownOpcodesAreNamedWithTheirOffset() throws IOException {
    var inst =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("inst.pth", "\\x80\\x02(i__main__\\nX\\n.")));
    assertTrue(
        inst.getMessage().contains("byte 3 (INST)") && inst.getMessage().contains("not supported"),
        inst.getMessage());
    var junk =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("ff.pth", "\\x80\\x02}\\xff.")));
    assertTrue(
        junk.getMessage().contains("byte 3")
            && junk.getMessage().contains("0xff is not a pickle opcode"),
        junk.getMessage());
  }

  @Test
  void truncatedPickleAndNonTensorValues() throws IOException {
    var noStop =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("nostop.pth", "\\x80\\x02}")));
    assertTrue(noStop.getMessage().contains("without a STOP"), noStop.getMessage());
    var cutString =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("cutstr.pth", "\\x80\\x02X\\xff\\x00\\x00\\x00ab")));
    assertTrue(cutString.getMessage().contains("runs past the end"), cutString.getMessage());
    var notTensor =
        assertThrows(
            WeightFileException.class,
            () ->
                PthReader.read(
                    withPickle("int.pth", "\\x80\\x02}X\\x05\\x00\\x00\\x00epochK\\x03s.")));
    assertTrue(notTensor.getMessage().contains("'epoch' (the int 3)"), notTensor.getMessage());
  }

  @Test
  void hostilePickleShapesFailCleanly() throws IOException {
    var cycle =
        assertThrows(
            WeightFileException.class,
            () ->
                PthReader.read(
                    withPickle("cycle.pth", "\\x80\\x02}q\\x00X\\x01\\x00\\x00\\x00ah\\x00s.")));
    assertTrue(cycle.getMessage().contains("nest more than 64 deep"), cycle.getMessage());
    var listKey =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("key.pth", "\\x80\\x02}]K\\x01s.")));
    assertTrue(listKey.getMessage().contains("must be hashable"), listKey.getMessage());
    var underflow =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("pop.pth", "\\x80\\x02(s.")));
    assertTrue(
        underflow.getMessage().contains("byte 3 (SETITEM): the stack is empty"),
        underflow.getMessage());
    var notDict =
        assertThrows(
            WeightFileException.class,
            () -> PthReader.read(withPickle("list.pth", "\\x80\\x02].")));
    assertTrue(
        notDict.getMessage().contains("holds a list, not a dict of tensors"), notDict.getMessage());
  }

  private Path withPickle(String name, String pickle) throws IOException {
    Path file = tmp.resolve(name);
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      IoFixtures.putStored(zip, "archive/data.pkl", pyBytes(pickle));
      IoFixtures.putStored(zip, "archive/version", "3\n".getBytes());
    }
    return file;
  }
}
