package org.boarfish.text;

import org.boarfish.learner.ExportPlugin;

/**
 * Registers the text application's model factories ({@link TextModels#LM}, {@link TextModels#CLAS})
 * and its input encoder ({@link TextEncoders}), so that {@code Learner.load} rebuilds exported text
 * learners in a fresh JVM.
 */
public final class TextExportPlugin implements ExportPlugin {
  @Override
  public void register() {
    TextModels.register();
    TextEncoders.register();
  }
}
