package org.boarfish.vision;

import org.boarfish.data.InputEncoders;
import org.boarfish.learner.ExportPlugin;

/**
 * The vision application's export plugin: registers the {@code vision_learner} and {@code
 * dynamic_unet} model factories (see {@link Vision}) and the {@link ImageInputEncoder}, so that
 * {@link org.boarfish.learner.Learner#load(java.nio.file.Path)} rebuilds a vision learner that
 * predicts on image files in a fresh JVM.
 */
public final class VisionExportPlugin implements ExportPlugin {
  /** Used by {@link java.util.ServiceLoader}. */
  public VisionExportPlugin() {}

  @Override
  public void register() {
    Vision.registerModels();
    InputEncoders.register(ImageInputEncoder.KIND, ImageInputEncoder::fromJson);
  }
}
