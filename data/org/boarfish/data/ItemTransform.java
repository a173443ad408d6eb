package org.boarfish.data;

/**
 * A transform that sees the whole sample rather than each element: applied to a {@link Tuple} it
 * gets the tuple (e.g. to make a target from an input, or crop an image and its mask together);
 * applied to a single value it gets that value. Like fastai's {@code ItemTransform}.
 *
 * @param <A> the type encoded, usually {@link Tuple}
 * @param <B> the type produced, usually {@link Tuple}
 */
public abstract class ItemTransform<A, B> extends Transform<A, B> {
  /** A transform of whole samples. */
  protected ItemTransform(Class<A> inType, Class<B> outType) {
    super(inType, outType);
  }

  @Override
  final Object applyWhole(Object x, Split split) {
    return encodeOne(x);
  }
}
