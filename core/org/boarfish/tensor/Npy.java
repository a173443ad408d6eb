package org.boarfish.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (versions 1–3): float32/64, int32/64 and bool, any rank, C or Fortran
 * order.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Reads a file; a malformed or truncated one gives an error naming the file and what is wrong.
   */
  public static INDArray read(Path file) {
    try {
      return parse(
          ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN),
          file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npy file " + file, e);
    }
  }

  /** Parses the bytes of one {@code .npy} array (used for {@code .npz} entries too). */
  public static INDArray parse(ByteBuffer buf, String name) {
    buf.order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() < 10) {
      throw bad(name, "file is shorter than the 10-byte .npy preamble");
    }
    for (byte b : MAGIC) {
      if (buf.get() != b) {
        throw bad(name, "missing the \\x93NUMPY magic: not a .npy file");
      }
    }
    int major = buf.get();
    buf.get();
    long headerLen =
        major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
    if (headerLen > buf.remaining()) {
      throw bad(name, "header length " + headerLen + " runs past the end of the file");
    }
    byte[] hb = new byte[(int) headerLen];
    buf.get(hb);
    String header = new String(hb, StandardCharsets.ISO_8859_1);
    String descr = find(DESCR, header, name, "descr");
    boolean fortran = find(FORTRAN, header, name, "fortran_order").equals("True");
    long[] shape = parseShape(find(SHAPE, header, name, "shape"));
    long n = Shapes.numel(shape);
    int width = width(descr, name);
    if (n * width > buf.remaining()) {
      throw bad(
          name,
          "truncated: shape "
              + Shapes.str(shape)
              + " of "
              + descr
              + " needs "
              + n * width
              + " bytes, found "
              + buf.remaining());
    }
    int count = Math.toIntExact(n);
    INDArray flat;
    switch (descr.substring(1)) {
      case "f4":
        {
          float[] v = new float[count];
          buf.asFloatBuffer().get(v);
          flat = Nd4j.createFromArray(v);
          break;
        }
      case "f8":
        {
          double[] v = new double[count];
          buf.asDoubleBuffer().get(v);
          flat = Nd4j.createFromArray(v);
          break;
        }
      case "i8":
        {
          long[] v = new long[count];
          buf.asLongBuffer().get(v);
          flat = Nd4j.createFromArray(v);
          break;
        }
      case "i4":
        {
          int[] v = new int[count];
          buf.asIntBuffer().get(v);
          flat = Nd4j.createFromArray(v);
          break;
        }
      default:
        {
          boolean[] v = new boolean[count];
          for (int i = 0; i < count; i++) {
            v[i] = buf.get() != 0;
          }
          flat = Nd4j.createFromArray(v);
        }
    }
    if (shape.length == 0) {
      return Nd4j.scalar(flat.dataType(), flat.getDouble(0)).castTo(flat.dataType());
    }
    return fortran ? flat.reshape('f', shape).dup('c') : flat.reshape('c', shape);
  }

  /**
   * Writes an array as {@code .npy} v1.0 (C order), through a temporary file renamed into place.
   */
  public static void write(INDArray a, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(
              tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
          // keep the default permissions
        }
        Files.write(tmp, bytes(a));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write .npy file " + file, e);
    }
  }

  /** The bytes of an array in {@code .npy} v1.0 format. */
  public static byte[] bytes(INDArray a) {
    String descr;
    int width;
    switch (a.dataType()) {
      case FLOAT:
        descr = "<f4";
        width = 4;
        break;
      case DOUBLE:
        descr = "<f8";
        width = 8;
        break;
      case LONG:
        descr = "<i8";
        width = 8;
        break;
      case INT:
        descr = "<i4";
        width = 4;
        break;
      case BOOL:
        descr = "|b1";
        width = 1;
        break;
      default:
        throw new IllegalArgumentException(".npy: unsupported data type " + a.dataType());
    }
    long[] shape = a.shape();
    StringBuilder sh = new StringBuilder();
    for (long d : shape) {
      sh.append(d).append(", ");
    }
    if (shape.length > 1) {
      sh.setLength(sh.length() - 2);
    } else if (shape.length == 1) {
      sh.setLength(sh.length() - 1);
    }
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': False, 'shape': ("
            + sh.toString().strip()
            + "), }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    long n = a.length();
    ByteBuffer buf =
        ByteBuffer.allocate(Math.toIntExact(10 + header.length() + n * width))
            .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
    INDArray c = a.dup('c');
    switch (a.dataType()) {
      case FLOAT:
        buf.asFloatBuffer().put(c.data().asFloat());
        break;
      case DOUBLE:
        buf.asDoubleBuffer().put(c.data().asDouble());
        break;
      case LONG:
        buf.asLongBuffer().put(c.data().asLong());
        break;
      case INT:
        buf.asIntBuffer().put(c.data().asInt());
        break;
      default:
        int[] ints = c.castTo(DataType.INT).data().asInt();
        for (int v : ints) {
          buf.put((byte) (v != 0 ? 1 : 0));
        }
    }
    return buf.array();
  }

  private static int width(String descr, String name) {
    switch (descr) {
      case "<f4":
      case "<i4":
        return 4;
      case "<f8":
      case "<i8":
        return 8;
      case "|b1":
        return 1;
      default:
        throw bad(
            name, "unsupported dtype '" + descr + "' (Boarfish reads <f4, <f8, <i4, <i8 and |b1)");
    }
  }

  private static long[] parseShape(String s) {
    String[] parts = s.split(",");
    return java.util.Arrays.stream(parts)
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
  }

  private static String find(Pattern p, String header, String name, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw bad(name, "header has no '" + key + "' entry: " + header.strip());
    }
    return m.group(1);
  }

  private static IllegalArgumentException bad(String name, String what) {
    return new IllegalArgumentException("bad .npy file " + name + ": " + what);
  }
}
