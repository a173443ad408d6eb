package org.boarfish.learner;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every {@link ExportPlugin} on the class path once, before an export is read. */
final class ExportPlugins {
  private static final Logger LOG = LoggerFactory.getLogger(ExportPlugins.class);
  private static boolean loaded;

  private ExportPlugins() {}

  static synchronized void loadOnce() {
    if (loaded) {
      return;
    }
    loaded = true;
    ServiceLoader<ExportPlugin> plugins = ServiceLoader.load(ExportPlugin.class);
    for (ServiceLoader.Provider<ExportPlugin> p : plugins.stream().toList()) {
      try {
        p.get().register();
      } catch (ServiceConfigurationError | RuntimeException e) {
        LOG.warn("export plugin {} failed to register: {}", p.type().getName(), e.toString());
      }
    }
  }
}
