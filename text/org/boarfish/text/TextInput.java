package org.boarfish.text;

import org.boarfish.data.InputEncoder;

/**
 * The input encoder of text data: tokenizes and numericalizes raw texts with the vocabulary the
 * data was built with. Text learners find the vocabulary through it ({@link Vocab#of}).
 */
public interface TextInput extends InputEncoder {
  /** The token vocabulary. */
  Vocab vocab();
}
