package org.boarfish.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fastai's text rules as functions on a string, each usable on its own. The tokenizer applies
 * {@link TextRule#defaults()} in fastai's order: {@link #fixHtml}, {@link #replaceRep}, {@link
 * #replaceWrep}, {@link #specAddSpaces}, {@link #rmUselessSpaces}, then {@link #replaceAllCaps},
 * {@link #replaceMaj}, {@link #lowercase} (fastai v1 ran these last three on tokens; v2 on the
 * string, as here), then splits into words.
 *
 * <pre>{@code
 * TextRules.replaceRep("I'm so excited!!!!!!!")   // "I'm so excited xxrep 7 ! "
 * TextRules.replaceMaj("Jeremy Howard")           // "xxmaj jeremy xxmaj howard"
 * }</pre>
 */
public final class TextRules {
  private static final int U = Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern REP = Pattern.compile("(\\S)(\\1{2,})", U);
  private static final Pattern WREP =
      Pattern.compile("(?:\\s|^)(\\w+)\\s+((?:\\1\\s+)+)\\1(\\s|\\W|$)", U);
  private static final Pattern SPEC = Pattern.compile("([/#\\\\])");
  private static final Pattern SPACES = Pattern.compile(" {2,}");
  private static final Pattern ALL_CAPS =
      Pattern.compile("(\\s|^)([A-Z]+[^a-z\\s]*)(?=(\\s|$))", U);
  private static final Pattern MAJ = Pattern.compile("(\\s|^)([A-Z][^A-Z\\s]*)(?=(\\s|$))", U);

  private TextRules() {}

  /**
   * Repairs HTML and escape debris ({@code #39;}, {@code amp;}, {@code <br />}, {@code \"}, {@code
   * <unk>}, {@code @.@ }, ...; "..." becomes " …") then unescapes character references.
   */
  public static String fixHtml(String x) {
    String s =
        x.replace("#39;", "'")
            .replace("amp;", "&")
            .replace("#146;", "'")
            .replace("nbsp;", " ")
            .replace("#36;", "$")
            .replace("\\n", "\n")
            .replace("quot;", "'")
            .replace("<br />", "\n")
            .replace("\\\"", "\"")
            .replace("<unk>", SpecialTokens.UNK)
            .replace(" @.@ ", ".")
            .replace(" @-@ ", "-")
            .replace("...", " \u2026");
    return HtmlEntities.unescape(s);
  }

  /** A non-space character repeated 3 or more times becomes {@code " xxrep n c "}. */
  public static String replaceRep(String t) {
    return REP.matcher(t)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    " "
                        + SpecialTokens.REP
                        + " "
                        + (m.group(2).length() + 1)
                        + " "
                        + m.group(1)
                        + " "));
  }

  /** A word repeated 3 or more times in a row becomes {@code " xxwrep n word "}. */
  public static String replaceWrep(String t) {
    return WREP.matcher(t)
        .replaceAll(
            m -> {
              int n = m.group(2).trim().split("\\s+").length + 2;
              return Matcher.quoteReplacement(
                  " " + SpecialTokens.WREP + " " + n + " " + m.group(1) + " " + m.group(3));
            });
  }

  /** Puts spaces around {@code /}, {@code #} and {@code \}. */
  public static String specAddSpaces(String t) {
    return SPEC.matcher(t).replaceAll(" $1 ");
  }

  /** Collapses runs of two or more spaces into one. */
  public static String rmUselessSpaces(String t) {
    return SPACES.matcher(t).replaceAll(" ");
  }

  /**
   * A space-delimited word in capitals (longer than one letter) is lowercased after {@code xxup}; a
   * one-letter capital word is just lowercased.
   */
  public static String replaceAllCaps(String t) {
    return caseRule(ALL_CAPS, SpecialTokens.UP, t);
  }

  /**
   * A space-delimited word starting with a capital, the rest not capitals, is lowercased after
   * {@code xxmaj} (a one-letter word is just lowercased).
   */
  public static String replaceMaj(String t) {
    return caseRule(MAJ, SpecialTokens.MAJ, t);
  }

  /**
   * Lowercases and strips the text, with {@code xxbos} in front if {@code addBos} and {@code xxeos}
   * at the end if {@code addEos}.
   */
  public static String lowercase(String t, boolean addBos, boolean addEos) {
    return (addBos ? SpecialTokens.BOS + " " : "")
        + t.toLowerCase(Locale.ROOT).strip()
        + (addEos ? " " + SpecialTokens.EOS : "");
  }

  /** fastai's post-rule: spaces inside a token become {@code ▁} (U+2581). */
  public static String replaceSpace(String token) {
    return token.replace(' ', '\u2581');
  }

  private static String caseRule(Pattern p, String tok, String t) {
    return p.matcher(t)
        .replaceAll(
            m -> {
              String w = m.group(2);
              return Matcher.quoteReplacement(
                  m.group(1) + (w.length() > 1 ? tok + " " : "") + w.toLowerCase(Locale.ROOT));
            });
  }
}
