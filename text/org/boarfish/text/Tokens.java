package org.boarfish.text;

import java.util.List;
import java.util.Objects;
import org.boarfish.data.Item;

/**
 * A tokenized text: what {@link Tokenize} makes of a string and {@link Numericalize} turns into
 * indices.
 *
 * @param tokens the tokens in order
 */
public record Tokens(List<String> tokens) implements Item {
  /** Copies the list. */
  public Tokens {
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
  }

  /** The number of tokens. */
  public int size() {
    return tokens.size();
  }

  @Override
  public String toString() {
    int n = Math.min(8, tokens.size());
    return "Tokens["
        + tokens.size()
        + ": "
        + String.join(" ", tokens.subList(0, n))
        + (n < tokens.size() ? " ..." : "")
        + "]";
  }
}
