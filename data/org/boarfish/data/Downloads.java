package org.boarfish.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * fastai's {@code untar_data}: {@code var path = Downloads.untar(URLs.MNIST_SAMPLE);} returns the
 * extracted dataset folder, downloading and extracting it on first use.
 *
 * <ul>
 *   <li>A folder that already exists is returned at once, with no network at all.
 *   <li>Otherwise the archive is downloaded into {@code <cache>/archive} (a progress bar on
 *       stderr), its size and SHA-256 checked when known, and it is extracted beside the target and
 *       renamed into place in one atomic step: a crash never leaves a half-extracted folder under
 *       the final name, and leftovers are deleted, never resumed.
 *   <li>An archive already in {@code <cache>/archive} is extracted without downloading.
 *   <li>Failures throw {@link DownloadException} naming the URL, the cause, and the folder to fill
 *       by hand.
 * </ul>
 *
 * See {@link DataCache} for the cache location and {@link Archives} for the extraction safety
 * rules.
 */
public final class Downloads {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Time allowed until the response headers arrive; the body may then take as long as it needs. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private static final String USER_AGENT =
      "Boarfish (java.net.http; +https://github.com/fastai/fastai datasets)";

  private static volatile HttpClient client;

  private Downloads() {}

  /** The dataset folder {@code <cache>/data/<stem>}, downloaded and extracted if missing. */
  public static Path untar(DatasetUrl url) {
    return untar(url, DataCache.defaults());
  }

  /** The same, in an explicit cache. */
  public static Path untar(DatasetUrl url, DataCache cache) {
    return fetch(url, cache, cache.dataPath(url));
  }

  /**
   * {@code folder} if it exists (no network at all); otherwise the dataset is downloaded (the
   * archive kept in the cache) and extracted to exactly {@code folder}.
   */
  public static Path untar(DatasetUrl url, Path folder) {
    return fetch(url, DataCache.defaults(), folder.toAbsolutePath().normalize());
  }

  /** Any archive address; nothing is known about its size or checksum. */
  public static Path untar(String url) {
    return untar(DatasetUrl.of(url));
  }

  /** Any archive address, extracted to {@code folder} unless that exists already. */
  public static Path untar(String url, Path folder) {
    return untar(DatasetUrl.of(url), folder);
  }

  /**
   * A single file that is used as is (model weights, not an archive) at {@code target}: returned at
   * once when it exists, else downloaded into a temporary file, its size and SHA-256 checked when
   * {@code url} knows them, and renamed to {@code target}. Failures throw {@link
   * DownloadException}; callers that know a better remedy wrap it.
   */
  public static Path file(DatasetUrl url, DataCache cache, Path target) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    try (DataCache.Held lock = cache.lock(url)) {
      if (Files.isRegularFile(target)) {
        return target;
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      download(url, cache, target, target);
      return target;
    } catch (IOException e) {
      throw failure(url, cache, target, "could not prepare the cache folders: " + reason(e), e);
    }
  }

  static Path fetch(DatasetUrl url, DataCache cache, Path folder) {
    if (Files.isDirectory(folder)) {
      return folder;
    }
    if (Files.exists(folder)
        && !Files.isDirectory(folder)) { // re-checked: another thread may have just finished
      throw failure(
          url,
          cache,
          folder,
          folder + " exists but is not a folder; remove it or pass another path",
          null);
    }
    try (DataCache.Held lock = cache.lock(url)) {
      if (Files.isDirectory(folder)) {
        return folder; // another thread or process finished it while we waited
      }
      Files.createDirectories(folder.getParent());
      cache.deleteLeftovers(url, folder);
      return downloadAndExtract(url, cache, folder);
    } catch (IOException e) {
      throw failure(url, cache, folder, "could not prepare the cache folders: " + reason(e), e);
    }
  }

