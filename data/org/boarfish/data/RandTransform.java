package org.boarfish.data;

import org.boarfish.tensor.Generator;

/**
 * A transform that fires with probability {@code p} and draws random parameters once per call: per
 * sample for item transforms, per batch for batch transforms, like fastai's {@code RandTransform}.
 * Every element of a tuple that the transform handles gets the same parameters, so an image and its
 * mask are flipped together.
 *
 * <p>By default it runs on the training split only (override {@link #split()} to return {@link
 * Split#ALL} for transforms such as a random crop that behave differently per split; {@link #draw}
 * is told the split). Inside a {@link DataLoader} the draws come from a generator seeded by the
 * loader's seed, the epoch and the batch index, so batches are the same whatever the number of
 * workers; elsewhere from this transform's own seeded generator.
 *
 * @param <A> the type encoded
 * @param <B> the type produced
 * @param <P> the random parameters of one call
 */
public abstract class RandTransform<A, B, P> extends Transform<A, B> {
  private final double p;
  private final Generator own;

  /**
   * A random transform firing with probability {@code p}, drawing from its own generator seeded
   * with {@code seed} outside loaders.
   */
  protected RandTransform(Class<A> inType, Class<B> outType, double p, long seed) {
    super(inType, outType);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be a probability in [0, 1], got " + p);
    }
    this.p = p;
    this.own = new Generator(seed);
  }

  /**
   * As {@link #RandTransform(Class, Class, double, long)} with a seed from {@link
   * Generator#global()}.
   */
  protected RandTransform(Class<A> inType, Class<B> outType, double p) {
    this(inType, outType, p, Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** The probability of firing. */
  public double p() {
    return p;
  }

  @Override
  public Split split() {
    return Split.TRAIN;
  }

  /** Draws the parameters of one call (only called when the transform fires). */
  protected abstract P draw(Generator rng, Split split);

  /** Encodes one value with the parameters of this call. */
  protected abstract B encode(A x, P params);

  /** Encodes one value on its own: fires (or not) and draws from this transform's generator. */
  @Override
  @SuppressWarnings("unchecked")
  public final B encode(A x) {
    Generator g = rng();
    if (!fires(g)) {
      return (B) x;
    }
    return encode(x, draw(g, Split.ALL));
  }

  @Override
  @SuppressWarnings("unchecked")
  final Object applyWhole(Object x, Split split) {
    Generator g = rng();
    if (!fires(g)) {
      return x;
    }
    P params = draw(g, split);
    if (x instanceof Tuple t) {
      return t.map(e -> handles(e) ? encode((A) e, params) : e);
    }
    return handles(x) ? encode((A) x, params) : x;
  }

  private boolean fires(Generator g) {
    return p >= 1 || (p > 0 && g.nextDouble() < p);
  }

  private Generator rng() {
    Generator g = Rng.current();
    return g != null ? g : own;
  }
}
