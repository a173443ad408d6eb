package org.boarfish.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.boarfish.tensor.Npy;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * NumPy's {@code .npz}: a zip of {@code .npy} arrays, as {@code np.savez} (stored) and {@code
 * np.savez_compressed} (deflated) write it. Entry names without the {@code .npy} suffix are the
 * tensor names.
 */
public final class Npz {
  private Npz() {}

  /** Reads every array of {@code file}, by name in the archive's order. */
  public static LinkedHashMap<String, Tensor> read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return Scope.outside(
          () -> {
            LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
              if (e.isDirectory()) {
                continue;
              }
              String name = e.getName();
              if (!name.endsWith(".npy")) {
                throw new WeightFileException(
                    file, "bad .npz file " + file + ": entry '" + name + "' is not a .npy array");
              }
              byte[] bytes;
              try (InputStream s = zip.getInputStream(e)) {
                bytes = s.readAllBytes();
              } catch (IOException x) {
                throw new UncheckedIOException(
                    "cannot read entry " + name + " of " + file + ": " + x, x);
              }
              ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
              try {
                out.put(
                    name.substring(0, name.length() - 4),
                    Tensor.wrap(Npy.parse(buf, file + "!" + name)));
              } catch (IllegalArgumentException x) {
                throw new WeightFileException(file, x.getMessage(), x);
              }
            }
            return out;
          });
    } catch (ZipException e) {
      throw new WeightFileException(
          file, "bad .npz file " + file + ": not a zip archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npz file " + file + ": " + e, e);
    }
  }

  /** Writes {@code tensors} as an uncompressed {@code .npz} (like {@code np.savez}), atomically. */
  public static void write(Map<String, Tensor> tensors, Path file) {
    AtomicFile.write(
        file,
        ".npz",
        ch -> {
          OutputStream os = Channels.newOutputStream(ch);
          ZipOutputStream zip = new ZipOutputStream(os);
          for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            if (t.getKey() == null || t.getKey().isEmpty() || t.getValue() == null) {
              throw new IllegalArgumentException(
                  "cannot write '"
                      + t.getKey()
                      + "' = "
                      + t.getValue()
                      + " to .npz: names must be non-empty and tensors non-null");
            }
            byte[] npy = Npy.bytes(t.getValue().data());
            ZipEntry e = new ZipEntry(t.getKey() + ".npy");
            CRC32 crc = new CRC32();
            crc.update(npy);
            e.setMethod(ZipEntry.STORED);
            e.setSize(npy.length);
            e.setCompressedSize(npy.length);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(npy);
            zip.closeEntry();
          }
          zip.finish();
          zip.flush();
        });
  }
}
