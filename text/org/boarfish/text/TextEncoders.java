package org.boarfish.text;

import org.boarfish.data.InputEncoders;

/**
 * Registers the text application's input encoders with {@link InputEncoders}, so that an exported
 * text learner rebuilds its {@link TextEncoder} when loaded. Text's export plugin calls {@link
 * #register()}; {@link TextDataLoaders} calls it too, so exports load in the same JVM.
 */
public final class TextEncoders {
  private TextEncoders() {}

  /** Registers {@link TextEncoder#fromJson} under {@link TextEncoder#KIND} ("text"). */
  public static void register() {
    InputEncoders.register(TextEncoder.KIND, TextEncoder::fromJson);
  }
}
