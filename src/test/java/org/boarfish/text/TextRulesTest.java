package org.boarfish.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** fastai's documented examples of each rule (fastai.text.core), one by one. */
class TextRulesTest {
  @Test
  void fixHtml() {
    assertEquals("'bli'", TextRules.fixHtml("#39;bli#146;"));
    assertEquals("Sarah & Duck \u2026", TextRules.fixHtml("Sarah amp; Duck..."));
    assertEquals("a   $", TextRules.fixHtml("a nbsp; #36;"));
    assertEquals("\" xxunk", TextRules.fixHtml("\\\" <unk>"));
    assertEquals("' .-", TextRules.fixHtml("quot;  @.@  @-@ "));
    assertEquals("\ntext\nfoo", TextRules.fixHtml("<br />text\\nfoo"));
    // then HTML character references, as Python's html.unescape
    assertEquals(
        "caf\u00e9 <b> \u2014 A", TextRules.fixHtml("caf&eacute; &lt;b&gt; &#8212; &#x41;"));
  }

  @Test
  void replaceRep() {
    assertEquals(" xxrep 6 a ", TextRules.replaceRep("aaaaaa"));
    assertEquals("I'm so excited xxrep 7 ! ", TextRules.replaceRep("I'm so excited!!!!!!!"));
    assertEquals("aa", TextRules.replaceRep("aa"));
    assertEquals(" xxrep 3 $ ", TextRules.replaceRep("$$$"));
  }

  @Test
  void replaceWrep() {
    assertEquals("ah ah", TextRules.replaceWrep("ah ah"));
    assertEquals(" xxwrep 3 ah ", TextRules.replaceWrep("ah ah ah"));
    assertEquals(" xxwrep 4 ah ", TextRules.replaceWrep("ah ah ah ah"));
    assertEquals(" xxwrep 4 ah  ", TextRules.replaceWrep(" ah ah ah ah "));
    assertEquals(" xxwrep 3 ah .", TextRules.replaceWrep("ah ah ah."));
    assertEquals("ah ah ahi", TextRules.replaceWrep("ah ah ahi"));
    assertEquals(
        "I'm so xxwrep 3 excited  now",
        TextRules.replaceWrep("I'm so excited excited excited now"));
  }

  @Test
  void specAddSpacesAndUselessSpaces() {
    assertEquals(" # fastai", TextRules.specAddSpaces("#fastai"));
    assertEquals(" / fastai", TextRules.specAddSpaces("/fastai"));
    assertEquals(" \\ fastai", TextRules.specAddSpaces("\\fastai"));
    assertEquals("a b c", TextRules.rmUselessSpaces("a  b   c"));
    assertEquals("a\n\nb", TextRules.rmUselessSpaces("a\n\nb"));
  }

  @Test
  void caseRules() {
    assertEquals("xxup i'm xxup shouting", TextRules.replaceAllCaps("I'M SHOUTING"));
    assertEquals("I'm speaking normally", TextRules.replaceAllCaps("I'm speaking normally"));
    assertEquals("i am speaking normally", TextRules.replaceAllCaps("I am speaking normally"));
    assertEquals("xxmaj jeremy xxmaj howard", TextRules.replaceMaj("Jeremy Howard"));
    assertEquals(
        "i don't think there is any maj here",
        TextRules.replaceMaj("I don't think there is any maj here"));
    assertEquals("xxbos hello world", TextRules.lowercase("  Hello World ", true, false));
    assertEquals("xxbos hi xxeos", TextRules.lowercase("HI", true, true));
    assertEquals("a\u2581b", TextRules.replaceSpace("a b"));
  }

  @Test
  void rulesRunInFastaisOrder() {
    assertEquals(
        java.util.List.of(
            TextRule.FIX_HTML,
            TextRule.REPLACE_REP,
            TextRule.REPLACE_WREP,
            TextRule.SPEC_ADD_SPACES,
            TextRule.RM_USELESS_SPACES,
            TextRule.REPLACE_ALL_CAPS,
            TextRule.REPLACE_MAJ,
            TextRule.LOWERCASE),
        TextRule.defaults());
    String s = "<br />WOW!!!! Jeremy's #1";
    String t = s;
    for (TextRule r : TextRule.defaults()) {
      t = r.apply(t);
    }
    assertEquals("xxbos xxup wow xxrep 4 ! xxmaj jeremy's # 1", t);
  }
}
