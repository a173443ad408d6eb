package org.boarfish.vision;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Readers for the IDX files of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, ...), gzip-compressed or raw (detected from the content). A
 * file with the wrong magic number or fewer bytes than its header announces is an error naming the
 * file and what was expected.
 *
 * <pre>{@code
 * IdxImages x = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));  // IdxImages[60000 x 28x28]
 * int[] y = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));      // 60000 labels
 * Image first = x.image(0);                                                  // Image[GREY 28x28]
 * }</pre>
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 2051;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 2049;

  private IdxReader() {}

  /** Reads an images file (magic 2051: count, rows, columns, then the pixels row-major). */
  public static IdxImages readImages(Path file) {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in.readInt(), IMAGES_MAGIC, "images");
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows < 1 || cols < 1) {
        throw new IllegalArgumentException(
            "IDX file "
                + file
                + " has an invalid header: "
                + n
                + " images of "
                + rows
                + "x"
                + cols);
      }
      byte[] data =
          readFully(
              file,
              in,
              Math.multiplyExact(Math.multiplyExact(n, rows), cols),
              n + " images of " + rows + "x" + cols);
      return new IdxImages(n, rows, cols, data);
    } catch (EOFException e) {
      throw new IllegalArgumentException(
          "IDX file " + file + " is truncated: it ends inside its header", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file, e);
    }
  }

  /** Reads a labels file (magic 2049: count, then one byte per label). */
  public static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in.readInt(), LABELS_MAGIC, "labels");
      int n = in.readInt();
      if (n < 0) {
        throw new IllegalArgumentException("IDX file " + file + " has an invalid count " + n);
      }
      byte[] data = readFully(file, in, n, n + " labels");
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = data[i] & 0xFF;
      }
      return out;
    } catch (EOFException e) {
      throw new IllegalArgumentException(
          "IDX file " + file + " is truncated: it ends inside its header", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file, e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "IDX file "
              + file
              + " does not exist; point --data at the folder holding the four IDX files");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream in =
        b0 == 0x1f && b1 == 0x8b
            ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
            : raw;
    return new DataInputStream(in);
  }

  private static void checkMagic(Path file, int magic, int expected, String what) {
    if (magic != expected) {
      String hint =
          magic == (expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
              ? " (this looks like the "
                  + (expected == IMAGES_MAGIC ? "labels" : "images")
                  + " file: swapped arguments?)"
              : "";
      throw new IllegalArgumentException(
          "IDX file "
              + file
              + " is not an IDX "
              + what
              + " file: magic number "
              + magic
              + ", expected "
              + expected
              + hint);
    }
  }

  private static byte[] readFully(Path file, DataInputStream in, int n, String what)
      throws IOException {
    byte[] data = new byte[n];
    int off = 0;
    while (off < n) {
      int r = in.read(data, off, n - off);
      if (r < 0) {
        throw new IllegalArgumentException(
            "IDX file "
                + file
                + " is truncated: its header announces "
                + what
                + " ("
                + n
                + " bytes) but only "
                + off
                + " bytes follow");
      }
      off += r;
    }
    return data;
  }
}
