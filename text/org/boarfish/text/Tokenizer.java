package org.boarfish.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * fastai's text tokenizer: the {@link TextRule}s in order (by default fastai's eight, which mark
 * case with {@code xxmaj}/{@code xxup}, repetitions with {@code xxrep}/{@code xxwrep}, and put
 * {@code xxbos} first), then the {@link WordTokenizer}, then spaces inside tokens become {@code ▁}.
 *
 * <pre>{@code
 * var tok = Tokenizer.defaults();
 * tok.tokenize("This movie is GREAT!!! Don't miss it.")
 * // [xxbos, xxmaj, this, movie, is, xxup, great, xxrep, 3, !, do, n't, miss, it, .]
 * tok.tokenizeAll(texts);      // in parallel over the texts, results in the texts' order
 * tok.decode(tokens);          // the tokens joined with spaces
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Tokenizer {
  private final List<TextRule> rules;
  private final boolean addEos;
  private final int nWorkers;
  private final WordTokenizer words = new WordTokenizer();

  private Tokenizer(List<TextRule> rules, boolean addEos, int nWorkers) {
    this.rules = List.copyOf(rules);
    this.addEos = addEos;
    if (nWorkers < 1) {
      throw new IllegalArgumentException("nWorkers must be at least 1, got " + nWorkers);
    }
    this.nWorkers = nWorkers;
  }

  /** fastai's default rules, no {@code xxeos}, one worker per core. */
  public static Tokenizer defaults() {
    return new Tokenizer(TextRule.defaults(), false, Runtime.getRuntime().availableProcessors());
  }

  /** With these rules, in this order, instead. */
  public Tokenizer withRules(List<TextRule> rules) {
    return new Tokenizer(rules, addEos, nWorkers);
  }

  /** With or without {@code xxeos} at the end of each text. */
  public Tokenizer withAddEos(boolean addEos) {
    return new Tokenizer(rules, addEos, nWorkers);
  }

  /** With this many threads for {@link #tokenizeAll} (1: in the calling thread). */
  public Tokenizer withWorkers(int nWorkers) {
    return new Tokenizer(rules, addEos, nWorkers);
  }

  /** The rules, in order. */
  public List<TextRule> rules() {
    return rules;
  }

  /** Whether texts end with {@code xxeos}. */
  public boolean addEos() {
    return addEos;
  }

  /** The threads {@link #tokenizeAll} uses. */
  public int nWorkers() {
    return nWorkers;
  }

  /** The tokens of one text. */
  public List<String> tokenize(String text) {
    String t = text;
    for (TextRule r : rules) {
      t = r.apply(t);
    }
    if (addEos) {
      t = t + " " + SpecialTokens.EOS;
    }
    List<String> toks = words.tokenize(t);
    for (int i = 0; i < toks.size(); i++) {
      String s = toks.get(i);
      if (s.indexOf(' ') >= 0) {
        toks.set(i, TextRules.replaceSpace(s));
      }
    }
    return toks;
  }

  /**
   * The tokens of every text, computed on {@link #nWorkers()} threads; the result is in the texts'
   * order whatever the number of threads.
   */
  public List<List<String>> tokenizeAll(List<String> texts) {
    if (nWorkers == 1 || texts.size() < 2) {
      List<List<String>> out = new ArrayList<>(texts.size());
      for (String t : texts) {
        out.add(tokenize(t));
      }
      return out;
    }
    ForkJoinPool pool = new ForkJoinPool(nWorkers);
    try {
      return pool.submit(
              () ->
                  IntStream.range(0, texts.size())
                      .parallel()
                      .mapToObj(i -> tokenize(texts.get(i)))
                      .toList())
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tokenizing was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("tokenizing failed", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** The tokens joined with single spaces (fastai's {@code decodes}). */
  public String decode(List<String> tokens) {
    return String.join(" ", tokens);
  }

  /**
   * The tokens as a person reads them (fastai's {@code decode_spec_tokens}): {@code xxmaj}
   * capitalises the next token, {@code xxup} upper-cases it, {@code xxrep n c} and {@code xxwrep n
   * w} repeat; then joined with spaces.
   */
  public static String decodeSpec(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean hasNext = i + 1 < tokens.size();
      if (t.equals(SpecialTokens.MAJ) && hasNext) {
        String w = tokens.get(++i);
        out.add(w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1));
      } else if (t.equals(SpecialTokens.UP) && hasNext) {
        out.add(tokens.get(++i).toUpperCase(Locale.ROOT));
      } else if ((t.equals(SpecialTokens.REP) || t.equals(SpecialTokens.WREP))
          && i + 2 < tokens.size()
          && tokens.get(i + 1).matches("\\d{1,4}")) {
        int n = Integer.parseInt(tokens.get(i + 1));
        String w = tokens.get(i + 2);
        i += 2;
        if (t.equals(SpecialTokens.REP)) {
          out.add(w.repeat(n));
        } else {
          for (int k = 0; k < n; k++) {
            out.add(w);
          }
        }
      } else {
        out.add(t);
      }
    }
    return String.join(" ", out);
  }

  /** The settings as JSON ({@code rules}, {@code addEos}). */
  public JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    var arr = o.putArray("rules");
    for (TextRule r : rules) {
      arr.add(r.name());
    }
    o.put("addEos", addEos);
    return o;
  }

  /** A tokenizer from {@link #toJson()}; an error naming an unknown rule. */
  public static Tokenizer fromJson(JsonNode json) {
    List<TextRule> rules = new ArrayList<>();
    for (JsonNode r : json.path("rules")) {
      try {
        rules.add(TextRule.valueOf(r.asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown text rule '" + r.asText() + "'; known: " + List.of(TextRule.values()), e);
      }
    }
    return defaults().withRules(rules).withAddEos(json.path("addEos").asBoolean(false));
  }

  @Override
  public String toString() {
    return "Tokenizer[rules " + rules + (addEos ? ", xxeos" : "") + ", " + nWorkers + " workers]";
  }
}
