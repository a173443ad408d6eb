package org.boarfish.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element type as weight files store it (little-endian, row-major), and the copy between file
 * bytes and ND4J memory. Half and bfloat16 have no Boarfish type: they are widened to float32 on
 * reading.
 */
enum WireType {
  F32(DType.FLOAT32, 4),
  F64(DType.FLOAT64, 8),
  I64(DType.INT64, 8),
  I32(DType.INT32, 4),
  BOOL(DType.BOOL, 1),
  F16(DType.FLOAT32, 2),
  BF16(DType.FLOAT32, 2);

  /** The type of the tensor made on reading. */
  final DType dtype;

  /** Bytes per element in the file. */
  final int itemSize;

  WireType(DType dtype, int itemSize) {
    this.dtype = dtype;
    this.itemSize = itemSize;
  }

  /** The wire type of a tensor type, for writing. */
  static WireType of(DType t) {
    switch (t) {
      case FLOAT32:
        return F32;
      case FLOAT64:
        return F64;
      case INT64:
        return I64;
      case INT32:
        return I32;
      case BOOL:
        return BOOL;
      default:
        throw new IllegalArgumentException("no weight-file type for " + t);
    }
  }

  /** The wire type named by a safetensors dtype string, or null. */
  static WireType named(String name) {
    for (WireType w : values()) {
      if (w.name().equals(name)) {
        return w;
      }
    }
    return null;
  }

  /**
   * A new row-major array of {@code shape} holding the bytes of {@code src} from its position
   * (exactly numel × itemSize of them are consumed). Stored types are copied straight into the
   * array's native memory.
   */
  INDArray decode(ByteBuffer src, long[] shape) {
    long n = Shapes.numel(shape);
    INDArray out = Nd4j.createUninitialized(dtype.nd4j(), shape, 'c');
    if (n == 0) {
      return out;
    }
    ByteBuffer in = src.slice().order(ByteOrder.LITTLE_ENDIAN).limit(Math.toIntExact(n * itemSize));
    src.position(src.position() + in.limit());
    ByteBuffer dst = out.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
    dst.clear();
    if (this == F16 || this == BF16) {
      for (int i = 0; i < n; i++) {
        short bits = in.getShort();
        dst.putFloat(this == F16 ? halfToFloat(bits) : Float.intBitsToFloat((bits & 0xffff) << 16));
      }
    } else {
      dst.put(in);
    }
    return out;
  }

  /**
   * The bytes of an array of this type, little-endian and row-major: a view of the array's own
   * memory when it is already a dense row-major array, a copy otherwise. The result holds exactly
   * numel × itemSize bytes.
   */
  static ByteBuffer encode(INDArray a) {
    WireType w = of(DType.of(a.dataType()));
    long bytes = a.length() * w.itemSize;
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "tensor of shape "
              + Shapes.str(a.shape())
              + " exceeds 2 GiB, which Boarfish cannot write");
    }
    if (a.isEmpty() || a.length() == 0) {
      return ByteBuffer.allocate(0);
    }
    boolean dense = a.ordering() == 'c' && a.offset() == 0 && Shape.hasDefaultStridesForShape(a);
    INDArray c = dense ? a : a.dup('c');
    ByteBuffer b = c.data().asNio().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    b.clear().limit((int) bytes);
    return b.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** IEEE 754 half precision to float (exact: every half is a float). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
