package org.boarfish.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.boarfish.data.Row;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * The {@link TextInput} of text data: raw texts (strings, or rows/maps holding the text columns)
 * are tokenized and numericalized with the data's tokenizer and vocabulary, then padded as the
 * classifier batches are ({@link PadInput#chunk}: pad index 1, padding first in chunks of {@code
 * seqLen}) into one int64 {@code [B, T]} tensor. {@link #toJson()} holds the vocabulary and the
 * settings; {@link TextEncoders#register()} lets an exported learner rebuild it.
 */
public final class TextEncoder implements TextInput {
  /** The kind exports store. */
  public static final String KIND = "text";

  private final Vocab vocab;
  private final Tokenizer tokenizer;
  private final int seqLen;
  private final List<String> textCols;
  private final boolean backwards;

  /** An encoder with this vocabulary, tokenizer, padding chunk and text columns. */
  public TextEncoder(Vocab vocab, Tokenizer tokenizer, int seqLen, List<String> textCols) {
    this(vocab, tokenizer, seqLen, textCols, false);
  }

  /**
   * An encoder whose texts are reversed after numericalizing when {@code backwards} (the data of a
   * backward model, {@link TextOptions#backwards}).
   */
  public TextEncoder(
      Vocab vocab, Tokenizer tokenizer, int seqLen, List<String> textCols, boolean backwards) {
    this.backwards = backwards;
    this.vocab = Objects.requireNonNull(vocab, "vocab");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqLen must be at least 1, got " + seqLen);
    }
    this.seqLen = seqLen;
    this.textCols = List.copyOf(textCols);
  }

  @Override
  public Vocab vocab() {
    return vocab;
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The padding chunk. */
  public int seqLen() {
    return seqLen;
  }

  /** The text columns read from rows and maps. */
  public List<String> textCols() {
    return textCols;
  }

  /** Whether texts are reversed (a backward model's data). */
  public boolean backwards() {
    return backwards;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The token ids of one raw text (reversed for a backward model). */
  public int[] ids(String text) {
    List<String> toks = tokenizer.tokenize(Tokenize.checked(text, "the text"));
    int[] ids = new int[toks.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocab.stoi(toks.get(i));
    }
    return backwards ? ReverseText.reversed(ids) : ids;
  }

  @Override
  public Tuple encode(List<?> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode: give at least one text");
    }
    List<Object> samples = new ArrayList<>(items.size());
    TextReader reader = new TextReader(textCols);
    for (int i = 0; i < items.size(); i++) {
      Object o = items.get(i);
      try {
        String text;
        if (o instanceof String s) {
          text = s;
        } else if (o instanceof Row || o instanceof Map) {
          text = reader.encode(o);
        } else {
          throw new IllegalArgumentException(
              "is "
                  + (o == null ? "null" : o.getClass().getSimpleName())
                  + "; give a String (or a row with the text columns "
                  + textCols
                  + ")");
        }
        samples.add(TensorText.ofIds(ids(text)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("text item " + i + ": " + e.getMessage(), e);
      }
    }
    List<Object> padded = PadInput.chunk(samples, Vocab.PAD, true, seqLen);
    Tensor x = ((TensorText) TextCollate.collate(padded).get(0)).tensor();
    return new Tuple(List.of(x), 1);
  }

  @Override
  public JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    var v = o.putArray("vocab");
    for (String s : vocab.itos()) {
      v.add(s);
    }
    o.set("tokenizer", tokenizer.toJson());
    o.put("seqLen", seqLen);
    o.put("backwards", backwards);
    var c = o.putArray("textCols");
    for (String s : textCols) {
      c.add(s);
    }
    return o;
  }

  /** The encoder from {@link #toJson()}; an error naming what is missing. */
  public static TextEncoder fromJson(JsonNode json) {
    if (!json.path("vocab").isArray() || json.path("vocab").isEmpty()) {
      throw new IllegalArgumentException(
          "text encoder state has no 'vocab' array; the export is damaged or not from text data");
    }
    List<String> itos = new ArrayList<>();
    for (JsonNode s : json.path("vocab")) {
      itos.add(s.asText());
    }
    List<String> cols = new ArrayList<>();
    for (JsonNode s : json.path("textCols")) {
      cols.add(s.asText());
    }
    return new TextEncoder(
        new Vocab(itos),
        Tokenizer.fromJson(json.path("tokenizer")),
        json.path("seqLen").asInt(72),
        cols,
        json.path("backwards").asBoolean(false));
  }

  @Override
  public String toString() {
    return "TextEncoder[vocab "
        + vocab.size()
        + ", seqLen "
        + seqLen
        + (backwards ? ", backwards" : "")
        + ", "
        + tokenizer
        + "]";
  }
}
