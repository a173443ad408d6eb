package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code LMLearner}: a {@link TextLearner} for a language model that also generates text
 * with {@link #predict(String, int, double)}.
 */
public final class LMLearner extends TextLearner {
  LMLearner(Learner learn) {
    super(learn);
  }

  /**
   * The text followed by {@code nWords} sampled tokens, from the global generator; {@code xxunk} is
   * never sampled. The tokens are decoded as a person reads them ({@link Detokenizer#words}: {@code
   * xxmaj} capitalises, no space before punctuation, ...; {@link Detokenizer#chars} when the
   * vocabulary is character-level).
   */
  public String predict(String text, int nWords, double temperature) {
    return predict(text, nWords, temperature, Generator.global());
  }

  /** The same, drawing from {@code gen} (a seeded generator gives the same text every time). */
  public String predict(String text, int nWords, double temperature, Generator gen) {
    TextInput input = textInput();
    long[] prompt = promptIds(input, text);
    List<String> promptTokens = tokens(input.vocab(), prompt);
    List<String> all = new ArrayList<>(promptTokens);
    all.addAll(predictTokens(text, nWords, temperature, gen));
    boolean chars = Detokenizer.isCharLevel(input.vocab());
    String head = chars ? Detokenizer.chars(promptTokens) : Detokenizer.words(promptTokens);
    String whole = chars ? Detokenizer.chars(all) : Detokenizer.words(all);
    // keep the prompt as written (an unknown word would decode as xxunk), add what follows it
    return whole.startsWith(head) ? text.stripTrailing() + whole.substring(head.length()) : whole;
  }

  /** Only the {@code nWords} sampled tokens. */
  public List<String> predictTokens(String text, int nWords, double temperature, Generator gen) {
    TextInput input = textInput();
    long[] next =
        Generation.sample(learn.model(), promptIds(input, text), nWords, temperature, true, gen);
    return tokens(input.vocab(), next);
  }

  private static long[] promptIds(TextInput input, String text) {
    Tuple t = input.encode(List.of(text));
    Tensor ids = t.tensor(0);
    return ids.toLongArray();
  }

  private static List<String> tokens(Vocab v, long[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      out.add(v.itos().get((int) id));
    }
    return out;
  }

  private TextInput textInput() {
    if (learn.dls() == null) {
      throw new IllegalStateException(
          "generation needs the learner's DataLoaders to tokenize the prompt");
    }
    return learn
        .dls()
        .inputEncoder()
        .filter(TextInput.class::isInstance)
        .map(TextInput.class::cast)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "these DataLoaders have no text input encoder to tokenize the prompt: make them"
                        + " with TextDataLoaders (or give them one with dls.inputEncoder(...))"));
  }
}
