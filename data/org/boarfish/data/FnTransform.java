package org.boarfish.data;

import java.util.Objects;
import java.util.function.Function;

/** A transform made of functions: getters in DataBlock type pipelines, and {@link Transform#of}. */
final class FnTransform<A, B> extends Transform<A, B> {
  private final String name;
  private final Function<? super A, ? extends B> encode;
  private final Function<? super B, ? extends A> decode;
  private final int order;

  FnTransform(
      String name,
      Class<A> inType,
      Class<B> outType,
      Function<? super A, ? extends B> encode,
      Function<? super B, ? extends A> decode,
      int order) {
    super(inType, outType);
    this.name = Objects.requireNonNull(name, "name");
    this.encode = Objects.requireNonNull(encode, "encode");
    this.decode = decode;
    this.order = order;
  }

  @Override
  public B encode(A x) {
    return encode.apply(x);
  }

  @Override
  @SuppressWarnings("unchecked")
  public A decode(B y) {
    return decode == null ? (A) y : decode.apply(y);
  }

  @Override
  public boolean handlesDecoded(Object y) {
    return decode != null && super.handlesDecoded(y);
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public String name() {
    return name;
  }
}
