package org.boarfish.data;

/**
 * A transform that maps labels to indices through a {@link CategoryMap} ({@link Categorize}, {@link
 * MultiCategorize}).
 */
public interface HasVocab {
  /** True once the vocabulary is known (given, or learnt at setup). */
  boolean hasVocab();

  /** The vocabulary; {@link IllegalStateException} before setup when none was given. */
  CategoryMap vocab();
}
