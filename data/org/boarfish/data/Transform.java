package org.boarfish.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A reversible step of a data pipeline, like fastai's {@code Transform}: {@link #encode} turns an
 * {@code A} into a {@code B}, {@link #decode} turns it back for display and prediction, {@link
 * #setup} learns state (a vocabulary, statistics) from the training items, {@link #order} places it
 * in a {@link Pipeline}, and {@link #split} may restrict it to the training or validation split.
 *
 * <p>Dispatch is by type, with {@code instanceof} doing what fastai's type dispatch does: applied
 * to a {@link Tuple}, a transform encodes each element it {@link #handles} and passes the others
 * through, so an image transform leaves the label of an {@code (image, label)} sample alone. By
 * default a transform handles instances of {@code A} and decodes instances of {@code B}; override
 * {@link #handles}/{@link #handlesDecoded} for finer choices. An {@link ItemTransform} sees the
 * whole tuple instead; a {@link RandTransform} draws random parameters once per call.
 *
 * <pre>{@code
 * var half = new Transform<TensorImage, TensorImage>(TensorImage.class, TensorImage.class) {
 *   public TensorImage encode(TensorImage x) { return x.withTensor(x.tensor().mul(0.5)); }
 *   public TensorImage decode(TensorImage y) { return y.withTensor(y.tensor().mul(2)); }
 * };
 * }</pre>
 *
 * <p>Transforms are applied from several loader threads at once: after {@link #setup} they must
 * only read their state.
 *
 * @param <A> the type encoded
 * @param <B> the type produced
 */
public abstract class Transform<A, B> {
  private final Class<A> inType;
  private final Class<B> outType;

  /** A transform encoding instances of {@code inType} into instances of {@code outType}. */
  protected Transform(Class<A> inType, Class<B> outType) {
    this.inType = Objects.requireNonNull(inType, "inType");
    this.outType = Objects.requireNonNull(outType, "outType");
  }

  /**
   * A transform from a function, e.g. a getter: {@code Transform.of("lower", String.class,
   * String::toLowerCase)}. It handles instances of {@code type}, has order 0, runs on all splits
   * and decodes to what it is given.
   */
  @SuppressWarnings("unchecked")
  public static <A, B> Transform<A, B> of(
      String name, Class<A> type, Function<? super A, ? extends B> encode) {
    return new FnTransform<>(name, type, (Class<B>) Object.class, encode, null, 0);
  }

  /**
   * A reversible transform from two functions: encodes instances of {@code inType}, decodes those
   * of {@code outType}.
   */
  public static <A, B> Transform<A, B> of(
      String name,
      Class<A> inType,
      Class<B> outType,
      Function<? super A, ? extends B> encode,
      Function<? super B, ? extends A> decode) {
    return new FnTransform<>(name, inType, outType, encode, decode, 0);
  }

  /** Encodes one value this transform handles. */
  public abstract B encode(A x);

  /** Decodes one value; the default returns it unchanged (fastai's default). */
  @SuppressWarnings("unchecked")
  public A decode(B y) {
    return (A) y;
  }

  /**
   * Learns state from the training items as they come out of the transforms before this one (a lazy
   * list: only what is read is computed). Items are single values in a per-element pipeline, {@link
   * Tuple}s in item transforms and batches in batch transforms. The default does nothing. Called
   * once, before any {@code encode}. A tensor kept as state must be {@link
   * org.boarfish.tensor.Tensor#keep() kept}, since setup may run inside a scope.
   */
  public void setup(List<?> items) {}

  /** The position in a {@link Pipeline} (lower first; ties keep the order given). */
  public int order() {
    return 0;
  }

  /** The split this transform is restricted to; {@link Split#ALL} (the default) means none. */
  public Split split() {
    return Split.ALL;
  }

  /**
   * True for the values {@link #encode} applies to; the default is {@code inType.isInstance(x)}.
   */
  public boolean handles(Object x) {
    return inType.isInstance(x);
  }

  /**
   * True for the values {@link #decode} applies to; the default is {@code outType.isInstance(y)}.
   */
  public boolean handlesDecoded(Object y) {
    return outType.isInstance(y);
  }

  /** The name shown in summaries and pipelines. */
  public String name() {
    String n = getClass().getSimpleName();
    return n.isEmpty() ? "Transform" : n;
  }

  /**
   * Applies this transform for a call made for {@code split}: unchanged if restricted to another
   * split; mapped over the elements of a {@link Tuple}; unchanged for values it doesn't handle.
   */
  public final Object apply(Object x, Split split) {
    return split().runsOn(split) ? applyWhole(x, split) : x;
  }

  /** {@link #apply(Object, Split)} for no particular split. */
  public final Object apply(Object x) {
    return apply(x, Split.ALL);
  }

  /**
   * Decodes as {@link #apply(Object, Split)} encodes: per element, types it handles only, same
   * split rule.
   */
  public final Object decode(Object y, Split split) {
    if (!split().runsOn(split)) {
      return y;
    }
    if (y instanceof Tuple t && !(this instanceof ItemTransform)) {
      return t.map(this::decodeOne);
    }
    return decodeOne(y);
  }

  Object applyWhole(Object x, Split split) {
    if (x instanceof Tuple t) {
      return t.map(this::encodeOne);
    }
    return encodeOne(x);
  }

  @SuppressWarnings("unchecked")
  Object encodeOne(Object x) {
    return handles(x) ? encode((A) x) : x;
  }

  @SuppressWarnings("unchecked")
  Object decodeOne(Object y) {
    return handlesDecoded(y) ? decode((B) y) : y;
  }

  /**
   * The values of {@code items} this transform handles: the items themselves, or the elements of
   * tuple items.
   */
  protected final List<Object> handled(List<?> items) {
    List<Object> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Tuple t && !(this instanceof ItemTransform)) {
        for (Object e : t) {
          if (handles(e)) {
            out.add(e);
          }
        }
      } else if (handles(o)) {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * The first value of {@code items} this transform handles, or null; reads only as far as needed.
   */
  protected final Object firstHandled(List<?> items) {
    for (Object o : items) {
      if (o instanceof Tuple t && !(this instanceof ItemTransform)) {
        for (Object e : t) {
          if (handles(e)) {
            return e;
          }
        }
      } else if (handles(o)) {
        return o;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name();
  }
}
