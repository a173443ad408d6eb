package org.boarfish.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Element types a {@link Tensor} can hold: float32 by default, float64 for gradient checks,
 * integers and bool for indices and masks.
 */
public enum DType {
  FLOAT32(DataType.FLOAT),
  FLOAT64(DataType.DOUBLE),
  INT32(DataType.INT),
  INT64(DataType.LONG),
  BOOL(DataType.BOOL);

  private final DataType nd4j;

  DType(DataType nd4j) {
    this.nd4j = nd4j;
  }

  /** The ND4J data type behind this one. */
  public DataType nd4j() {
    return nd4j;
  }

  /** True for float32 and float64, the types that carry gradients. */
  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** The Boarfish type of an ND4J data type. */
  public static DType of(DataType t) {
    switch (t) {
      case FLOAT:
        return FLOAT32;
      case DOUBLE:
        return FLOAT64;
      case INT:
        return INT32;
      case LONG:
        return INT64;
      case BOOL:
        return BOOL;
      default:
        throw new IllegalArgumentException(
            "unsupported ND4J data type "
                + t
                + "; Boarfish tensors hold float32, float64, int32, int64 or bool");
    }
  }

  /** Lower-case name as PyTorch prints it, e.g. {@code float32}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
