package org.boarfish.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML character references to characters, like Python's {@code html.unescape} (common names). */
final class HtmlEntities {
  private static final Pattern REF = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);?");
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", "\u00a0"),
          Map.entry("copy", "\u00a9"),
          Map.entry("reg", "\u00ae"),
          Map.entry("trade", "\u2122"),
          Map.entry("hellip", "\u2026"),
          Map.entry("mdash", "\u2014"),
          Map.entry("ndash", "\u2013"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("laquo", "\u00ab"),
          Map.entry("raquo", "\u00bb"),
          Map.entry("eacute", "\u00e9"),
          Map.entry("egrave", "\u00e8"),
          Map.entry("agrave", "\u00e0"),
          Map.entry("aacute", "\u00e1"),
          Map.entry("ouml", "\u00f6"),
          Map.entry("uuml", "\u00fc"),
          Map.entry("auml", "\u00e4"),
          Map.entry("ccedil", "\u00e7"),
          Map.entry("deg", "\u00b0"),
          Map.entry("pound", "\u00a3"),
          Map.entry("euro", "\u20ac"),
          Map.entry("cent", "\u00a2"),
          Map.entry("yen", "\u00a5"),
          Map.entry("sect", "\u00a7"),
          Map.entry("middot", "\u00b7"),
          Map.entry("times", "\u00d7"),
          Map.entry("frac12", "\u00bd"));

  private HtmlEntities() {}

  /** The text with character references replaced; unknown names are left as they are. */
  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder sb = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(resolve(m.group(1), m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String resolve(String ref, String whole) {
    if (ref.charAt(0) == '#') {
      try {
        boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
        int cp = Integer.parseInt(ref.substring(hex ? 2 : 1), hex ? 16 : 10);
        return Character.isValidCodePoint(cp) && cp != 0 ? Character.toString(cp) : "\ufffd";
      } catch (NumberFormatException e) {
        return "\ufffd";
      }
    }
    String v = NAMED.get(ref);
    return v == null ? whole : v;
  }
}
