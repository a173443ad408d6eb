package org.boarfish.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Shapes;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads PyTorch {@code .pth}/{@code .pt} state dicts (the zip format {@code torch.save} writes
 * since PyTorch 1.6, as torchvision's published weights are) without Python and without running any
 * code from the file.
 *
 * <p>The file's {@code data.pkl} is read by a restricted unpickler that knows dicts, lists, tuples,
 * primitives and an allow-list of PyTorch globals ({@code collections.OrderedDict}, {@code
 * torch._utils._rebuild_tensor_v2}, {@code torch._utils._rebuild_parameter} and the
 * Float/Double/Long/Int/Bool/Half/BFloat16 storage types); any other global is refused as soon as
 * it is named. Half and bfloat16 tensors are widened to float32.
 *
 * <p>The result is the state dict in file order. A checkpoint whose top level holds the weights
 * under {@code "state_dict"} or {@code "model"} yields that dict; nested dicts are flattened with
 * dots.
 */
public final class PthReader {
  private static final Map<String, WireType> STORAGES =
      Map.of(
          "FloatStorage",
          WireType.F32,
          "DoubleStorage",
          WireType.F64,
          "LongStorage",
          WireType.I64,
          "IntStorage",
          WireType.I32,
          "BoolStorage",
          WireType.BOOL,
          "HalfStorage",
          WireType.F16,
          "BFloat16Storage",
          WireType.BF16);

  private PthReader() {}

  /** Reads the tensors of a {@code torch.save} file, by name in file order. */
  public static LinkedHashMap<String, Tensor> read(Path file) {
    checkMagic(file);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String pkl = findDataPkl(zip, file);
      String dir = pkl.substring(0, pkl.length() - "data.pkl".length());
      Refs refs = new Refs(file);
      byte[] pickle = readEntry(zip, zip.getEntry(pkl), file);
      Object root = new Unpickler(ByteBuffer.wrap(pickle), file, pkl, refs).load();
      LinkedHashMap<String, TensorRef> tensors = new LinkedHashMap<>();
      flatten(stateDict(root, file), "", tensors, file, 0);
      Map<String, ByteBuffer> storages = new HashMap<>();
      return Scope.outside(
          () -> {
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            tensors.forEach(
                (name, ref) ->
                    out.put(name, Tensor.wrap(ref.build(name, zip, dir, storages, file))));
            return out;
          });
    } catch (ZipException e) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": it is not a valid zip archive ("
              + e.getMessage()
              + "); a .pth file written by torch.save since PyTorch 1.6 is a zip holding data.pkl",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }

  /** A storage reference: {@code ('storage', torch.FloatStorage, key, location, numel)}. */
  private record Storage(String key, WireType type, long numel) {}

  /**
   * What {@code _rebuild_tensor_v2} describes: a strided view of a storage. Built once the pickle
   * is done.
   */
  private record TensorRef(Storage storage, long offset, long[] size, long[] stride) {
    INDArray build(
        String name, ZipFile zip, String dir, Map<String, ByteBuffer> storages, Path file) {
      String where = "cannot load " + file + ": tensor '" + name + "'";
      WireType w = storage.type;
      ByteBuffer bytes = storages.get(storage.key);
      if (bytes == null) {
        String entryName = dir + "data/" + storage.key;
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
          throw new WeightFileException(
              file,
              where
                  + " uses storage '"
                  + storage.key
                  + "', but the zip has no entry "
                  + entryName
                  + ": the file is incomplete");
        }
        bytes = ByteBuffer.wrap(readEntry(zip, entry, file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.capacity() < storage.numel * w.itemSize) {
          throw new WeightFileException(
              file,
              where
                  + ": its storage "
                  + entryName
                  + " holds "
                  + bytes.capacity()
                  + " bytes, but its "
                  + storage.numel
                  + " "
                  + w
                  + " elements need "
                  + storage.numel * w.itemSize
                  + ": the file is truncated or corrupt");
        }
        storages.put(storage.key, bytes);
      }
      long n = Shapes.numel(size);
      long last = offset;
      for (int i = 0; i < size.length; i++) {
        if (size[i] < 0 || stride[i] < 0) {
          throw new WeightFileException(
              file,
              where
                  + " has a negative size or stride: size "
                  + Arrays.toString(size)
                  + ", stride "
                  + Arrays.toString(stride));
        }
        last += (size[i] - 1) * stride[i];
      }
      if (n > 0 && (offset < 0 || last >= storage.numel)) {
        throw new WeightFileException(
            file,
            where
                + " (size "
                + Arrays.toString(size)
                + ", stride "
                + Arrays.toString(stride)
                + ", offset "
                + offset
                + ") reaches element "
                + last
                + " of storage '"
                + storage.key
                + "', which has "
                + storage.numel);
      }
      if (n == 0) {
        return w.decode(ByteBuffer.allocate(0), size);
      }
      if (isContiguous()) {
        return w.decode(bytes.duplicate().position(Math.toIntExact(offset * w.itemSize)), size);
      }
      return w.decode(gather(bytes, w.itemSize, n), size);
    }

    private boolean isContiguous() {
      long expected = 1;
      for (int i = size.length - 1; i >= 0; i--) {
        if (size[i] != 1 && stride[i] != expected) {
          return false;
        }
        expected *= size[i];
      }
      return true;
    }

    /** The elements of a strided view, copied into row-major order. */
    private ByteBuffer gather(ByteBuffer src, int itemSize, long n) {
      ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * itemSize));
      long[] idx = new long[size.length];
      long pos = offset;
      for (long k = 0; k < n; k++) {
        out.put(src.slice(Math.toIntExact(pos * itemSize), itemSize));
        for (int d = size.length - 1; d >= 0; d--) {
          if (++idx[d] < size[d]) {
            pos += stride[d];
            break;
          }
          pos -= (size[d] - 1) * stride[d];
          idx[d] = 0;
        }
      }
      return out.flip();
    }
  }

  /** Interprets persistent ids and the allowed tensor-building calls. */
  private static final class Refs implements Unpickler.Callbacks {
    private final Path file;
    private final Map<String, Storage> storages = new HashMap<>();

    Refs(Path file) {
      this.file = file;
    }

    @Override
    public Object persistentLoad(Object pid) {
      if (!(pid instanceof Unpickler.Tuple t)
          || t.size() != 5
          || !"storage".equals(t.get(0))
          || !(t.get(1) instanceof Unpickler.Global type)
          || !(t.get(2) instanceof String key)
          || !(t.get(4) instanceof Long numel)) {
        throw bad(
            "a persistent id must be ('storage', <storage type>, key, location, numel), found "
                + Unpickler.describe(pid));
      }
      WireType w = STORAGES.get(type.name());
      if (w == null) {
        throw bad("storage type " + type + " is not one Boarfish reads");
      }
      Storage s = new Storage(key, w, numel);
      Storage seen = storages.putIfAbsent(key, s);
      if (seen != null && !seen.equals(s)) {
        throw bad("storage '" + key + "' is declared twice, as " + seen + " and " + s);
      }
      return seen == null ? s : seen;
    }

    @Override
    public Object call(Unpickler.Global fn, Unpickler.Tuple args) {
      switch (fn.name()) {
        case "_rebuild_tensor_v2":
          if (args.size() < 4
              || !(args.get(0) instanceof Storage s)
              || !(args.get(1) instanceof Long offset)) {
            throw bad(
                fn
                    + " expects (storage, offset, size, stride, ...), found "
                    + Unpickler.describe(args));
          }
          long[] size = longs(args.get(2), fn);
          long[] stride = longs(args.get(3), fn);
          if (size.length != stride.length) {
            throw bad(
                fn
                    + ": size "
                    + Arrays.toString(size)
                    + " and stride "
                    + Arrays.toString(stride)
                    + " differ in rank");
          }
          return new TensorRef(s, offset, size, stride);
        case "_rebuild_parameter":
          if (args.size() < 1 || !(args.get(0) instanceof TensorRef)) {
            throw bad(fn + " expects a tensor first, found " + Unpickler.describe(args));
          }
          return args.get(0);
        default:
          throw bad("no interpretation for " + fn);
      }
    }

    private long[] longs(Object o, Unpickler.Global fn) {
      if (!(o instanceof Unpickler.Tuple t)
          || !t.items().stream().allMatch(Long.class::isInstance)) {
        throw bad(fn + " expects a tuple of ints, found " + Unpickler.describe(o));
      }
      return t.items().stream().mapToLong(Long.class::cast).toArray();
    }

    private WeightFileException bad(String what) {
      return new WeightFileException(file, "cannot load " + file + ": " + what);
    }
  }

  /**
   * The dict of weights: the top level, or its "state_dict" / "model" entry when it is a
   * checkpoint.
   */
  private static Map<?, ?> stateDict(Object root, Path file) {
    if (!(root instanceof Map<?, ?> top)) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": it holds "
              + Unpickler.describe(root)
              + ", not a dict of tensors; save one with torch.save(model.state_dict(), path)");
    }
    for (String k : List.of("state_dict", "model")) {
      if (top.get(k) instanceof Map<?, ?> inner) {
        return inner;
      }
    }
    return top;
  }

  private static void flatten(
      Map<?, ?> dict, String prefix, Map<String, TensorRef> out, Path file, int depth) {
    if (depth > 64) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": dicts nest more than 64 deep at '"
              + prefix
              + "' (a dict that contains itself?)");
    }
    List<String> others = new ArrayList<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof TensorRef t) {
        out.put(key, t);
      } else if (e.getValue() instanceof Map<?, ?> inner) {
        flatten(inner, key + ".", out, file, depth + 1);
      } else {
        others.add("'" + key + "' (" + Unpickler.describe(e.getValue()) + ")");
      }
    }
    if (!others.isEmpty()) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": "
              + (others.size() == 1 ? "entry " : "entries ")
              + String.join(", ", others)
              + (others.size() == 1 ? " is not a tensor" : " are not tensors")
              + "; Boarfish reads a dict of tensors, or a checkpoint holding one under 'state_dict' or 'model'");
    }
  }

  private static String findDataPkl(ZipFile zip, Path file) {
    List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    if (names.stream().anyMatch(n -> n.contains("/code/") && n.endsWith(".py"))) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": it is a TorchScript archive (torch.jit.save), "
              + "which holds code; save the weights with torch.save(model.state_dict(), path) instead");
    }
    return names.stream()
        .filter(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"))
        .min(
            (a, b) ->
                Long.compare(
                    a.chars().filter(c -> c == '/').count(),
                    b.chars().filter(c -> c == '/').count()))
        .orElseThrow(
            () ->
                new WeightFileException(
                    file,
                    "cannot load "
                        + file
                        + ": the zip holds no data.pkl entry, "
                        + "so torch.save did not write it (entries: "
                        + String.join(", ", names.subList(0, Math.min(names.size(), 8)))
                        + (names.size() > 8 ? ", …" : "")
                        + ")"));
  }

  private static byte[] readEntry(ZipFile zip, ZipEntry entry, Path file) {
    if (entry.getSize() > Integer.MAX_VALUE - 16) {
      throw new WeightFileException(
          file, "cannot load " + file + ": entry " + entry.getName() + " exceeds 2 GiB");
    }
    try (InputStream s = zip.getInputStream(entry)) {
      return s.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + entry.getName() + " of " + file + ": " + e, e);
    }
  }

  /**
   * Fails early, with a remedy, on the legacy (pre-1.6) format and on files that are not zips at
   * all.
   */
  private static void checkMagic(Path file) {
    byte[] head = new byte[8];
    int n;
    try (InputStream s = Files.newInputStream(file)) {
      n = s.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5);
    if (zip) {
      return;
    }
    if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
      throw new WeightFileException(
          file,
          "cannot load "
              + file
              + ": it was written in PyTorch's legacy (pre-1.6) "
              + "torch.save format, which Boarfish does not read; re-save it with PyTorch 1.6 or later, whose default "
              + "is the zip format: torch.save(torch.load(path), new_path)");
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < n; i++) {
      hex.append(String.format(" %02x", head[i]));
    }
    throw new WeightFileException(
        file,
        "cannot load "
            + file
            + ": it is not a zip archive (first bytes"
            + hex
            + "), so not a .pth file written by torch.save since PyTorch 1.6");
  }
}
