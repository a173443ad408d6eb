package org.boarfish.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Transform;

/**
 * Tokens to vocabulary indices, like fastai's {@code Numericalize(min_freq=3, max_vocab=60000)}:
 * {@link #setup} builds the {@link Vocab} from the training texts unless one is given; unknown
 * tokens become {@code xxunk} (0). Decoding gives the tokens back without {@code xxpad}.
 */
public final class Numericalize extends Transform<Tokens, TensorText> {
  private final int minFreq;
  private final int maxVocab;
  private volatile Vocab vocab;

  /** fastai's defaults: min frequency 3, at most 60000 tokens. */
  public Numericalize() {
    this(3, 60000);
  }

  /** A vocabulary of tokens seen at least {@code minFreq} times, at most {@code maxVocab}. */
  public Numericalize(int minFreq, int maxVocab) {
    super(Tokens.class, TensorText.class);
    if (minFreq < 1) {
      throw new IllegalArgumentException("minFreq must be at least 1, got " + minFreq);
    }
    if (maxVocab < SpecialTokens.ALL.size()) {
      throw new IllegalArgumentException(
          "maxVocab must leave room for the "
              + SpecialTokens.ALL.size()
              + " special tokens, got "
              + maxVocab);
    }
    this.minFreq = minFreq;
    this.maxVocab = maxVocab;
  }

  /** With a fixed vocabulary (e.g. the language model's): setup learns nothing. */
  public Numericalize(Vocab vocab) {
    this(3, Math.max(60000, vocab.size()));
    this.vocab = vocab;
  }

  /**
   * fastai's {@code make_vocab}: the {@code maxVocab} most frequent tokens (ties in order of first
   * appearance), those seen at least {@code minFreq} times, the special tokens moved to the front
   * in their order, cut to {@code maxVocab}, then {@code xxfake} tokens up to a multiple of 8
   * (fastai adds 8 when the size is already a multiple; here none are added then).
   */
  public static Vocab makeVocab(List<List<String>> texts, int minFreq, int maxVocab) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (List<String> t : texts) {
      for (String s : t) {
        counts.computeIfAbsent(s, k -> new int[1])[0]++;
      }
    }
    List<Map.Entry<String, int[]>> byFreq = new ArrayList<>(counts.entrySet());
    byFreq.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
    List<String> itos = new ArrayList<>();
    for (int i = 0; i < Math.min(maxVocab, byFreq.size()); i++) {
      if (byFreq.get(i).getValue()[0] >= minFreq) {
        itos.add(byFreq.get(i).getKey());
      }
    }
    itos.removeAll(SpecialTokens.ALL);
    itos.addAll(0, SpecialTokens.ALL);
    if (itos.size() > maxVocab) {
      itos = new ArrayList<>(itos.subList(0, maxVocab));
    }
    while (itos.size() % 8 != 0) {
      itos.add(SpecialTokens.FAKE);
    }
    return new Vocab(itos);
  }

  @Override
  public void setup(List<?> items) {
    if (vocab != null) {
      return;
    }
    List<List<String>> texts = new ArrayList<>();
    for (Object o : handled(items)) {
      texts.add(((Tokens) o).tokens());
    }
    vocab = makeVocab(texts, minFreq, maxVocab);
  }

  @Override
  public TensorText encode(Tokens x) {
    Vocab v = vocab();
    List<String> t = x.tokens();
    int[] ids = new int[t.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = v.stoi(t.get(i));
    }
    return TensorText.ofIds(ids);
  }

  @Override
  public Tokens decode(TensorText y) {
    Vocab v = vocab();
    List<String> out = new ArrayList<>();
    for (int id : y.ids()) {
      if (id != Vocab.PAD) {
        out.add(id >= 0 && id < v.size() ? v.itos().get(id) : SpecialTokens.UNK);
      }
    }
    return new Tokens(out);
  }

  /** The vocabulary; an error if it was neither given nor set up. */
  public Vocab vocab() {
    Vocab v = vocab;
    if (v == null) {
      throw new IllegalStateException(
          "Numericalize has no vocabulary yet: set it up on the training texts or give one");
    }
    return v;
  }

  /** Whether the vocabulary exists (given or set up). */
  public boolean hasVocab() {
    return vocab != null;
  }

  /** The minimum frequency. */
  public int minFreq() {
    return minFreq;
  }

  /** The maximum vocabulary size. */
  public int maxVocab() {
    return maxVocab;
  }

  @Override
  public String toString() {
    return vocab == null
        ? "Numericalize(minFreq=" + minFreq + ", maxVocab=" + maxVocab + ")"
        : "Numericalize(vocab=" + vocab.size() + ")";
  }
}
