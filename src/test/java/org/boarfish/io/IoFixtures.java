package org.boarfish.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.boarfish.tensor.Npy;
import org.boarfish.tensor.Tensor;

/** Test resources and helpers for the weight-file tests. */
final class IoFixtures {
  private IoFixtures() {}

  /** A file under src/test/resources, e.g. {@code io/views.pth}. */
  static Path resource(String relative) {
    try {
      return Path.of(IoFixtures.class.getResource("/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + relative, e);
    }
  }

  static Path torchvision(String name) {
    return resource("fixtures/torchvision/" + name);
  }

  /** Same dtype, shape and bytes: compares the .npy encodings. */
  static void assertSameTensor(String name, Tensor expected, Tensor actual) {
    assertEquals(expected.dtype(), actual.dtype(), name + " dtype");
    assertArrayEquals(expected.shape(), actual.shape(), name + " shape");
    assertArrayEquals(Npy.bytes(expected.data()), Npy.bytes(actual.data()), name + " values");
  }

  static void assertSameDict(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "names in order");
    expected.forEach((k, v) -> assertSameTensor(k, v, actual.get(k)));
  }

  /**
   * Copies the zip {@code src} to {@code dst} (stored entries), passing each entry's bytes through
   * {@code edit} (keyed by entry name; a null result drops the entry).
   */
  static Path rewriteZip(Path src, Path dst, Map<String, UnaryOperator<byte[]>> edits) {
    try (ZipFile in = new ZipFile(src.toFile());
        OutputStream os = Files.newOutputStream(dst);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (ZipEntry e : Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = s.readAllBytes();
        }
        UnaryOperator<byte[]> edit = edits.get(e.getName());
        if (edit != null) {
          bytes = edit.apply(bytes);
        }
        if (bytes != null) {
          putStored(out, e.getName(), bytes);
        }
      }
      return dst;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void putStored(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    ZipEntry z = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    z.setMethod(ZipEntry.STORED);
    z.setSize(bytes.length);
    z.setCompressedSize(bytes.length);
    z.setCrc(crc.getValue());
    out.putNextEntry(z);
    out.write(bytes);
    out.closeEntry();
  }

  /** The rows of small.keys.txt: key, dtype, shape text. */
  static List<String[]> smallKeys() throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(torchvision("small.keys.txt"))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }

  /** Bytes from a string of \xNN escapes and plain characters, as Python writes byte literals. */
  static byte[] pyBytes(String s) {
    List<Byte> out = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && s.charAt(i + 1) == 'x') {
        out.add((byte) Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (c == '\\' && s.charAt(i + 1) == 'n') {
        out.add((byte) '\n');
        i += 1;
      } else {
        out.add((byte) c);
      }
    }
    byte[] b = new byte[out.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = out.get(i);
    }
    return b;
  }

  static LinkedHashMap<String, Tensor> dict(Object... nameTensor) {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < nameTensor.length; i += 2) {
      m.put((String) nameTensor[i], (Tensor) nameTensor[i + 1]);
    }
    return m;
  }
}
