package org.boarfish.data;

import org.boarfish.tensor.Tensor;

/**
 * Items to their tensor form before collation, like fastai's {@code ToTensor} (order 5, added by
 * {@link DataBlock} to every item pipeline): an {@link Item} becomes {@link Item#toTensor()} (an
 * application's {@code Image} becomes a {@link TensorImage}), a primitive array a 1-D tensor. Other
 * values pass through.
 */
public final class ToTensor extends Transform<Object, Object> {
  /** The transform. */
  public ToTensor() {
    super(Object.class, Object.class);
  }

  @Override
  public boolean handles(Object x) {
    return (x instanceof Item && !(x instanceof TensorItem))
        || x instanceof float[]
        || x instanceof double[]
        || x instanceof int[]
        || x instanceof long[];
  }

  @Override
  public boolean handlesDecoded(Object y) {
    return false;
  }

  @Override
  public Object encode(Object x) {
    if (x instanceof Item i) {
      return i.toTensor();
    }
    if (x instanceof float[] a) {
      return Tensor.of(a.clone(), a.length);
    }
    if (x instanceof double[] a) {
      return Tensor.of(a.clone(), a.length);
    }
    if (x instanceof int[] a) {
      return Tensor.of(a.clone(), a.length);
    }
    return Tensor.of(((long[]) x).clone(), ((long[]) x).length);
  }

  @Override
  public int order() {
    return 5;
  }
}
