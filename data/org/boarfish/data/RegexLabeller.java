package org.boarfish.data;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fastai's {@code RegexLabeller}: the first capture group of a regular expression, searched for
 * anywhere in the item's text (or matched from its start with {@code match}). {@link #onFileName}
 * applies it to the file name only, as {@code from_name_re} does. An item the pattern doesn't match
 * is an error naming the item.
 */
public final class RegexLabeller implements Function<Object, Object> {
  private final Pattern pattern;
  private final boolean match;
  private final boolean fileName;

  private RegexLabeller(String pattern, boolean match, boolean fileName) {
    this.pattern = Pattern.compile(pattern);
    if (this.pattern.matcher("").groupCount() < 1) {
      throw new IllegalArgumentException(
          "RegexLabeller: pattern '"
              + pattern
              + "' has no capture group; put the label in parentheses, e.g. '^(.+)_\\d+\\.jpg$'");
    }
    this.match = match;
    this.fileName = fileName;
  }

  /** Searches the item's full text (e.g. the whole path). */
  public RegexLabeller(String pattern) {
    this(pattern, false, false);
  }

  /**
   * Searches, or with {@code match} anchors at the start of the item's text (Python's {@code
   * re.match}).
   */
  public RegexLabeller(String pattern, boolean match) {
    this(pattern, match, false);
  }

  /** Searches the file name of each item. */
  public static RegexLabeller onFileName(String pattern) {
    return new RegexLabeller(pattern, false, true);
  }

  @Override
  public Object apply(Object item) {
    String text;
    if (fileName) {
      Path p = Getters.toPath(item, "RegexLabeller");
      text = p.getFileName() == null ? p.toString() : p.getFileName().toString();
    } else {
      text = String.valueOf(item);
    }
    Matcher m = pattern.matcher(text);
    boolean found = match ? m.lookingAt() : m.find();
    if (!found || m.group(1) == null) {
      throw new IllegalArgumentException(
          "RegexLabeller: pattern '"
              + pattern.pattern()
              + "' "
              + (found ? "left its group empty on" : "does not match")
              + " '"
              + text
              + "'"
              + (fileName ? " (file name of " + item + ")" : ""));
    }
    return m.group(1);
  }

  @Override
  public String toString() {
    return "RegexLabeller("
        + pattern.pattern()
        + (match ? ", match" : "")
        + (fileName ? ", on file name" : "")
        + ")";
  }
}
