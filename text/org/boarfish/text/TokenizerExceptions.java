package org.boarfish.text;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whole strings the English word tokenizer splits in a fixed way, as spaCy's tokenizer exceptions:
 * contractions ("don't" → "do n't", "I'm" → "I 'm", "cannot" → "can not", "gonna" → "gon na"),
 * their forms without apostrophe ("dont" → "do nt"), abbreviations kept whole ("e.g.") and
 * emoticons kept whole (":-)", "<3").
 */
final class TokenizerExceptions {
  private static final List<String> NT_VERBS =
      List.of(
          "do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "could", "should",
          "would", "must", "might", "need", "dare", "ca", "wo", "ai", "sha");
  private static final List<String> PRONOUNS = List.of("i", "you", "he", "she", "it", "we", "they");
  private static final List<String> WH =
      List.of("who", "what", "where", "when", "why", "how", "there", "that", "this");
  private static final Set<String> KEEP =
      Set.of(
          "a.m.", "p.m.", "e.g.", "i.e.", "vs.", "v.s.", "co.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.",
          "Jr.", "Sr.", "Inc.", "Ltd.", "Prof.", "Ph.D.", "U.S.", "U.K.", "o'clock", "ma'am",
          "'cause", "y'all", ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p",
          ":d", ":'(", ":/", ":-/", ":|", ":-|", "=)", "=(", "=D", "(:", "):", ":]", ":[", ":o",
          ":O", ":x", "<3", "</3", "^_^", "^^", "-_-", "o.O", "O.o", "xD", "XD", ">:(", "8)",
          "8-)");

  private static final Map<String, List<String>> TABLE = build();

  private TokenizerExceptions() {}

  /** The fixed split of a whole string, or null if it has none. */
  static List<String> get(String s) {
    return TABLE.get(s);
  }

  private static Map<String, List<String>> build() {
    Map<String, List<String>> m = new HashMap<>();
    for (String k : KEEP) {
      m.put(k, List.of(k));
    }
    for (String v : NT_VERBS) {
      String base = v.equals("ca") ? "can" : v.equals("wo") ? "won" : v.equals("sha") ? "shan" : v;
      if (v.equals("ai")) {
        base = "ain";
      }
      String stem =
          base.endsWith("n") && !v.endsWith("n") ? base.substring(0, base.length() - 1) : base;
      addCased(m, stem + "n't", stem, "n't");
      addCased(m, stem + "n\u2019t", stem, "n\u2019t");
      if (!Set.of("wo", "sha", "ai", "dare", "need").contains(v)) {
        addCased(m, stem + "nt", stem, "nt");
      }
    }
    for (String p : PRONOUNS) {
      List<String> ends =
          p.equals("i")
              ? List.of("m", "d", "ll", "ve")
              : Set.of("he", "she", "it").contains(p)
                  ? List.of("s", "d", "ll")
                  : List.of("re", "d", "ll", "ve");
      for (String e : ends) {
        addCased(m, p + "'" + e, p, "'" + e);
        addCased(m, p + "\u2019" + e, p, "\u2019" + e);
      }
    }
    addCased(m, "im", "i", "m");
    addCased(m, "ive", "i", "ve");
    for (String p : List.of("you", "we", "they")) {
      addCased(m, p + "re", p, "re");
      addCased(m, p + "ve", p, "ve");
    }
    for (String w : WH) {
      for (String e : List.of("re", "ve", "ll", "d")) {
        addCased(m, w + "'" + e, w, "'" + e);
      }
    }
    addCased(m, "cannot", "can", "not");
    addCased(m, "gonna", "gon", "na");
    addCased(m, "gotta", "got", "ta");
    addCased(m, "let's", "let", "'s");
    return Map.copyOf(m);
  }

  /** Lower, Title and UPPER case forms of an exception. */
  private static void addCased(Map<String, List<String>> m, String whole, String a, String b) {
    m.putIfAbsent(whole, List.of(a, b));
    m.putIfAbsent(title(whole), List.of(title(a), b));
    m.putIfAbsent(
        whole.toUpperCase(Locale.ROOT),
        List.of(a.toUpperCase(Locale.ROOT), b.toUpperCase(Locale.ROOT)));
  }

  private static String title(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
