package org.boarfish.data;

import java.nio.file.Path;

/**
 * A dataset could not be downloaded, verified or extracted. The message names the URL, the cause,
 * and the folder where the extracted files can be put by hand; {@link #url()} and {@link #folder()}
 * give the same two facts to code.
 */
public class DownloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final transient Path folder;

  public DownloadException(String message, String url, Path folder, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.folder = folder;
  }

  public DownloadException(String message, String url, Path folder) {
    this(message, url, folder, null);
  }

  /** The address that failed. */
  public String url() {
    return url;
  }

  /** Where the extracted dataset was expected: put the files there by hand to work offline. */
  public Path folder() {
    return folder;
  }
}
