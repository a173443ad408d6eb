package org.boarfish.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where downloads live: {@code <root>/archive/<file>} for archives and {@code <root>/data/<stem>}
 * for extracted datasets. The root is the system property {@code boarfish.home} if set, else the
 * environment variable {@code BOARFISH_HOME}, else {@code ~/.boarfish}.
 *
 * <p>Work in progress never sits under a final name: downloads go to {@code <file>.<random>.part}
 * in the archive folder and extraction to {@code .<stem>.<random>.tmp} beside the target, and both
 * are deleted (never resumed) by the next attempt. A lock file {@code <root>/archive/<file>.lock}
 * keeps two processes from fetching the same archive at once.
 */
public final class DataCache {
  /** Environment variable overriding the cache root. */
  public static final String ENV = "BOARFISH_HOME";

  /** System property overriding the cache root (and the environment variable); handy in tests. */
  public static final String PROPERTY = "boarfish.home";

  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;

  private DataCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The cache at the configured root (property, environment variable, then {@code ~/.boarfish}),
   * read afresh.
   */
  public static DataCache defaults() {
    return at(
        resolveRoot(
            System.getProperty(PROPERTY), System.getenv(ENV), System.getProperty("user.home")));
  }

  /** A cache rooted at {@code root} (created on first download). */
  public static DataCache at(Path root) {
    if (root == null) {
      throw new IllegalArgumentException("root must not be null");
    }
    return new DataCache(root);
  }

  /**
   * The root chosen from the property, the environment variable and the home folder; {@code ~/} is
   * expanded.
   */
  static Path resolveRoot(String property, String env, String userHome) {
    String chosen = notBlank(property) ? property : notBlank(env) ? env : null;
    if (chosen == null) {
      return Path.of(userHome, ".boarfish");
    }
    chosen = chosen.trim();
    if (chosen.equals("~") || chosen.startsWith("~/")) {
      return Path.of(userHome + chosen.substring(1));
    }
    return Path.of(chosen);
  }

  public Path root() {
    return root;
  }

  /** {@code <root>/data}: one folder per extracted dataset. */
  public Path dataDir() {
    return root.resolve("data");
  }

  /**
   * {@code <root>/archive}: the downloaded archives, kept so a deleted dataset folder is
   * re-extracted offline.
   */
  public Path archiveDir() {
    return root.resolve("archive");
  }

  /**
   * {@code <root>/data/<stem>}: where {@link Downloads#untar(DatasetUrl)} puts (or finds) this
   * dataset.
   */
  public Path dataPath(DatasetUrl url) {
    return dataDir().resolve(url.stem());
  }

  /** {@code <root>/archive/<file name>}. */
  public Path archivePath(DatasetUrl url) {
    return archiveDir().resolve(url.fileName());
  }

  /**
   * True if this dataset is extracted in the cache (so {@code untar} will not touch the network).
   */
  public boolean contains(DatasetUrl url) {
    return Files.isDirectory(dataPath(url));
  }

  @Override
  public String toString() {
    return "DataCache[" + root + "]";
  }

  // ---- package-private machinery for Downloads ----

  /** A held lock; closing releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Locks {@code url}'s archive against other threads and other processes. Where the file system
   * has no locks (some network mounts) only the threads of this JVM are kept apart.
   */
  Held lock(DatasetUrl url) throws IOException {
    Files.createDirectories(archiveDir());
    Path lockFile = archiveDir().resolve(url.fileName() + ".lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    jvmLock.lock();
    FileChannel channel = null;
    FileLock fileLock = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      fileLock = channel.tryLock();
      if (fileLock == null) {
        System.err.println(
            "Waiting for another process downloading " + url.url() + " (lock " + lockFile + ")");
        fileLock = channel.lock();
      }
    } catch (IOException e) {
      closeQuietly(channel); // no file locks here: carry on with the JVM lock alone
      channel = null;
    } catch (RuntimeException | Error e) {
      closeQuietly(channel);
      jvmLock.unlock();
      throw e;
    }
    FileChannel heldChannel = channel;
    return () -> {
      closeQuietly(heldChannel); // closing the channel releases the file lock
      jvmLock.unlock();
    };
  }

  /**
   * A fresh, unused name for a download in progress: {@code <root>/archive/<file>.<random>.part}.
   */
  Path newPartFile(DatasetUrl url) {
    return archiveDir().resolve(url.fileName() + "." + randomHex() + ".part");
  }

  /**
   * A fresh, unused name for an extraction in progress beside {@code folder}: {@code
   * .<name>.<random>.tmp}.
   */
  static Path newTempFolder(Path folder) {
    return folder.resolveSibling("." + folder.getFileName() + "." + randomHex() + ".tmp");
  }

  /**
   * Deletes what a crashed or killed run left for this archive and this target folder. Call with
   * the lock held.
   */
  void deleteLeftovers(DatasetUrl url, Path folder) {
    deleteMatching(
        archiveDir(), Pattern.compile(Pattern.quote(url.fileName()) + "\\.[0-9a-f]{16}\\.part"));
    deleteMatching(
        folder.getParent(),
        Pattern.compile(
            "\\." + Pattern.quote(folder.getFileName().toString()) + "\\.[0-9a-f]{16}\\.tmp"));
  }

  /** Deletes a file or a folder tree without following symbolic links; missing is fine. */
  static void deleteRecursively(Path path) {
    if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + path + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #deleteRecursively(Path)}, but a failure is only reported on stderr. */
  static void deleteQuietly(Path path) {
    try {
      deleteRecursively(path);
    } catch (UncheckedIOException e) {
      System.err.println("Warning: " + e.getMessage());
    }
  }

  private static void deleteMatching(Path dir, Pattern name) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> name.matcher(p.getFileName().toString()).matches())
          .forEach(DataCache::deleteQuietly);
    } catch (IOException e) {
      System.err.println("Warning: could not list " + dir + " for leftovers: " + e.getMessage());
    }
  }

  private static String randomHex() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // releasing a lock: nothing useful to do on failure
    }
  }
}
