package org.boarfish.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.boarfish.data.Row;
import org.boarfish.data.Transform;

/**
 * The raw text of an item: the text column(s) of a table {@link Row} or map (several columns are
 * marked {@code xxfld 1 <col1> xxfld 2 <col2>}, as fastai's {@code mark_fields}), the content of a
 * UTF-8 file, or a string as it is. A missing column names the columns there are; a file that is
 * not UTF-8 is named with the byte offset of the first bad byte.
 */
public final class TextReader extends Transform<Object, String> {
  private final List<String> cols;

  /** Reads these columns of a row (none: the item must be a file or a string). */
  public TextReader(List<String> cols) {
    super(Object.class, String.class);
    this.cols = List.copyOf(cols);
  }

  /** The text columns. */
  public List<String> cols() {
    return cols;
  }

  @Override
  public boolean handles(Object x) {
    return x instanceof Row || x instanceof Map || x instanceof Path;
  }

  @Override
  public boolean handlesDecoded(Object y) {
    return false;
  }

  @Override
  public String encode(Object x) {
    if (x instanceof Path p) {
      return readUtf8(p);
    }
    if (cols.isEmpty()) {
      throw new IllegalArgumentException(
          "TextReader has no text columns to read from " + x.getClass().getSimpleName());
    }
    if (cols.size() == 1) {
      return column(x, cols.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      sb.append(i == 0 ? "" : " ")
          .append(SpecialTokens.FLD)
          .append(' ')
          .append(i + 1)
          .append(' ')
          .append(column(x, cols.get(i)));
    }
    return sb.toString();
  }

  private static String column(Object x, String col) {
    if (x instanceof Row r) {
      if (!r.has(col)) {
        throw new IllegalArgumentException(
            "text column '" + col + "' is not in the table; its columns are " + r.columns());
      }
      return r.get(col);
    }
    Map<?, ?> m = (Map<?, ?>) x;
    if (!m.containsKey(col)) {
      throw new IllegalArgumentException(
          "text column '" + col + "' is not in the table; its columns are " + m.keySet());
    }
    Object v = m.get(col);
    return v == null ? "" : v.toString();
  }

  /** The content of a UTF-8 text file; an error naming the file if it is not valid UTF-8. */
  public static String readUtf8(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read text file " + file, e);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "text file "
              + file
              + " is not valid UTF-8"
              + firstBad(bytes)
              + "; convert it (e.g. iconv -f latin1 -t utf-8) or remove it",
          e);
    }
  }

  private static String firstBad(byte[] bytes) {
    var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var res = dec.decode(in, out, true);
    return res.isError() ? " (bad byte at offset " + in.position() + ")" : "";
  }

  static boolean isMalformed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MalformedInputException || t instanceof CharacterCodingException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return cols.isEmpty() ? "TextReader" : "TextReader" + cols;
  }
}
