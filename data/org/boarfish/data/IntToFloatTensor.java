package org.boarfish.data;

import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * Batch transform (order 10) turning integer pixel values into floats, like fastai's {@code
 * IntToFloatTensor}: a {@link TensorImage} becomes float32 divided by {@code div} (255, so [0, 1]);
 * a {@link TensorMask} becomes int64 codes divided by {@code divMask} (1). Decoding clamps images
 * to [0, 1], multiplies back and rounds to int32 pixel values; masks are left as they are.
 */
public final class IntToFloatTensor extends Transform<TensorItem, TensorItem> {
  private final double div;
  private final long divMask;

  /** Images divided by 255, masks kept. */
  public IntToFloatTensor() {
    this(255.0, 1);
  }

  /**
   * Images divided by {@code div} (0 to only convert), masks integer-divided by {@code divMask}.
   */
  public IntToFloatTensor(double div, long divMask) {
    super(TensorItem.class, TensorItem.class);
    if (!(div >= 0) || Double.isInfinite(div)) {
      throw new IllegalArgumentException(
          "IntToFloatTensor: div must be a finite number >= 0 (0 = no division), got " + div);
    }
    if (divMask < 1) {
      throw new IllegalArgumentException("IntToFloatTensor: divMask must be >= 1, got " + divMask);
    }
    this.div = div;
    this.divMask = divMask;
  }

  /** The image divisor. */
  public double div() {
    return div;
  }

  @Override
  public boolean handles(Object x) {
    return x instanceof TensorImage || x instanceof TensorMask;
  }

  /** Decodes only what it encodes: images (and masks, unchanged), never category batches. */
  @Override
  public boolean handlesDecoded(Object y) {
    return handles(y);
  }

  @Override
  public TensorItem encode(TensorItem x) {
    if (x instanceof TensorMask m) {
      Tensor codes = m.tensor().to(DType.INT64);
      if (divMask != 1) {
        long[] v = codes.toLongArray();
        for (int i = 0; i < v.length; i++) {
          v[i] = Math.floorDiv(v[i], divMask);
        }
        codes = Tensor.of(v, codes.shape());
      }
      return m.withTensor(codes);
    }
    Tensor f = x.tensor().to(DType.FLOAT32);
    return x.withTensor(div == 0 ? f : f.div(div));
  }

  @Override
  public TensorItem decode(TensorItem y) {
    if (y instanceof TensorMask || div == 0) {
      return y;
    }
    return y.withTensor(y.tensor().clamp(0, 1).mul(div).add(0.5).to(DType.INT32));
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public String name() {
    return "IntToFloatTensor(div="
        + (div == Math.rint(div) ? String.valueOf((long) div) : String.valueOf(div))
        + ")";
  }
}
