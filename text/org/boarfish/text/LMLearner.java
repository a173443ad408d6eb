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
   * The text followed by {@code nWords} sampled tokens (joined by spaces), from the global
   * generator; {@code xxunk} is never sampled.
   */
  public String predict(String text, int nWords, double temperature) {
    return predict(text, nWords, temperature, Generator.global());
  }

  /** The same, drawing from {@code gen} (a seeded generator gives the same text every time). */
  public String predict(String text, int nWords, double temperature, Generator gen) {
    List<String> words = predictTokens(text, nWords, temperature, gen);
    return words.isEmpty() ? text : text + " " + String.join(" ", words);
  }

  /** Only the {@code nWords} sampled tokens. */
  public List<String> predictTokens(String text, int nWords, double temperature, Generator gen) {
    TextInput input = textInput();
    Tuple t = input.encode(List.of(text));
    Tensor ids = t.tensor(0);
    long[] prompt = ids.toLongArray();
    long[] next = Generation.sample(learn.model(), prompt, nWords, temperature, true, gen);
    Vocab v = input.vocab();
    List<String> out = new ArrayList<>(next.length);
    for (long id : next) {
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
