package org.boarfish.vision;

import org.boarfish.data.InputEncoders;
import org.boarfish.learner.ExportPlugin;

/**
 * Registers vision's data side for loading exports: the {@link ImageInputEncoder}. Listed in {@code
 * vision/META-INF/services/org.boarfish.learner.ExportPlugin}.
 */
public final class VisionExportPlugin implements ExportPlugin {
  @Override
  public void register() {
    InputEncoders.register(ImageInputEncoder.KIND, ImageInputEncoder::fromJson);
  }
}
