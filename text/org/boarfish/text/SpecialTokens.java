package org.boarfish.text;

import java.util.List;

/**
 * fastai's special tokens, in vocabulary order: {@code xxunk} (0), {@code xxpad} (1), {@code xxbos}
 * (2), {@code xxeos}, {@code xxfld}, {@code xxrep}, {@code xxwrep}, {@code xxup}, {@code xxmaj}
 * (8). Every vocabulary {@link Numericalize} builds starts with them.
 */
public final class SpecialTokens {
  /** Unknown token. */
  public static final String UNK = "xxunk";

  /** Padding token. */
  public static final String PAD = "xxpad";

  /** Beginning of a text. */
  public static final String BOS = "xxbos";

  /** End of a text. */
  public static final String EOS = "xxeos";

  /** Start of a field (with several text columns: {@code xxfld 1 <col1> xxfld 2 <col2>}). */
  public static final String FLD = "xxfld";

  /** A repeated character: {@code xxrep 4 c} for "cccc". */
  public static final String REP = "xxrep";

  /** A repeated word: {@code xxwrep 3 word}. */
  public static final String WREP = "xxwrep";

  /** The next token was all capitals. */
  public static final String UP = "xxup";

  /** The next token started with a capital. */
  public static final String MAJ = "xxmaj";

  /** The filler that pads a vocabulary to a multiple of 8; never produced by tokenizing. */
  public static final String FAKE = "xxfake";

  /** All of them, in vocabulary order. */
  public static final List<String> ALL = List.of(UNK, PAD, BOS, EOS, FLD, REP, WREP, UP, MAJ);

  private SpecialTokens() {}
}
