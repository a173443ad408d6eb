package org.boarfish.vision;

import java.nio.file.Path;

/** Where the vision tests find their data: test resources and ../shared/data. */
final class VisionFiles {
  private VisionFiles() {}

  static Path resource(String name) {
    try {
      return Path.of(VisionFiles.class.getResource("/vision/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource vision/" + name, e);
    }
  }

  static Path shared(String dataset) {
    return Path.of(System.getProperty("boarfish.shared", "../shared"), "data", dataset);
  }
}
