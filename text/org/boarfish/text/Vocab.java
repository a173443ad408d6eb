package org.boarfish.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;

/**
 * A token vocabulary: index to token ({@link #itos()}) and back. As fastai's, {@code xxunk} is
 * index 0 and {@code xxpad} index 1; a token not in the vocabulary maps to {@code xxunk}.
 */
public final class Vocab {
  /** Index of the unknown token {@code xxunk}. */
  public static final int UNK = 0;

  /** Index of the padding token {@code xxpad}. */
  public static final int PAD = 1;

  private final List<String> itos;
  private final Map<String, Integer> stoi;

  /** A vocabulary of these tokens, in index order; it must start with xxunk, xxpad. */
  public Vocab(List<String> itos) {
    if (itos.size() < 2 || !itos.get(UNK).equals("xxunk") || !itos.get(PAD).equals("xxpad")) {
      throw new IllegalArgumentException(
          "a vocabulary starts with xxunk (index 0) and xxpad (index 1); got "
              + itos.subList(0, Math.min(3, itos.size())));
    }
    this.itos = List.copyOf(itos);
    this.stoi = new HashMap<>(itos.size() * 2);
    for (int i = 0; i < itos.size(); i++) {
      if (!itos.get(i).equals(SpecialTokens.FAKE)) {
        stoi.putIfAbsent(itos.get(i), i);
      }
    }
  }

  /**
   * The vocabulary of text data loaders: that of their input encoder (a {@link TextInput}), else
   * that of the {@link Numericalize} in their input pipeline (loaders made with a {@code DataBlock}
   * and a {@code TextBlock}).
   */
  public static Vocab of(DataLoaders dls) {
    return dls.inputEncoder()
        .filter(TextInput.class::isInstance)
        .map(e -> ((TextInput) e).vocab())
        .or(() -> TextDataLoaders.numericalize(dls).map(Numericalize::vocab))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "these DataLoaders hold no text vocabulary: make them with TextDataLoaders"));
  }

  /** The tokens in index order. */
  public List<String> itos() {
    return itos;
  }

  /** The index of a token, {@link #UNK} when it is not in the vocabulary. */
  public int stoi(String token) {
    return stoi.getOrDefault(token, UNK);
  }

  /** Whether the token has an index of its own ({@code xxfake} fillers have none). */
  public boolean contains(String token) {
    return stoi.containsKey(token);
  }

  /** The number of tokens. */
  public int size() {
    return itos.size();
  }

  @Override
  public String toString() {
    return "Vocab["
        + itos.size()
        + " tokens: "
        + itos.subList(0, Math.min(8, itos.size()))
        + "...]";
  }
}
