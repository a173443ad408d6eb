package org.boarfish.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Shapes;
import org.boarfish.tensor.Tensor;

/**
 * Hugging Face's <a href="https://github.com/huggingface/safetensors">safetensors</a> format: an
 * 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the raw little-endian row-major data. Reads F32, F64, I64, I32 and BOOL (F16 and BF16
 * are widened to float32); writes the first five. Reading maps the file and copies each tensor
 * straight into ND4J memory; writing is atomic.
 *
 * <pre>{@code
 * SafeTensors.write(model.stateDict(), Path.of("model.safetensors"), Map.of("arch", "resnet18"));
 * var sd = SafeTensors.read(Path.of("model.safetensors"));   // LinkedHashMap<String, Tensor>, in file order
 * }</pre>
 */
public final class SafeTensors {
  /** The largest header Boarfish accepts (the reference implementation's limit). */
  static final long MAX_HEADER = 100_000_000L;

  private static final String METADATA = "__metadata__";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SafeTensors() {}

  /** Writes {@code tensors} (in map order) to {@code file}, atomically. */
  public static void write(Map<String, Tensor> tensors, Path file) {
    write(tensors, file, Map.of());
  }

  /**
   * Writes {@code tensors} and string {@code metadata} (the header's {@code __metadata__}) to
   * {@code file}, atomically.
   */
  public static void write(Map<String, Tensor> tensors, Path file, Map<String, String> metadata) {
    byte[] header = header(tensors, metadata);
    AtomicFile.write(
        file,
        "safetensors",
        ch -> {
          AtomicFile.writeFully(
              ch, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
          AtomicFile.writeFully(ch, ByteBuffer.wrap(header));
          for (Tensor t : tensors.values()) {
            AtomicFile.writeFully(ch, WireType.encode(t.data()));
          }
        });
  }

  /**
   * The header bytes (JSON padded with spaces to a multiple of 8) for these tensors, from shapes
   * and types only.
   */
  static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA);
      metadata.forEach(
          (k, v) -> {
            if (k == null || v == null) {
              throw new IllegalArgumentException(
                  "safetensors metadata must not hold null keys or values: " + metadata);
            }
            meta.put(k, v);
          });
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      Tensor t = e.getValue();
      if (name == null || name.isEmpty() || name.equals(METADATA) || t == null) {
        throw new IllegalArgumentException(
            "cannot write tensor '"
                + name
                + "' = "
                + t
                + " to safetensors: names must be non-empty, not '"
                + METADATA
                + "', and tensors non-null");
      }
      WireType w = WireType.of(t.dtype());
      long size = t.numel() * w.itemSize;
      ObjectNode info = root.putObject(name);
      info.put("dtype", w.name());
      ArrayNode shape = info.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      info.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    try {
      byte[] json = JSON.writeValueAsBytes(root);
      byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
      Arrays.fill(padded, json.length, padded.length, (byte) ' ');
      return padded;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads every tensor of {@code file}, in the order of their data in the file. */
  public static LinkedHashMap<String, Tensor> read(Path file) {
    return Scope.outside(
        () -> {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = Header.parse(ch, file);
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            long dataSize = ch.size() - h.dataStart;
            ByteBuffer all =
                dataSize <= Integer.MAX_VALUE
                    ? ch.map(FileChannel.MapMode.READ_ONLY, h.dataStart, dataSize)
                    : null;
            for (Entry e : h.entries) {
              ByteBuffer bytes =
                  all != null
                      ? all.slice((int) e.begin, (int) (e.end - e.begin))
                      : ch.map(
                          FileChannel.MapMode.READ_ONLY, h.dataStart + e.begin, e.end - e.begin);
              out.put(e.name, Tensor.wrap(e.type.decode(bytes, e.shape)));
            }
            return out;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e, e);
          }
        });
  }

  /** The string metadata of {@code file}'s header ({@code __metadata__}); empty if it has none. */
  public static LinkedHashMap<String, String> readMetadata(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return Header.parse(ch, file).metadata;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e, e);
    }
  }

  /** One tensor of the header: bytes [begin, end) of the data section. */
  private record Entry(String name, WireType type, long[] shape, long begin, long end) {}

  /** A parsed, fully validated header. */
  private static final class Header {
    final List<Entry> entries = new ArrayList<>();
    final LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
    long dataStart;

    static Header parse(FileChannel ch, Path file) throws IOException {
      long size = ch.size();
      if (size < 8) {
        throw bad(
            file, "the file is " + size + " bytes long, too short for the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0);
      long n = lenBuf.getLong(0);
      if (n < 0 || n > size - 8) {
        throw bad(
            file,
            "the header length "
                + Long.toUnsignedString(n)
                + " is larger than the rest of the file ("
                + (size - 8)
                + " bytes): truncated, or not a safetensors file");
      }
      if (n > MAX_HEADER) {
        throw bad(file, "the header length " + n + " exceeds the " + MAX_HEADER + "-byte limit");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) n);
      readFully(ch, hb, 8);
      Header h = new Header();
      h.dataStart = 8 + n;
      h.fill(hb.array(), size - h.dataStart, file);
      return h;
    }

    private void fill(byte[] headerBytes, long dataSize, Path file) {
      JsonNode root;
      try {
        root = JSON.readTree(headerBytes);
      } catch (IOException e) {
        String why =
            e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage()
                : e.toString();
        if (why != null && why.startsWith("Duplicate field ")) {
          throw bad(
              file,
              "the header names tensor " + why.substring("Duplicate field ".length()) + " twice");
        }
        throw bad(
            file,
            "the header is not valid JSON ("
                + why
                + "); it begins "
                + preview(new String(headerBytes, StandardCharsets.UTF_8)));
      }
      if (root == null || !root.isObject()) {
        throw bad(
            file,
            "the header is not a JSON object; it begins "
                + preview(new String(headerBytes, StandardCharsets.UTF_8)));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals(METADATA)) {
          readMetadata(f.getValue(), file);
        } else {
          entries.add(entry(f.getKey(), f.getValue(), file));
        }
      }
      entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
      long expected = 0;
      Entry prev = null;
      for (Entry e : entries) {
        if (e.begin < expected) {
          throw bad(
              file,
              "tensor '"
                  + e.name
                  + "': data_offsets ["
                  + e.begin
                  + ", "
                  + e.end
                  + "] overlap those of '"
                  + prev.name
                  + "' ["
                  + prev.begin
                  + ", "
                  + prev.end
                  + "]");
        }
        if (e.begin > expected) {
          throw bad(
              file,
              "tensor '"
                  + e.name
                  + "': data_offsets ["
                  + e.begin
                  + ", "
                  + e.end
                  + "] leave a gap of "
                  + (e.begin - expected)
                  + " bytes after "
                  + (prev == null ? "the header" : "'" + prev.name + "'"));
        }
        if (e.end > dataSize) {
          throw bad(
              file,
              "tensor '"
                  + e.name
                  + "': data_offsets ["
                  + e.begin
                  + ", "
                  + e.end
                  + "] run past the end of the "
                  + "data ("
                  + dataSize
                  + " bytes): the file is truncated");
        }
        expected = e.end;
        prev = e;
      }
      if (expected != dataSize) {
        throw bad(
            file,
            "the tensors cover "
                + expected
                + " bytes of data but the file holds "
                + dataSize
                + " after the header: trailing bytes or a header that lies about sizes");
      }
    }

    private void readMetadata(JsonNode meta, Path file) {
      if (!meta.isObject()) {
        throw bad(file, "'" + METADATA + "' must be an object of strings, found " + meta);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        if (!m.getValue().isTextual()) {
          throw bad(
              file,
              "'"
                  + METADATA
                  + "' value for '"
                  + m.getKey()
                  + "' must be a string, found "
                  + m.getValue());
        }
        metadata.put(m.getKey(), m.getValue().textValue());
      }
    }

    private static Entry entry(String name, JsonNode info, Path file) {
      String where = "tensor '" + name + "': ";
      if (!info.isObject()) {
        throw bad(
            file, where + "expected an object with dtype, shape and data_offsets, found " + info);
      }
      JsonNode dt = info.get("dtype");
      if (dt == null || !dt.isTextual()) {
        throw bad(file, where + "missing or non-string 'dtype'");
      }
      WireType type = WireType.named(dt.textValue());
      if (type == null) {
        throw bad(
            file,
            where
                + "unsupported dtype '"
                + dt.textValue()
                + "'; Boarfish reads F32, F64, I64, I32, BOOL, "
                + "and F16/BF16 (widened to F32)");
      }
      long[] shape = longs(info.get("shape"), -1, where + "'shape'", file);
      long[] offsets = longs(info.get("data_offsets"), 2, where + "'data_offsets'", file);
      if (offsets[1] < offsets[0]) {
        throw bad(
            file, where + "data_offsets " + Arrays.toString(offsets) + " end before they begin");
      }
      long need;
      try {
        long numel = 1;
        for (long d : shape) {
          numel = Math.multiplyExact(numel, d);
        }
        need = Math.multiplyExact(numel, (long) type.itemSize);
      } catch (ArithmeticException e) {
        throw bad(file, where + "shape " + Shapes.str(shape) + " is impossibly large");
      }
      if (need != offsets[1] - offsets[0]) {
        throw bad(
            file,
            where
                + "data_offsets "
                + Arrays.toString(offsets)
                + " hold "
                + (offsets[1] - offsets[0])
                + " bytes but "
                + type
                + " "
                + Shapes.str(shape)
                + " needs "
                + need);
      }
      if (need > Integer.MAX_VALUE) {
        throw bad(file, where + "tensors over 2 GiB are not supported");
      }
      return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(JsonNode node, int count, String what, Path file) {
      if (node == null || !node.isArray() || (count >= 0 && node.size() != count)) {
        throw bad(
            file,
            what
                + " must be an array of "
                + (count >= 0 ? count + " " : "")
                + "non-negative integers, found "
                + node);
      }
      long[] out = new long[node.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = node.get(i);
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
          throw bad(file, what + " must be an array of non-negative integers, found " + node);
        }
        out[i] = v.longValue();
      }
      return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
      while (buf.hasRemaining()) {
        int r = ch.read(buf, pos + buf.position());
        if (r < 0) {
          throw new IOException("unexpected end of file");
        }
      }
    }

    private static String preview(String s) {
      String t = s.strip();
      return "'" + (t.length() > 60 ? t.substring(0, 60) + "…" : t) + "'";
    }
  }

  private static WeightFileException bad(Path file, String what) {
    return new WeightFileException(file, "bad safetensors file " + file + ": " + what);
  }
}
