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
    var it = ServiceLoader.load(ExportPlugin.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        it.next().register();
      } catch (ServiceConfigurationError | RuntimeException e) {
        // one broken or absent application must not stop the others from registering
        LOG.warn("an export plugin failed to register: {}", e.toString());
      }
    }
  }
}
