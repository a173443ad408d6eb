package org.boarfish.text;

import java.util.List;
import java.util.Objects;

/**
 * Settings of {@link TextDataLoaders} and {@link TextBlock}, with fastai's defaults: text column
 * "text", label column "label", 20% random validation split (or a boolean validation column),
 * classification (not a language model), seqLen 72, bs 64, minFreq 3, maxVocab 60000, the default
 * {@link Tokenizer}. Immutable; each {@code withX} checks its value.
 *
 * <pre>{@code
 * var opts = TextOptions.of().validCol("is_valid").bs(32).seed(42);
 * var lm = TextOptions.of().isLm(true).validPct(0.1);
 * }</pre>
 */
public final class TextOptions {
  private List<String> textCols = List.of("text");
  private String labelCol = "label";
  private String validCol;
  private double validPct = 0.2;
  private boolean isLm;
  private boolean backwards;
  private int seqLen = 72;
  private int bs = 64;
  private long seed = 42;
  private int minFreq = 3;
  private int maxVocab = 60000;
  private Vocab vocab;
  private Tokenizer tokenizer = Tokenizer.defaults();
  private int numWorkers = -1;
  private String trainFolder = "train";
  private String validFolder = "valid";

  private TextOptions() {}

  /** fastai's defaults. */
  public static TextOptions of() {
    return new TextOptions();
  }

  private TextOptions copy() {
    TextOptions o = new TextOptions();
    o.textCols = textCols;
    o.labelCol = labelCol;
    o.validCol = validCol;
    o.validPct = validPct;
    o.isLm = isLm;
    o.backwards = backwards;
    o.seqLen = seqLen;
    o.bs = bs;
    o.seed = seed;
    o.minFreq = minFreq;
    o.maxVocab = maxVocab;
    o.vocab = vocab;
    o.tokenizer = tokenizer;
    o.numWorkers = numWorkers;
    o.trainFolder = trainFolder;
    o.validFolder = validFolder;
    return o;
  }

  /** The text column(s) (several are joined with {@code xxfld} marks). */
  public TextOptions textCol(String... cols) {
    if (cols.length == 0) {
      throw new IllegalArgumentException("textCol needs at least one column name");
    }
    TextOptions o = copy();
    o.textCols = List.of(cols);
    return o;
  }

  /** The label column (classification). */
  public TextOptions labelCol(String col) {
    TextOptions o = copy();
    o.labelCol = Objects.requireNonNull(col, "labelCol");
    return o;
  }

  /** A boolean column marking validation rows (instead of a random split). */
  public TextOptions validCol(String col) {
    TextOptions o = copy();
    o.validCol = Objects.requireNonNull(col, "validCol");
    return o;
  }

  /** A random validation split of this fraction (seeded by {@link #seed}); clears validCol. */
  public TextOptions validPct(double pct) {
    if (!(pct >= 0 && pct < 1)) {
      throw new IllegalArgumentException("validPct must be in [0, 1), got " + pct);
    }
    TextOptions o = copy();
    o.validPct = pct;
    o.validCol = null;
    return o;
  }

  /** Language-model data (the texts are their own targets) instead of classification. */
  public TextOptions isLm(boolean isLm) {
    TextOptions o = copy();
    o.isLm = isLm;
    return o;
  }

  /**
   * Backward text (fastai's {@code backwards=True}): each text's tokens in reverse order (see
   * {@link ReverseText}), for the backward half of a forward + backward ULMFiT ensemble.
   */
  public TextOptions backwards(boolean backwards) {
    TextOptions o = copy();
    o.backwards = backwards;
    return o;
  }

  /** Tokens per batch row (language model) or padding chunk (classification); fastai: 72. */
  public TextOptions seqLen(int seqLen) {
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqLen must be at least 1, got " + seqLen);
    }
    TextOptions o = copy();
    o.seqLen = seqLen;
    return o;
  }

  /** Batch size (fastai: 64). */
  public TextOptions bs(int bs) {
    if (bs < 1) {
      throw new IllegalArgumentException("bs must be at least 1, got " + bs);
    }
    TextOptions o = copy();
    o.bs = bs;
    return o;
  }

  /** Seed of the random split and of the training loader's shuffling. */
  public TextOptions seed(long seed) {
    TextOptions o = copy();
    o.seed = seed;
    return o;
  }

  /** Minimum count of a token to get its own index (fastai: 3). */
  public TextOptions minFreq(int minFreq) {
    if (minFreq < 1) {
      throw new IllegalArgumentException("minFreq must be at least 1, got " + minFreq);
    }
    TextOptions o = copy();
    o.minFreq = minFreq;
    return o;
  }

  /** Maximum vocabulary size (fastai: 60000). */
  public TextOptions maxVocab(int maxVocab) {
    if (maxVocab < SpecialTokens.ALL.size()) {
      throw new IllegalArgumentException(
          "maxVocab must be at least " + SpecialTokens.ALL.size() + ", got " + maxVocab);
    }
    TextOptions o = copy();
    o.maxVocab = maxVocab;
    return o;
  }

  /** A fixed vocabulary (e.g. the language model's, for the classifier); null to build one. */
  public TextOptions vocab(Vocab vocab) {
    TextOptions o = copy();
    o.vocab = vocab;
    return o;
  }

  /** The tokenizer. */
  public TextOptions tokenizer(Tokenizer tokenizer) {
    TextOptions o = copy();
    o.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    return o;
  }

  /** Loader worker threads (default: the data layer's, {@code min(16, cores)}). */
  public TextOptions numWorkers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("numWorkers must not be negative, got " + n);
    }
    TextOptions o = copy();
    o.numWorkers = n;
    return o;
  }

  /** The training and validation subfolder names of {@code fromFolder} (fastai: train, valid). */
  public TextOptions folders(String train, String valid) {
    TextOptions o = copy();
    o.trainFolder = Objects.requireNonNull(train, "train");
    o.validFolder = Objects.requireNonNull(valid, "valid");
    return o;
  }

  /** The text columns. */
  public List<String> textCols() {
    return textCols;
  }

  /** The label column. */
  public String labelCol() {
    return labelCol;
  }

  /** The validation column, or null for a random split. */
  public String validCol() {
    return validCol;
  }

  /** The random validation fraction. */
  public double validPct() {
    return validPct;
  }

  /** Whether this is language-model data. */
  public boolean isLm() {
    return isLm;
  }

  /** Whether each text's tokens are reversed. */
  public boolean backwards() {
    return backwards;
  }

  /** The sequence length. */
  public int seqLen() {
    return seqLen;
  }

  /** The batch size. */
  public int bs() {
    return bs;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The minimum frequency. */
  public int minFreq() {
    return minFreq;
  }

  /** The maximum vocabulary size. */
  public int maxVocab() {
    return maxVocab;
  }

  /** The fixed vocabulary, or null. */
  public Vocab vocab() {
    return vocab;
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The number of loader workers, or -1 for the default. */
  public int numWorkers() {
    return numWorkers;
  }

  /** The training subfolder of {@code fromFolder}. */
  public String trainFolder() {
    return trainFolder;
  }

  /** The validation subfolder of {@code fromFolder}. */
  public String validFolder() {
    return validFolder;
  }

  @Override
  public String toString() {
    return "TextOptions[text "
        + textCols
        + (isLm ? ", language model" : ", label " + labelCol)
        + (backwards ? ", backwards" : "")
        + (validCol != null ? ", valid col " + validCol : ", validPct " + validPct)
        + ", seqLen "
        + seqLen
        + ", bs "
        + bs
        + ", seed "
        + seed
        + "]";
  }
}
