package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The word tokenizer on tricky sentences, with the exact tokens expected. Where spaCy 3's blank
 * English tokenizer gives something else, the comment says what.
 */
class TokenizerTest {
  private final WordTokenizer w = new WordTokenizer();

  private void check(String text, String... expected) {
    assertEquals(List.of(expected), w.tokenize(text), text);
  }

  @Test
  void contractions() {
    check("Don't stop", "Do", "n't", "stop");
    check("I can't, won't, shan't", "I", "ca", "n't", ",", "wo", "n't", ",", "sha", "n't");
    check(
        "it's they're we've I'm you'll he'd",
        "it",
        "'s",
        "they",
        "'re",
        "we",
        "'ve",
        "I",
        "'m",
        "you",
        "'ll",
        "he",
        "'d");
    check("dont cannot gonna gotta", "do", "nt", "can", "not", "gon", "na", "got", "ta");
    // also once punctuation is peeled off
    check("(gonna, dont!)", "(", "gon", "na", ",", "do", "nt", "!", ")");
    check("John's dog isn't James'", "John", "'s", "dog", "is", "n't", "James", "'");
    // spaCy: the same; "o'clock" and "y'all" are kept whole by its exceptions too
    check("at 5 o'clock", "at", "5", "o'clock");
  }

  @Test
  void punctuationAndQuotes() {
    check("\"Hello,\" she said.", "\"", "Hello", ",", "\"", "she", "said", ".");
    check("(it's a rip-off)...", "(", "it", "'s", "a", "rip", "-", "off", ")", "...");
    check("Really?! Yes!!", "Really", "?", "!", "Yes", "!", "!");
    check("hello...world\u2026 yes", "hello", "...", "world", "\u2026", "yes");
    check("'Great' movie", "'", "Great", "'", "movie");
    check("end.)", "end", ".", ")");
  }

  @Test
  void numbersAndUnits() {
    check("$5.99 or 1,000,000 or -5", "$", "5.99", "or", "1,000,000", "or", "-5");
    check("grew 3.5% in 2019,", "grew", "3.5", "%", "in", "2019", ",");
    check("10km 3-4 5+6", "10", "km", "3", "-", "4", "5", "+", "6");
    check("the 1990s", "the", "1990s");
  }

  @Test
  void urlsEmailsAbbreviations() {
    check(
        "Visit https://www.example.com/path?q=1 today.",
        "Visit",
        "https://www.example.com/path?q=1",
        "today",
        ".");
    check("mail john.doe@example.com!", "mail", "john.doe@example.com", "!");
    check("(see www.fast.ai).", "(", "see", "www.fast.ai", ")", ".");
    check("e.g. the U.S. and i.e. Mr. Smith", "e.g.", "the", "U.S.", "and", "i.e.", "Mr.", "Smith");
  }

  @Test
  void hyphensInfixesEmoticons() {
    check(
        "well-known state-of-the-art",
        "well",
        "-",
        "known",
        "state",
        "-",
        "of",
        "-",
        "the",
        "-",
        "art");
    check("a--b x,y", "a", "--", "b", "x", ",", "y");
    check("great :) <3 :-(", "great", ":)", "<3", ":-(");
    // spaCy keeps "hi:)" as "hi", ":)" too? No: it peels ")" then ":" as suffixes: hi : )
    check("hi:)", "hi", ":", ")");
  }

  @Test
  void whitespaceRunsBecomeTokens() {
    // spaCy: a single space separates; other whitespace runs (and extra spaces) are tokens
    check("a  b\n\nc", "a", " ", "b", "\n\n", "c");
    // leading whitespace: no word before it to attach a space to, so the whole run is a token
    check("  lead", "  ", "lead");
  }

  @Test
  void fullTokenizerAppliesRulesThenWords() {
    Tokenizer t = Tokenizer.defaults();
    assertEquals(
        List.of(
            "xxbos", "xxmaj", "this", "movie", "is", "xxup", "great", "xxrep", "3", "!", "xxmaj",
            "do", "n't", "miss", "it", "."),
        t.tokenize("This movie is GREAT!!! Don't miss it."));
    assertEquals(
        List.of(
            "xxbos", "i", "loved", "it", "\n\n", "xxmaj", "the", "xxup", "end", ".", "xxwrep", "4",
            "ha"),
        t.tokenize("I loved it<br /><br />The END. ha ha ha ha"));
    // fastai's spec_add_spaces cuts URLs at '/' before the word tokenizer sees them
    assertEquals(
        List.of("xxbos", "#", "fastai", ",", "see", "http", ":", "/", "/", "fast.ai", "/"),
        t.tokenize("#fastai, see http://fast.ai/"));
    assertEquals(List.of("xxbos", "hi", "xxeos"), t.withAddEos(true).tokenize("hi"));
    // a space inside a token becomes U+2581 (here the extra space of a run left by a rule-less
    // tokenizer)
    assertEquals(List.of("a", "\u2581", "b"), t.withRules(List.of()).tokenize("a  b"));
  }

  @Test
  void parallelGivesTheSameTokensInOrder() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("Text number " + i + " is " + "GOOD ".repeat(i % 4) + "ok!!!");
    }
    Tokenizer t = Tokenizer.defaults();
    List<List<String>> seq = t.withWorkers(1).tokenizeAll(texts);
    List<List<String>> par = t.withWorkers(4).tokenizeAll(texts);
    assertEquals(seq, par);
    assertEquals(t.tokenize(texts.get(7)), par.get(7));
  }

  @Test
  void decodeJoinsAndDecodeSpecRestores() {
    Tokenizer t = Tokenizer.defaults();
    List<String> toks = t.tokenize("This is GREAT!!! ha ha ha");
    assertEquals("xxbos xxmaj this is xxup great xxrep 3 ! xxwrep 3 ha", t.decode(toks));
    assertEquals("xxbos This is GREAT !!! ha ha ha", Tokenizer.decodeSpec(toks));
  }

  @Test
  void settingsRoundTripThroughJson() {
    Tokenizer t =
        Tokenizer.defaults()
            .withRules(List.of(TextRule.FIX_HTML, TextRule.LOWERCASE))
            .withAddEos(true);
    Tokenizer back = Tokenizer.fromJson(t.toJson());
    assertEquals(t.rules(), back.rules());
    assertEquals(true, back.addEos());
  }
}
