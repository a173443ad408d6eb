package org.boarfish.text;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.boarfish.data.Transform;

/**
 * The transform that tokenizes texts with a {@link Tokenizer} (fastai's {@code Tokenizer}
 * transform): a string becomes {@link Tokens}, and decodes back to the tokens joined with spaces.
 * {@link #setup} tokenizes every training text up front, in parallel; results are cached by text,
 * so later epochs don't tokenize again. An empty text is an error.
 */
public final class Tokenize extends Transform<String, Tokens> {
  private final Tokenizer tokenizer;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  /** Tokenizes with {@code tokenizer}. */
  public Tokenize(Tokenizer tokenizer) {
    super(String.class, Tokens.class);
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void setup(List<?> items) {
    List<String> texts =
        new AbstractList<>() {
          @Override
          public String get(int i) {
            Object o = items.get(i);
            if (!(o instanceof String s)) {
              throw new IllegalArgumentException(
                  "Tokenize: training item "
                      + i
                      + " is "
                      + (o == null ? "null" : o.getClass().getSimpleName())
                      + ", not a text; read the text first (TextBlock.fromDf/fromFolder do)");
            }
            return checked(s, "training item " + i);
          }

          @Override
          public int size() {
            return items.size();
          }
        };
    List<List<String>> all = tokenizer.tokenizeAll(texts);
    for (int i = 0; i < all.size(); i++) {
      cache.put(texts.get(i), all.get(i));
    }
  }

  @Override
  public Tokens encode(String text) {
    List<String> t = cache.get(text);
    if (t == null) {
      t = tokenizer.tokenize(checked(text, "text"));
      cache.putIfAbsent(text, t);
    }
    return new Tokens(t);
  }

  @Override
  public String decode(Tokens t) {
    return tokenizer.decode(t.tokens());
  }

  /** The text itself, or an error saying it is empty. */
  static String checked(String text, String what) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          what + " is empty (or only whitespace): remove it or fill it in before tokenizing");
    }
    return text;
  }

  @Override
  public String toString() {
    return "Tokenize";
  }
}
