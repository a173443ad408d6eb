package org.boarfish.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.boarfish.tensor.Generator;

/** A tiny word corpus with a learnable pattern, its vocabulary, and a small AWD-LSTM config. */
final class AwdLstmAndLearnerFixtures {
  static final AwdLstmConfig SMALL = AwdLstmConfig.lm().withSizes(16, 24, 2);

  private static final String[] SENTENCES = {
    "the cat sat on the mat .",
    "the dog sat on the rug .",
    "a bird flew over the tree .",
    "the cat ate the fish .",
    "a dog ran in the park ."
  };

  private AwdLstmAndLearnerFixtures() {}

  static Vocab vocab() {
    LinkedHashSet<String> words = new LinkedHashSet<>(List.of("xxunk", "xxpad"));
    for (String s : SENTENCES) {
      words.addAll(List.of(s.split(" ")));
    }
    return new Vocab(new ArrayList<>(words));
  }

  /** {@code n} sentences drawn at random, as one stream of token ids. */
  static long[] stream(int n, long seed) {
    Vocab v = vocab();
    Generator g = new Generator(seed);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (String w : SENTENCES[(int) g.nextLong(0, SENTENCES.length)].split(" ")) {
        ids.add((long) v.stoi(w));
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }
}