  private static Path downloadAndExtract(DatasetUrl url, DataCache cache, Path folder) {
    Path archive = cache.archivePath(url);
    if (Files.isRegularFile(archive)) {
      String problem = verify(url, archive);
      if (problem != null) {
        System.err.println("The cached " + archive + " " + problem + "; downloading it again.");
        DataCache.deleteQuietly(archive);
      }
    }
    boolean cached = Files.isRegularFile(archive);
    if (!cached) {
      download(url, cache, folder, archive);
    }
    try {
      extractInPlace(url, cache, archive, folder);
    } catch (UncheckedIOException e) {
      DataCache.deleteQuietly(archive); // a bad archive is never used twice
      if (!cached) {
        throw failure(
            url,
            cache,
            folder,
            "could not extract "
                + url.fileName()
                + ": "
                + e.getMessage()
                + ". The archive was deleted",
            e);
      }
      System.err.println(
          "The cached "
              + archive
              + " could not be extracted ("
              + e.getMessage()
              + "); downloading it again.");
      download(url, cache, folder, archive);
      try {
        extractInPlace(url, cache, archive, folder);
      } catch (UncheckedIOException again) {
        DataCache.deleteQuietly(archive);
        throw failure(
            url,
            cache,
            folder,
            "could not extract "
                + url.fileName()
                + ": "
                + again.getMessage()
                + ". The archive was deleted",
            again);
      }
    }
    return folder;
  }

  /** Downloads to a temporary file, checks it, then renames it to {@code archive}. */
  private static void download(DatasetUrl url, DataCache cache, Path folder, Path archive) {
    Path part = cache.newPartFile(url);
    try {
      HttpResponse<InputStream> response =
          httpClient().send(request(url), HttpResponse.BodyHandlers.ofInputStream());
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (response.statusCode() != 200) {
        response.body().close();
        throw failure(
            url, cache, folder, "the server answered HTTP " + response.statusCode(), null);
      }
      if (url.size() != null && length >= 0 && length != url.size()) {
        response.body().close();
        throw failure(url, cache, folder, sizeMismatch(url, length), null);
      }
      MessageDigest sha256 = sha256();
      long received = 0;
      long total = length >= 0 ? length : url.size() != null ? url.size() : -1;
      try (InputStream in = response.body();
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW);
          ProgressBar bar = ProgressBar.bytes(url.fileName(), total)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          sha256.update(buffer, 0, n);
          received += n;
          bar.update(received);
          if (url.size() != null && received > url.size()) {
            throw failure(url, cache, folder, sizeMismatch(url, received) + " (or more)", null);
          }
        }
        bar.finish();
      }
      if (length >= 0 && received != length) {
        throw new IOException(
            "the connection ended after " + received + " of " + length + " bytes");
      }
      String problem = check(url, received, HexFormat.of().formatHex(sha256.digest()));
      if (problem != null) {
        throw failure(url, cache, folder, "the download " + problem + "; it was deleted", null);
      }
      Files.move(
          part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw failure(url, cache, folder, reason(e, url), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(url, cache, folder, "interrupted", e);
    } finally {
      DataCache.deleteQuietly(part);
    }
  }

