package org.boarfish.vision;

import java.nio.file.Path;

/**
 * An image file that could not be read: missing, corrupt, truncated or in a format no installed
 * ImageIO reader knows. The message names the file and the reason.
 */
public final class ImageReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /** An error reading {@code file}. */
  public ImageReadException(Path file, String reason, Throwable cause) {
    super("cannot read image " + file + ": " + reason, cause);
    this.file = file;
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }
}
