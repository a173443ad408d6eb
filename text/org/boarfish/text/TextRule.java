package org.boarfish.text;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The rules a {@link Tokenizer} applies to a text before splitting it, by name (so a tokenizer's
 * settings can be saved). {@link #defaults()} is fastai's {@code defaults.text_proc_rules}.
 */
public enum TextRule {
  /** {@link TextRules#fixHtml}. */
  FIX_HTML(TextRules::fixHtml),
  /** {@link TextRules#replaceRep}. */
  REPLACE_REP(TextRules::replaceRep),
  /** {@link TextRules#replaceWrep}. */
  REPLACE_WREP(TextRules::replaceWrep),
  /** {@link TextRules#specAddSpaces}. */
  SPEC_ADD_SPACES(TextRules::specAddSpaces),
  /** {@link TextRules#rmUselessSpaces}. */
  RM_USELESS_SPACES(TextRules::rmUselessSpaces),
  /** {@link TextRules#replaceAllCaps}. */
  REPLACE_ALL_CAPS(TextRules::replaceAllCaps),
  /** {@link TextRules#replaceMaj}. */
  REPLACE_MAJ(TextRules::replaceMaj),
  /** {@link TextRules#lowercase} with {@code xxbos} (the tokenizer adds {@code xxeos} if asked). */
  LOWERCASE(t -> TextRules.lowercase(t, true, false));

  private final UnaryOperator<String> fn;

  TextRule(UnaryOperator<String> fn) {
    this.fn = fn;
  }

  /** Applies the rule. */
  public String apply(String text) {
    return fn.apply(text);
  }

  /** fastai's default rules in their order. */
  public static List<TextRule> defaults() {
    return List.of(values());
  }
}
