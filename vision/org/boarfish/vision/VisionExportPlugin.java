package org.boarfish.vision;

import org.boarfish.learner.ExportPlugin;

/**
 * The vision application's export plugin: registers the {@code vision_learner} and {@code
 * dynamic_unet} model factories (see {@link Vision}) so that {@link
 * org.boarfish.learner.Learner#load(java.nio.file.Path)} rebuilds vision models in a fresh JVM. The
 * image input encoder is registered here too once the data half provides it.
 */
public final class VisionExportPlugin implements ExportPlugin {
  /** Used by {@link java.util.ServiceLoader}. */
  public VisionExportPlugin() {}

  @Override
  public void register() {
    Vision.registerModels();
  }
}
