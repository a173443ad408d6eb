package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable text from tokens: hand-made token lists, and sentences sent through the tokenizer. */
class DetokenizerTest {
  private static String words(String... tokens) {
    return Detokenizer.words(List.of(tokens));
  }

  @Test
  void specialTokensAreAppliedOrDropped() {
    assertEquals(
        "This is GREAT fun",
        words("xxbos", "xxmaj", "this", "is", "xxup", "great", "fun", "xxeos", "xxpad"));
    assertEquals("Wow!!!! ha ha ha", words("xxmaj", "wow", "xxrep", "4", "!", "xxwrep", "3", "ha"));
    assertEquals("a", words("a", "xxmaj"), "a marker with nothing after it is dropped");
    assertEquals("xxunk is kept", words("xxmaj", "xxunk", "is", "kept"));
    assertEquals("two words", words("two▁words"));
  }

  @Test
  void noSpaceBeforePunctuationAndSuffixes() {
    assertEquals(
        "I don't know, but it's good. Really?! Yes: 5%",
        words(
            "xxmaj", "i", "do", "n't", "know", ",", "but", "it", "'s", "good", ".", "xxmaj",
            "really", "?!", "xxmaj", "yes", ":", "5", "%"));
    assertEquals(
        "We can't, won't, and we're gonna wait…",
        words(
            "xxmaj", "we", "ca", "n't", ",", "wo", "n't", ",", "and", "we", "'re", "gon", "na",
            "wait", "…"));
  }

  @Test
  void bracketsQuotesHyphensAndLineBreaks() {
    assertEquals(
        "He said \"hi\" (twice) to the well-known critics' table",
        words(
            "xxmaj", "he", "said", "\"", "hi", "\"", "(", "twice", ")", "to", "the", "well", "-",
            "known", "critics", "'", "table"));
    assertEquals("a 'quoted' word and $5", words("a", "'", "quoted", "'", "word", "and", "$", "5"));
    assertEquals("End.\n\nNext", words("xxmaj", "end", ".", "\n\n", "xxmaj", "next"));
  }

  @Test
  void tokenizedSentencesComeBack() {
    Tokenizer tok = Tokenizer.defaults();
    for (String s :
        List.of(
            "We didn't like it, but Meg Ryan's acting was fine.",
            "Un-bleeping-believable! Kevin Kline: what a trip.",
            "THE SHOP AROUND THE CORNER is great (really) - \"the best\" ever!!!",
            "Plain dash-free text, no tricks.",
            "We're gonna watch it again; it's 100% worth it.")) {
      String back = Detokenizer.words(tok.tokenize(s));
      assertEquals(s, back, "tokens " + tok.tokenize(s));
    }
  }

  @Test
  void aPrefixDecodesToAPrefix() {
    List<String> t = Tokenizer.defaults().tokenize("Well - \"it's\" fine, isn't it? (Yes) ... wow");
    String whole = Detokenizer.words(t);
    for (int i = 0; i <= t.size(); i++) {
      String head = Detokenizer.words(t.subList(0, i));
      assertTrue(whole.startsWith(head), head + " | " + whole);
    }
  }

  @Test
  void characterLevel() {
    assertEquals(
        "ROMEO:\nI am",
        Detokenizer.chars(List.of("R", "O", "M", "E", "O", ":", "\n", "I", " ", "a", "m")));
    assertEquals("Hi", Detokenizer.chars(List.of("xxbos", "xxmaj", "h", "i")));
    assertTrue(
        Detokenizer.isCharLevel(
            new Vocab(List.of("xxunk", "xxpad", "xxbos", "a", "b", " ", "\n"))));
    assertFalse(Detokenizer.isCharLevel(new Vocab(List.of("xxunk", "xxpad", "a", "bc"))));
  }
}
