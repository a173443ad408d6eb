package org.boarfish.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns tokens back into readable text, as generated text should be shown: {@code xxmaj}
 * capitalises the next word, {@code xxup} upper-cases it, {@code xxrep n c} / {@code xxwrep n w}
 * repeat, {@code xxbos}, {@code xxeos}, {@code xxpad} and {@code xxfake} are dropped, and words are
 * joined by spaces except before closing punctuation ({@code , . ! ? ; : ) %}), contraction
 * suffixes ({@code n't 's 're 've 'll 'd 'm}), a closing quote, after an opening bracket or quote,
 * around a hyphen or slash between words, around line breaks, and inside {@code gon na} / {@code
 * wan na} / {@code got ta}. {@link #chars} joins character-level tokens without separators.
 *
 * <p>Each spacing decision looks only at what came before, so the text of a prefix of the tokens is
 * a prefix of the text of all of them.
 */
public final class Detokenizer {
  private static final Set<String> DROPPED =
      Set.of(SpecialTokens.BOS, SpecialTokens.EOS, SpecialTokens.PAD, SpecialTokens.FAKE);
  private static final Set<String> SUFFIXES =
      Set.of("n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "n’t");
  private static final Set<String> OPENERS = Set.of("(", "[", "{", "$", "£", "€", "#");
  private static final Set<String> JOINERS = Set.of("-", "/");

  private Detokenizer() {}

  /** Word-level tokens (as the default {@link Tokenizer} makes them) as readable text. */
  public static String words(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    String prev = null; // the last word written
    boolean glue = false; // the last word asked for no space after it
    boolean inDouble = false;
    boolean inSingle = false;
    for (String w : expand(tokens)) {
      boolean space = sb.length() > 0 && !glue && !isBreak(w) && !isBreak(prev);
      boolean glueNext = false;
      if (w.equals("\"")) {
        if (inDouble) {
          space = false;
        } else {
          glueNext = true;
        }
        inDouble = !inDouble;
      } else if (w.equals("'")) {
        if (inSingle || (prev != null && prev.endsWith("s"))) {
          space = false;
          inSingle = false;
        } else {
          glueNext = true;
          inSingle = true;
        }
      } else if (isClosing(w) || SUFFIXES.contains(w.toLowerCase(Locale.ROOT))) {
        space = false;
      } else if (OPENERS.contains(w)) {
        glueNext = true;
      } else if (JOINERS.contains(w) && prev != null && endsAlnum(prev)) {
        space = false;
        glueNext = true;
      } else if (prev != null && isSplitWord(prev, w)) {
        space = false;
      }
      if (glue && JOINERS.contains(prev) && !startsAlnum(w)) {
        space = true; // "well - ." keeps its space: the hyphen was a dash
      }
      if (space) {
        sb.append(' ');
      }
      sb.append(w);
      prev = w;
      glue = glueNext;
    }
    return sb.toString();
  }

  /** Character-level tokens joined without separators (special tokens expanded or dropped). */
  public static String chars(List<String> tokens) {
    return String.join("", expand(tokens));
  }

  /**
   * Whether a vocabulary is character-level: every token other than the special ones is one
   * character long.
   */
  public static boolean isCharLevel(Vocab vocab) {
    boolean any = false;
    for (String t : vocab.itos()) {
      if (SpecialTokens.ALL.contains(t) || t.equals(SpecialTokens.FAKE)) {
        continue;
      }
      if (t.codePointCount(0, t.length()) != 1) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** The words after the special tokens are applied and the dropped ones removed. */
  private static List<String> expand(List<String> tokens) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (DROPPED.contains(t)) {
        continue;
      }
      boolean hasNext = i + 1 < tokens.size();
      if (t.equals(SpecialTokens.MAJ) || t.equals(SpecialTokens.UP)) {
        if (hasNext && !isSpecial(tokens.get(i + 1))) {
          String w = unspace(tokens.get(++i));
          out.add(t.equals(SpecialTokens.UP) ? w.toUpperCase(Locale.ROOT) : capitalise(w));
        }
      } else if (t.equals(SpecialTokens.REP) || t.equals(SpecialTokens.WREP)) {
        if (i + 2 < tokens.size()
            && tokens.get(i + 1).matches("\\d{1,4}")
            && !isSpecial(tokens.get(i + 2))) {
          int n = Integer.parseInt(tokens.get(i + 1));
          String w = unspace(tokens.get(i + 2));
          i += 2;
          if (t.equals(SpecialTokens.REP)) {
            out.add(w.repeat(n));
          } else {
            for (int k = 0; k < n; k++) {
              out.add(w);
            }
          }
        }
      } else {
        out.add(unspace(t));
      }
    }
    return out;
  }

  private static boolean isSpecial(String t) {
    return SpecialTokens.ALL.contains(t) || t.equals(SpecialTokens.FAKE);
  }

  private static String unspace(String t) {
    return t.replace('▁', ' ');
  }

  private static String capitalise(String w) {
    if (w.isEmpty()) {
      return w;
    }
    int first = w.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toTitleCase(first))
        .append(w.substring(Character.charCount(first)))
        .toString();
  }

  /** Punctuation that closes a phrase: , . ! ? ; : ) ] } % … and runs of them. */
  private static boolean isClosing(String w) {
    return w.matches("[,.!?;:)\\]}%…]+") || w.equals("...");
  }

  /** Whitespace tokens (line breaks) take no extra space on either side. */
  private static boolean isBreak(String w) {
    return w != null && !w.isEmpty() && w.isBlank();
  }

  private static boolean endsAlnum(String w) {
    return !w.isEmpty() && Character.isLetterOrDigit(w.codePointBefore(w.length()));
  }

  private static boolean startsAlnum(String w) {
    return !w.isEmpty() && Character.isLetterOrDigit(w.codePointAt(0));
  }

  /** spaCy's split words: gon|na, wan|na, got|ta. */
  private static boolean isSplitWord(String prev, String w) {
    String p = prev.toLowerCase(Locale.ROOT);
    String n = w.toLowerCase(Locale.ROOT);
    return (n.equals("na") && (p.equals("gon") || p.equals("wan")))
        || (n.equals("ta") && p.equals("got"));
  }
}
