package org.boarfish.io;

import java.nio.file.Path;

/**
 * A weight file that cannot be read: malformed, truncated, inconsistent, or (for {@code .pth})
 * asking to run code. The message names the file, the tensor or entry at fault and what is wrong
 * with it.
 */
public final class WeightFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * An error about {@code file}; {@code message} is the whole message, which should name the file.
   */
  public WeightFileException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** An error about {@code file} caused by a lower-level failure. */
  public WeightFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
