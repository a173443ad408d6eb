package org.boarfish.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule-based English word tokenizer following spaCy's algorithm (what fastai's {@code
 * SpacyTokenizer} runs, with a blank English pipeline): the text is cut at single spaces (other
 * whitespace runs become tokens, e.g. "\n\n"); each piece is matched against the {@link
 * TokenizerExceptions exceptions} ("don't" → "do", "n't"), else prefixes (opening punctuation,
 * quotes, currency) and suffixes (closing punctuation, quotes, "'s", units and currency after a
 * number, a final period) are peeled off one at a time, a URL or e-mail address is kept whole, and
 * what remains is split at infixes (hyphens between letters, "..." and "…", commas between letters,
 * {@code :<>=/} between a letter or digit and a letter, arithmetic between digits). Numbers such as
 * "3.14", "1,000" and "-5" stay whole.
 *
 * <pre>{@code
 * new WordTokenizer().tokenize("Don't pay $5.99 (it's a rip-off)...")
 * // [Do, n't, pay, $, 5.99, (, it, 's, a, rip, -, off, ), ...]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class WordTokenizer {
  private static final String PUNCT =
      "…|……|,|:|;|!|\\?|¿|¡|\\(|\\)|\\[|\\]|\\{|\\}|<|>|_|#|\\*|&|。|？|！|，|、|；|：|～|·";
  private static final String QUOTES = "'|\"|”|“|`|‘|´|’|‚|„|»|«";
  private static final String CURRENCY = "\\$|£|€|¥|฿|₽|₹|₩|₴|₪";
  private static final String ELLIPSES = "\\.\\.+|…";
  private static final String ICONS = "[\\p{So}]";
  private static final String UNITS =
      "km|km²|km³|m|m²|m³|dm|cm|mm|µm|nm|yd|in|ft|kg|g|mg|µg|t|lb|oz|m/s|km/h|kmh|mph|hPa|Pa|mbar"
          + "|mb|MB|kb|KB|gb|GB|tb|TB|T|G|M|K|%";
  private static final String PUNCT_CHARS = "…,:;!?¿¡()\\[\\]{}<>_#*&。？！，、；：～·";
  private static final String QUOTE_CHARS = "'\"”“`‘´’‚„»«";
  private static final String HYPHENS = "-|–|—|--|---|——|~";

  private static final Pattern PREFIX =
      Pattern.compile(
          "^(?:§|%|=|—|–|\\+(?![0-9])|"
              + PUNCT
              + "|"
              + ELLIPSES
              + "|"
              + QUOTES
              + "|"
              + CURRENCY
              + "|"
              + ICONS
              + ")");
  private static final Pattern SUFFIX = Pattern.compile(suffixRegex());
  private static final Pattern INFIX =
      Pattern.compile(
          ELLIPSES
              + "|"
              + ICONS
              + "|(?<=[0-9])[+\\-*^](?=[0-9-])"
              + "|(?<=[\\p{Ll}"
              + QUOTE_CHARS
              + "])\\.(?=[\\p{Lu}"
              + QUOTE_CHARS
              + "])"
              + "|(?<=\\p{L}),(?=\\p{L})"
              + "|(?<=[\\p{L}0-9])(?:"
              + HYPHENS
              + ")(?=\\p{L})"
              + "|(?<=[\\p{L}0-9])[:<>=/](?=\\p{L})");
  private static final Pattern URL =
      Pattern.compile(
          "^(?:[\\w+\\-.]{2,}://)?"
              + "(?:[^\\s@]+(?::[^\\s@]*)?@)?"
              + "(?:(?:[A-Za-z0-9\\u00a1-\\uffff][A-Za-z0-9\\u00a1-\\uffff_-]{0,62})?[A-Za-z0-9\\u00a1-\\uffff]\\.)+"
              + "[a-z\\u00a1-\\uffff]{2,63}"
              + "(?::\\d{2,5})?(?:[/?#]\\S*)?$",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** The tokenizer (it has no settings). */
  public WordTokenizer() {}

  private static String suffixRegex() {
    String[] alts = {
      PUNCT,
      ELLIPSES,
      QUOTES,
      ICONS,
      "'s|'S|’s|’S|—|–",
      "(?<=[0-9])\\+",
      "(?<=°[FfCcKk])\\.",
      "(?<=[0-9])(?:" + CURRENCY + ")",
      "(?<=[0-9])(?:" + UNITS + ")",
      "(?<=[0-9\\p{Ll}%²\\-+" + PUNCT_CHARS + QUOTE_CHARS + "])\\.",
      "(?<=\\p{Lu}\\p{Lu})\\."
    };
    StringBuilder sb = new StringBuilder("(?:");
    for (int i = 0; i < alts.length; i++) {
      sb.append(i == 0 ? "" : "|").append("(?:").append(alts[i]).append(")$");
    }
    return sb.append(')').toString();
  }

  /** The tokens of a text, in order. */
  public List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    boolean inWs = n > 0 && isSpace(text.charAt(0));
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (isSpace(c) != inWs) {
        if (start < i) {
          span(text.substring(start, i), inWs, out);
        }
        start = c == ' ' ? i + 1 : i;
        inWs = !inWs;
      }
    }
    if (start < n) {
      span(text.substring(start), inWs, out);
    }
    return out;
  }

  /** Python's {@code str.isspace} for one char (no-break spaces included). */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  private void span(String s, boolean whitespace, List<String> out) {
    if (whitespace) {
      out.add(s);
    } else {
      word(s, out);
    }
  }

  /** One piece without whitespace: exceptions, then prefixes/suffixes, URL, infixes. */
  private void word(String s, List<String> out) {
    List<String> special = TokenizerExceptions.get(s);
    if (special != null) {
      out.addAll(special);
      return;
    }
    if (plain(s)) {
      out.add(s);
      return;
    }
    List<String> prefixes = new ArrayList<>();
    Deque<String> suffixes = new ArrayDeque<>();
    String rest = s;
    int lastSize = -1;
    while (!rest.isEmpty() && rest.length() != lastSize) {
      if (plain(rest) || TokenizerExceptions.get(rest) != null || isUrl(rest)) {
        break;
      }
      lastSize = rest.length();
      int pre = prefixLength(rest);
      if (pre > 0) {
        String minusPre = rest.substring(pre);
        if (!minusPre.isEmpty() && TokenizerExceptions.get(minusPre) != null) {
          prefixes.add(rest.substring(0, pre));
          rest = minusPre;
          break;
        }
      }
      int suf = suffixLength(rest.substring(pre));
      if (suf > 0) {
        String minusSuf = rest.substring(0, rest.length() - suf);
        if (!minusSuf.isEmpty() && TokenizerExceptions.get(minusSuf) != null) {
          suffixes.push(rest.substring(rest.length() - suf));
          rest = minusSuf;
          break;
        }
      }
      if (pre > 0 && suf > 0 && pre + suf <= rest.length()) {
        prefixes.add(rest.substring(0, pre));
        suffixes.push(rest.substring(rest.length() - suf));
        rest = rest.substring(pre, rest.length() - suf);
      } else if (pre > 0) {
        prefixes.add(rest.substring(0, pre));
        rest = rest.substring(pre);
      } else if (suf > 0) {
        suffixes.push(rest.substring(rest.length() - suf));
        rest = rest.substring(0, rest.length() - suf);
      }
    }
    out.addAll(prefixes);
    if (!rest.isEmpty()) {
      middle(rest, out);
    }
    out.addAll(suffixes);
  }

  private void middle(String s, List<String> out) {
    List<String> special = TokenizerExceptions.get(s);
    if (special != null) {
      out.addAll(special);
      return;
    }
    if (plain(s)) {
      out.add(s);
      return;
    }
    if (isUrl(s)) {
      out.add(s);
      return;
    }
    Matcher m = INFIX.matcher(s);
    int start = 0;
    while (m.find()) {
      if (m.start() > start) {
        out.add(s.substring(start, m.start()));
      }
      if (m.end() > m.start()) {
        out.add(m.group());
      }
      start = m.end();
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
  }

  private static int prefixLength(String s) {
    Matcher m = PREFIX.matcher(s);
    return m.lookingAt() ? m.end() : 0;
  }

  /**
   * The length of the suffix; searched only in the last characters (suffixes are short), widened to
   * the start of a final run of dots.
   */
  private static int suffixLength(String s) {
    int from = Math.max(0, s.length() - 12);
    while (from > 0 && s.charAt(from) == '.' && s.charAt(from - 1) == '.') {
      from--;
    }
    Matcher m = SUFFIX.matcher(s);
    m.region(from, s.length());
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    return m.find() ? s.length() - m.start() : 0;
  }

  /**
   * Only letters, or only digits: no rule can split it (what most words are), so the regexes are
   * skipped.
   */
  private static boolean plain(String s) {
    boolean letters = true;
    boolean digits = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      letters &= Character.isLetter(c);
      digits &= c >= '0' && c <= '9';
      if (!letters && !digits) {
        return false;
      }
    }
    return true;
  }

  /** A URL or e-mail address (only strings with a dot are tried against the pattern). */
  private static boolean isUrl(String s) {
    return s.indexOf('.') > 0 && URL.matcher(s).matches();
  }

  @Override
  public String toString() {
    return "WordTokenizer[spaCy-style English rules]";
  }
}