  /**
   * Extracts into a temporary folder beside {@code folder}, then renames it into place atomically.
   */
  private static void extractInPlace(DatasetUrl url, DataCache cache, Path archive, Path folder) {
    Path temp = DataCache.newTempFolder(folder);
    System.err.println("Extracting " + archive.getFileName() + " to " + folder);
    try {
      Archives.extract(archive, temp); // UncheckedIOException: the archive is bad
      Path source = singleFolderIn(temp);
      try {
        Files.move(source, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw failure(
            url,
            cache,
            folder,
            "could not move the extracted files from "
                + source
                + " to "
                + folder
                + ": "
                + reason(e),
            e);
      }
    } finally {
      DataCache.deleteQuietly(temp);
    }
  }

  /**
   * Like fastai: an archive holding one top-level folder gives that folder; otherwise the
   * extraction root.
   */
  private static Path singleFolderIn(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      List<Path> entries = list.limit(2).toList();
      boolean single =
          entries.size() == 1
              && Files.isDirectory(entries.get(0))
              && !Files.isSymbolicLink(entries.get(0));
      return single ? entries.get(0) : dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Null if the cached archive matches what is known about it, else what is wrong. */
  private static String verify(DatasetUrl url, Path archive) {
    try {
      long size = Files.size(archive);
      if (url.size() != null && size != url.size()) {
        return check(url, size, null);
      }
      if (url.sha256() == null) {
        return null;
      }
      MessageDigest sha256 = sha256();
      try (InputStream in = Files.newInputStream(archive)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          sha256.update(buffer, 0, n);
        }
      }
      return check(url, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      return "could not be read (" + reason(e) + ")";
    }
  }

  /**
   * Null if {@code size} and {@code sha256} (when not null) match what {@code url} knows, else the
   * mismatch.
   */
  private static String check(DatasetUrl url, long size, String sha256) {
    if (url.size() != null && size != url.size()) {
      return sizeMismatch(url, size);
    }
    if (url.sha256() != null && sha256 != null && !url.sha256().equals(sha256)) {
      return "has the wrong SHA-256: expected "
          + url.sha256()
          + ", got "
          + sha256
          + " ("
          + size
          + " bytes)";
    }
    return null;
  }

  private static String sizeMismatch(DatasetUrl url, long actual) {
    return "has the wrong size: expected " + url.size() + " bytes, got " + actual;
  }

  private static DownloadException failure(
      DatasetUrl url, DataCache cache, Path folder, String why, Throwable cause) {
    String call = URLs.all().contains(url) ? "URLs." + url.name() : "\"" + url.url() + "\"";
    String message =
        "Could not get "
            + url.name()
            + " from "
            + url.url()
            + ": "
            + why
            + ".\n"
            + "To supply it by hand, download that archive yourself and extract it so that this folder exists:\n"
            + "  "
            + folder
            + "\n"
            + "(or put the archive, unextracted, at "
            + cache.archivePath(url)
            + "),\n"
            + "or pass a folder you already have: Downloads.untar("
            + call
            + ", Path.of(\"/path/to/"
            + url.stem()
            + "\")).";
    return new DownloadException(message, url.url(), folder, cause);
  }

  /**
   * Why a download failed, in words: the JDK's HTTP client often throws exceptions without
   * messages.
   */
  static String reason(Throwable e, DatasetUrl url) {
    URI uri = URI.create(url.url());
    String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    boolean connect = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name " + uri.getHost() + " could not be resolved (offline, or no DNS)";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connecting to " + host + " timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
      }
      if (t instanceof HttpTimeoutException) {
        return "no response from " + host + " within " + RESPONSE_TIMEOUT.toSeconds() + " s";
      }
      connect |= t instanceof ConnectException;
    }
    return connect ? "could not connect to " + host + " (" + reason(e) + ")" : reason(e);
  }

  /**
   * The first message along the cause chain with its exception's name, else the chain's exception
   * names.
   */
  static String reason(Throwable e) {
    StringBuilder names = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass() == IOException.class ? t.getMessage() : name + ": " + t.getMessage();
      }
      if (names.indexOf(name) < 0) {
        names.append(names.length() == 0 ? "" : " <- ").append(name);
      }
    }
    return names.toString();
  }

  private static HttpRequest request(DatasetUrl url) {
    return HttpRequest.newBuilder(URI.create(url.url()))
        .timeout(RESPONSE_TIMEOUT)
        .header("User-Agent", USER_AGENT)
        .GET()
        .build();
  }

  private static HttpClient httpClient() {
    HttpClient c = client;
    if (c == null) {
      synchronized (Downloads.class) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NORMAL) // never https -> http
                  .connectTimeout(CONNECT_TIMEOUT)
                  .version(HttpClient.Version.HTTP_1_1)
                  .build();
        }
        c = client;
      }
    }
    return c;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "this JVM has no SHA-256, which every Java platform must provide", e);
    }
  }
}
