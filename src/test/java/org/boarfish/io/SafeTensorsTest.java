package org.boarfish.io;

import static org.boarfish.io.IoFixtures.assertSameDict;
import static org.boarfish.io.IoFixtures.dict;
import static org.boarfish.io.IoFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path tmp;

  static LinkedHashMap<String, Tensor> allTypes() {
    return dict(
        "f32",
            Tensor.of(new float[] {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, Float.MAX_VALUE}, 2, 3),
        "f64", Tensor.of(new double[] {Math.PI, -1e300, 0.1}, 3),
        "i64", Tensor.scalar(-(1L << 40), DType.INT64),
        "i32", Tensor.of(new int[] {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE}, 2, 2),
        "mask", Tensor.of(new boolean[] {true, false, true}, 3),
        "scalar", Tensor.scalar(2.5),
        "empty", Tensor.zeros(0, 4),
        "view", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).t());
  }

  @Test
  void roundTripsEveryTypeWithMetadata() {
    Path file = tmp.resolve("all.safetensors");
    Map<String, String> meta = Map.of("format", "pt", "note", "ünïcode");
    SafeTensors.write(allTypes(), file, meta);
    var back = SafeTensors.read(file);
    assertSameDict(allTypes(), back);
    assertEquals(0, back.get("i64").dim());
    assertEquals(meta, SafeTensors.readMetadata(file));
    SafeTensors.write(allTypes(), file);
    assertTrue(SafeTensors.readMetadata(file).isEmpty());
  }

  @Test
  void headerMatchesTheSpecByteForByte() throws IOException {
    Path file = tmp.resolve("tiny.safetensors");
    SafeTensors.write(
        dict("a", Tensor.of(new float[] {1f, 2f}, 2), "b", Tensor.scalar(5, DType.INT64)), file);
    byte[] bytes = Files.readAllBytes(file);
    String json =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]}}";
    int n = (json.length() + 7) / 8 * 8;
    ByteBuffer expected = ByteBuffer.allocate(8 + n + 16).order(ByteOrder.LITTLE_ENDIAN);
    expected
        .putLong(n)
        .put((json + " ".repeat(n - json.length())).getBytes(StandardCharsets.UTF_8));
    expected.putFloat(1f).putFloat(2f).putLong(5);
    assertArrayEquals(expected.array(), bytes);
    assertEquals(0, n % 8);
    assertEquals(n, ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    JsonNode h = new ObjectMapper().readTree(Arrays.copyOfRange(bytes, 8, 8 + n));
    assertEquals("[8,16]", h.get("b").get("data_offsets").toString());
  }

  @Test
  void readsAFileFromAnIndependentWriter() {
    Path file = resource("io/ref.safetensors");
    assertSameDict(Npz.read(resource("io/numpy.npz")), SafeTensors.read(file));
    assertEquals(
        Map.of("format", "pt", "source", "make_io_fixtures.py"), SafeTensors.readMetadata(file));
  }

  @Test
  void widensHalfAndBfloat16() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3e00)
        .putShort((short) 0xc000)
        .putShort((short) 0x7c00)
        .putShort((short) 0x3fc0);
    Path file =
        handMade(
            "half.safetensors",
            "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[6,8]}}",
            data.array());
    var sd = SafeTensors.read(file);
    assertArrayEquals(new float[] {1.5f, -2f, Float.POSITIVE_INFINITY}, sd.get("h").toFloatArray());
    assertArrayEquals(new float[] {1.5f}, sd.get("b").toFloatArray());
  }

  @Test
  void truncatedInTheData() throws IOException {
    Path file = tmp.resolve("cut.safetensors");
    SafeTensors.write(allTypes(), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    assertBad(file, "tensor 'view'", "run past the end of the data", "truncated");
  }

  @Test
  void headerLengthBeyondTheFile() throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(10)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(1000)
            .put((byte) '{')
            .put((byte) '}');
    Path file = Files.write(tmp.resolve("long.safetensors"), b.array());
    assertBad(file, "header length 1000 is larger than the rest of the file (2 bytes)");
    assertBad(Files.write(tmp.resolve("tiny.safetensors"), new byte[3]), "too short");
  }

  @Test
  void headerThatLiesAboutSizes() throws IOException {
    Path file =
        handMade(
            "lie.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}",
            new byte[12]);
    assertBad(file, "tensor 'a'", "hold 12 bytes but F32 [2] needs 8");
  }

  @Test
  void overlapsGapsAndTrailingBytes() throws IOException {
    String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    assertBad(
        handMade(
            "overlap.safetensors",
            "{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            new byte[12]),
        "tensor 'b'",
        "overlap those of 'a' [0, 8]");
    assertBad(
        handMade(
            "gap.safetensors",
            "{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}",
            new byte[20]),
        "tensor 'b'",
        "gap of 4 bytes after 'a'");
    assertBad(
        handMade("trailing.safetensors", "{" + a + "}", new byte[9]),
        "cover 8 bytes of data but the file holds 9");
  }

  @Test
  void badDtypeJsonAndDuplicateNames() throws IOException {
    assertBad(
        handMade(
            "dtype.safetensors",
            "{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}",
            new byte[8]),
        "tensor 'a'",
        "unsupported dtype 'Q7'");
    assertBad(handMade("json.safetensors", "{\"a\": [1, 2", new byte[0]), "not valid JSON");
    assertBad(handMade("array.safetensors", "[1, 2]", new byte[0]), "not a JSON object");
    String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    assertBad(
        handMade("dup.safetensors", "{" + a + "," + a + "}", new byte[8]),
        "the header names tensor 'a' twice");
    assertBad(
        handMade(
            "neg.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
            new byte[8]),
        "tensor 'a'",
        "'shape' must be an array of non-negative integers");
    assertBad(
        handMade("meta.safetensors", "{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
        "'epoch' must be a string");
  }

  @Test
  void failedWriteLeavesThePreviousFileIntact() throws IOException {
    Path file = tmp.resolve("model.safetensors");
    SafeTensors.write(dict("old", Tensor.of(new float[] {42f}, 1)), file);
    byte[] before = Files.readAllBytes(file);
    Tensor freed;
    try (Scope s = Scope.open()) {
      freed = Tensor.ones(1000);
      assertFalse(s.isClosed());
    }
    var sd = dict("good", Tensor.ones(100_000), "freed", freed);
    assertThrows(IllegalStateException.class, () -> SafeTensors.write(sd, file));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listDir());
    Path fresh = tmp.resolve("fresh.safetensors");
    assertThrows(IllegalStateException.class, () -> SafeTensors.write(sd, fresh));
    assertFalse(Files.exists(fresh));
    assertEquals(List.of(file), listDir());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    }
  }

  private Path handMade(String name, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.write(h);
    out.write(data);
    return Files.write(tmp.resolve(name), out.toByteArray());
  }

  static void assertBad(Path file, String... parts) {
    var e = assertThrows(WeightFileException.class, () -> SafeTensors.read(file));
    assertTrue(e.getMessage().startsWith("bad safetensors file " + file + ": "), e.getMessage());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "expected '" + p + "' in: " + e.getMessage());
    }
    assertEquals(file, e.file());
  }
}
