package org.boarfish.text;

/**
 * fastai's {@code reverse_text}: the tokens of one text in reverse order, the last type transform
 * of backward text data ({@link TextOptions#backwards}). A backward language model reads each text
 * from its end to its start; a classifier on its encoder reads the texts the same way. Decoding
 * reverses again, so {@code showBatch} prints the texts forwards.
 */
public final class ReverseText extends org.boarfish.data.Transform<TensorText, TensorText> {
  /** The transform (it has no settings). */
  public ReverseText() {
    super(TensorText.class, TensorText.class);
  }

  /** A reversed copy of {@code ids}. */
  public static int[] reversed(int[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[ids.length - 1 - i];
    }
    return out;
  }

  @Override
  public TensorText encode(TensorText x) {
    return TensorText.ofIds(reversed(x.ids()));
  }

  @Override
  public TensorText decode(TensorText y) {
    return TensorText.ofIds(reversed(y.ids()));
  }
}
