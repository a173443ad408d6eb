package org.boarfish.text;

import java.util.List;
import org.boarfish.data.TransformBlock;

/**
 * fastai's {@code TextBlock} for a {@code DataBlock}: type transforms {@link TextReader} (the text
 * column(s) of a row, or a file), {@link Tokenize} and {@link Numericalize}; loaders with the
 * {@link LMDataLoader} layout ({@code isLm}) or {@link SortedDL} batches padded by {@link
 * PadInput#chunk} (classification); {@code showBatch} prints decoded texts.
 *
 * <pre>{@code
 * var dblock = DataBlock.builder()
 *     .blocks(TextBlock.fromDf("text", false, 72), Blocks.category())
 *     .getY(ColReader.of("label"))
 *     .splitter(Splitters.col("is_valid"))
 *     .build();
 * var dls = dblock.dataloaders(Csv.read(csv), 64);
 * }</pre>
 */
public final class TextBlock {
  private TextBlock() {}

  /** Texts in a table column, with fastai's defaults otherwise. */
  public static TransformBlock fromDf(String textCol, boolean isLm, int seqLen) {
    return fromDf(List.of(textCol), TextOptions.of().isLm(isLm).seqLen(seqLen));
  }

  /**
   * Texts in table columns; {@code opts} gives isLm, seqLen, minFreq, maxVocab, vocab and the
   * tokenizer.
   */
  public static TransformBlock fromDf(List<String> textCols, TextOptions opts) {
    return block(new TextReader(textCols), opts);
  }

  /** Texts in UTF-8 files (the items are their paths), with fastai's defaults otherwise. */
  public static TransformBlock fromFolder(boolean isLm, int seqLen) {
    return fromFolder(TextOptions.of().isLm(isLm).seqLen(seqLen));
  }

  /** Texts in UTF-8 files, with these settings. */
  public static TransformBlock fromFolder(TextOptions opts) {
    return block(new TextReader(List.of()), opts);
  }

  private static TransformBlock block(TextReader reader, TextOptions o) {
    Numericalize num =
        o.vocab() != null
            ? new Numericalize(o.vocab())
            : new Numericalize(o.minFreq(), o.maxVocab());
    int seqLen = o.seqLen();
    Tokenize tok = new Tokenize(o.tokenizer());
    TransformBlock.Builder b =
        TransformBlock.builder()
            .name(o.isLm() ? "TextBlock(lm)" : "TextBlock")
            .shower(new TextShower(num, 150));
    if (o.backwards()) {
      b.typeTfms(reader, tok, num, new ReverseText());
    } else {
      b.typeTfms(reader, tok, num);
    }
    if (o.isLm()) {
      b.loaders(l -> l.sampler(new LMDataLoader(seqLen)).collate(TextCollate::collate));
    } else {
      b.beforeBatch(s -> PadInput.chunk(s, Vocab.PAD, true, seqLen))
          .loaders(l -> l.sampler(new SortedDL()).collate(TextCollate::collate));
    }
    return b.build();
  }
}
