package org.boarfish.data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address of a downloadable archive ({@code .tgz}, {@code .tar.gz}, {@code .tar} or {@code
 * .zip}) and what is known about it. {@code size} (bytes) and {@code sha256} (lower-case hex) are
 * {@code null} when unknown, and then not checked. {@code stem} names the extracted folder: {@code
 * <cache>/data/<stem>}.
 *
 * <pre>{@code
 * var url = DatasetUrl.of("https://example.org/files/birds.tgz").withSha256("9f86d0...");
 * var path = Downloads.untar(url);     // ~/.boarfish/data/birds
 * }</pre>
 */
public record DatasetUrl(String name, String url, Long size, String sha256, String stem) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String[] SUFFIXES = {".tar.gz", ".tgz", ".tar", ".zip"};

  public DatasetUrl {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, got " + quote(name));
    }
    fileName(url); // validates the address
    if (size != null && size < 0) {
      throw new IllegalArgumentException(
          "size must be a byte count >= 0 or null (unknown), got " + size);
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "sha256 must be 64 hex digits or null (unknown), got " + quote(sha256) + " for " + url);
      }
    }
    if (!isPlainName(stem)) {
      throw new IllegalArgumentException(
          "stem must be a plain folder name (no '/', '\\', '.' or '..'), got "
              + quote(stem)
              + " for "
              + url);
    }
  }

  /**
   * An archive with nothing known about it: the name and the stem come from the file name in the
   * URL.
   */
  public static DatasetUrl of(String url) {
    String file = fileName(url);
    return new DatasetUrl(file, url, null, null, stemOf(file));
  }

  /** The same archive with a known size in bytes. */
  public DatasetUrl withSize(long bytes) {
    return new DatasetUrl(name, url, bytes, sha256, stem);
  }

  /** The same archive with a known SHA-256 (64 hex digits). */
  public DatasetUrl withSha256(String hex) {
    return new DatasetUrl(name, url, size, hex, stem);
  }

  /**
   * The last segment of the URL path, e.g. {@code mnist_sample.tgz}: the archive's name in {@code
   * <cache>/archive}.
   */
  public String fileName() {
    return fileName(url);
  }

  /**
   * {@code mnist_sample.tgz} gives {@code mnist_sample}; {@code ml-100k.zip} gives {@code ml-100k}.
   */
  public static String stemOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String suffix : SUFFIXES) {
      if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }

  @Override
  public String toString() {
    return "DatasetUrl[" + name + " " + url + (size == null ? "" : ", " + size + " bytes") + "]";
  }

  private static String fileName(String url) {
    if (url == null) {
      throw new IllegalArgumentException("url must not be null");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "url is not a valid URI: " + quote(url) + " (" + e.getMessage() + ")", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "url must start with http:// or https://, got " + quote(url));
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (!isPlainName(file)) {
      throw new IllegalArgumentException(
          "url must end with an archive file name such as data.tgz, got " + quote(url));
    }
    return file;
  }

  private static boolean isPlainName(String s) {
    return s != null
        && !s.isBlank()
        && !s.equals(".")
        && !s.equals("..")
        && s.indexOf('/') < 0
        && s.indexOf('\\') < 0
        && s.indexOf('\0') < 0;
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
