package org.boarfish.tabular;

import org.boarfish.data.InputEncoders;
import org.boarfish.learner.ExportPlugin;

/**
 * Lets {@code Learner.load} rebuild exported tabular learners in a fresh JVM: registers the {@value
 * Tabular#MODEL} model factory and the {@value TabularEncoder#KIND} input encoder. Listed in {@code
 * tabular/META-INF/services/org.boarfish.learner.ExportPlugin}.
 */
public final class TabularExportPlugin implements ExportPlugin {
  /** Made by {@link java.util.ServiceLoader}. */
  public TabularExportPlugin() {}

  @Override
  public void register() {
    Tabular.register();
    InputEncoders.register(TabularEncoder.KIND, TabularEncoder::fromJson);
  }
}
