package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against archives served from 127.0.0.1 by the JDK's HTTP server. */
class DownloadsTest {
  @TempDir Path tmp;

  private HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final AtomicInteger hits = new AtomicInteger();
  private DataCache cache;

  private static final byte[] TINY =
      new ArchivesTest.Tar()
          .dir("tiny/")
          .file("tiny/train/3/a.txt", "three")
          .file("tiny/labels.csv", "name,label\n")
          .tgz();

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          Handler handler = routes.get(exchange.getRequestURI().getPath());
          try (exchange) {
            if (handler == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              handler.handle(exchange);
            }
          }
        });
    server.start();
    cache = DataCache.at(tmp.resolve("home"));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void downloadsVerifiesAndExtractsIntoTheCache() throws Exception {
    serve("/sample/tiny.tgz", TINY);
    DatasetUrl url =
        DatasetUrl.of(url("/sample/tiny.tgz")).withSize(TINY.length).withSha256(sha256(TINY));

    Path path = Downloads.untar(url, cache);

    assertEquals(tmp.resolve("home/data/tiny"), path);
    assertEquals(
        "three",
        Files.readString(path.resolve("train/3/a.txt")),
        "the single top folder is the dataset");
    assertTrue(
        Files.isRegularFile(tmp.resolve("home/archive/tiny.tgz")),
        "archive kept for offline re-extraction");
    assertEquals(List.of("tiny"), names(tmp.resolve("home/data")), "no temporary folder left");
    assertEquals(
        List.of("tiny.tgz", "tiny.tgz.lock"),
        names(tmp.resolve("home/archive")),
        "no .part file left");
  }

  @Test
  void extractsZipsAndArchivesWithoutOneTopFolder() throws Exception {
    serve("/ml-100k.zip", ArchivesTest.zip("ml-100k/", null, "ml-100k/u.data", "1\t2\t5\n"));
    assertEquals(
        "1\t2\t5\n",
        Files.readString(
            Downloads.untar(DatasetUrl.of(url("/ml-100k.zip")), cache).resolve("u.data")));

    serve("/flat.tgz", new ArchivesTest.Tar().file("a.csv", "a").file("b.csv", "b").tgz());
    Path flat = Downloads.untar(DatasetUrl.of(url("/flat.tgz")), cache);
    assertEquals(tmp.resolve("home/data/flat"), flat);
    assertEquals(List.of("a.csv", "b.csv"), names(flat));
  }

  @Test
  void secondCallUsesTheCacheWithoutAnyRequest() {
    serve("/tiny.tgz", TINY);
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    Path first = Downloads.untar(url, cache);
    assertEquals(1, hits.get());
    server.stop(0);
    assertEquals(first, Downloads.untar(url, cache));
    assertEquals(1, hits.get());
  }

  @Test
  void concurrentCallsDownloadOnce() throws Exception {
    serve("/tiny.tgz", TINY);
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> Downloads.untar(url, cache)));
      }
      for (Future<Path> result : results) {
        assertEquals(cache.dataPath(url), result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, hits.get());
  }

  @Test
  void cachedArchiveIsExtractedOfflineAndABrokenOneIsFetchedAgain() throws Exception {
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    Files.createDirectories(cache.archiveDir());
    Files.write(cache.archivePath(url), TINY);
    assertTrue(Files.isDirectory(Downloads.untar(url, cache)));
    assertEquals(0, hits.get());

    DatasetUrl other = DatasetUrl.of(url("/other.tgz"));
    Files.write(
        cache.archivePath(other), Arrays.copyOf(TINY, 40)); // a truncated archive from an old crash
    serve("/other.tgz", TINY);
    assertEquals("three", Files.readString(Downloads.untar(other, cache).resolve("train/3/a.txt")));
    assertEquals(1, hits.get());
  }

  @Test
  void sha256MismatchFailsNamingUrlExpectedAndActual() {
    serve("/tiny.tgz", TINY);
    String wrong = "0".repeat(64);
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz")).withSha256(wrong);

    DownloadException e = assertThrows(DownloadException.class, () -> Downloads.untar(url, cache));

    assertTrue(e.getMessage().contains(url.url()), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("got " + sha256(TINY)), e.getMessage());
    assertNothingLeft(url);
  }

  @Test
  void sizeMismatchFailsWithOrWithoutContentLength() {
    serve("/tiny.tgz", TINY);
    DatasetUrl big = DatasetUrl.of(url("/tiny.tgz")).withSize(TINY.length + 1);
    DownloadException e = assertThrows(DownloadException.class, () -> Downloads.untar(big, cache));
    assertTrue(
        e.getMessage().contains("expected " + (TINY.length + 1) + " bytes, got " + TINY.length),
        e.getMessage());
    assertNothingLeft(big);

    routes.put(
        "/chunked.tgz",
        exchange -> { // no Content-Length: the size is counted while reading
          exchange.sendResponseHeaders(200, 0);
          exchange.getResponseBody().write(TINY);
        });
    DatasetUrl small = DatasetUrl.of(url("/chunked.tgz")).withSize(10);
    e = assertThrows(DownloadException.class, () -> Downloads.untar(small, cache));
    assertTrue(
        e.getMessage().contains(small.url()) && e.getMessage().contains("expected 10 bytes"),
        e.getMessage());
    assertNothingLeft(small);
  }

  @Test
  void corruptArchiveFailsAndLeavesNoFolderUnderTheFinalName() {
    serve("/broken.tgz", Arrays.copyOf(TINY, TINY.length - 20)); // truncated gzip
    DatasetUrl url = DatasetUrl.of(url("/broken.tgz"));

    DownloadException e = assertThrows(DownloadException.class, () -> Downloads.untar(url, cache));

    assertTrue(
        e.getMessage().contains(url.url()) && e.getMessage().contains("corrupt or truncated"),
        e.getMessage());
    assertNothingLeft(url);
  }

  @Test
  void pathEscapingEntriesAreRefusedWithTheEntryNamed() {
    serve(
        "/evil.tgz",
        new ArchivesTest.Tar().file("evil/ok.txt", "ok").file("../evil.txt", "gotcha").tgz());
    DatasetUrl url = DatasetUrl.of(url("/evil.tgz"));
    DownloadException e = assertThrows(DownloadException.class, () -> Downloads.untar(url, cache));
    assertTrue(e.getMessage().contains("'../evil.txt'"), e.getMessage());
    assertNothingLeft(url);

    Path outside = tmp.resolve("absolute-evil.txt");
    serve("/abs.tgz", new ArchivesTest.Tar().paxFile(outside.toString(), "gotcha").tgz());
    DatasetUrl abs = DatasetUrl.of(url("/abs.tgz"));
    e = assertThrows(DownloadException.class, () -> Downloads.untar(abs, cache));
    assertTrue(e.getMessage().contains("'" + outside + "'"), e.getMessage());
    assertNothingLeft(abs);

    try (Stream<Path> all = Files.walk(tmp)) {
      assertEquals(
          List.of(), all.filter(p -> p.getFileName().toString().contains("evil.txt")).toList());
    } catch (IOException io) {
      throw new AssertionError(io);
    }
  }

  @Test
  void offlineErrorNamesTheUrlTheCauseAndTheManualFolder() {
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    int port = server.getAddress().getPort();
    server.stop(0); // connection refused

    DownloadException e = assertThrows(DownloadException.class, () -> Downloads.untar(url, cache));

    Path manual = tmp.resolve("home/data/tiny");
    assertTrue(e.getMessage().contains(url.url()), e.getMessage());
    assertTrue(e.getMessage().contains("could not connect to 127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertTrue(e.getMessage().contains(manual.toString()), e.getMessage());
    assertEquals(manual, e.folder());
    assertEquals(url.url(), e.url());
    assertNothingLeft(url);
  }

  @Test
  void httpErrorsAndCutConnectionsFail() {
    DatasetUrl missing = DatasetUrl.of(url("/missing.tgz"));
    DownloadException e =
        assertThrows(DownloadException.class, () -> Downloads.untar(missing, cache));
    assertTrue(
        e.getMessage().contains("HTTP 404") && e.getMessage().contains(missing.url()),
        e.getMessage());

    routes.put(
        "/cut.tgz",
        exchange -> { // promises the whole archive, sends half, hangs up
          exchange.sendResponseHeaders(200, TINY.length);
          OutputStream body = exchange.getResponseBody();
          body.write(TINY, 0, TINY.length / 2);
          body.flush(); // then the exchange closes short
        });
    DatasetUrl cut = DatasetUrl.of(url("/cut.tgz"));
    assertThrows(DownloadException.class, () -> Downloads.untar(cut, cache));
    assertNothingLeft(cut);
  }

  @Test
  void redirectsAreFollowed() {
    serve("/new/tiny.tgz", TINY);
    routes.put(
        "/old/tiny.tgz",
        exchange -> {
          exchange.getResponseHeaders().add("Location", url("/new/tiny.tgz"));
          exchange.sendResponseHeaders(302, -1);
        });
    assertTrue(Files.isDirectory(Downloads.untar(DatasetUrl.of(url("/old/tiny.tgz")), cache)));
    assertEquals(2, hits.get());
  }

  @Test
  void leftoversOfACrashedRunAreDeletedNotResumed() throws Exception {
    serve("/tiny.tgz", TINY);
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    Path part = cache.archiveDir().resolve("tiny.tgz.0123456789abcdef.part");
    Path temp = cache.dataDir().resolve(".tiny.0123456789abcdef.tmp");
    Files.createDirectories(temp.resolve("train"));
    Files.createDirectories(cache.archiveDir());
    Files.write(part, Arrays.copyOf(TINY, 10));
    Files.writeString(temp.resolve("train/half.txt"), "half");

    Path path = Downloads.untar(url, cache);

    assertFalse(Files.exists(part));
    assertFalse(Files.exists(temp));
    assertFalse(Files.exists(path.resolve("train/half.txt")));
    assertEquals(1, hits.get(), "downloaded from the start");
  }

  @Test
  void aGivenFolderIsUsedAsIsOrFilled() throws Exception {
    DatasetUrl url = DatasetUrl.of(url("/tiny.tgz"));
    Path mine = Files.createDirectories(tmp.resolve("my-copy"));
    server.stop(0);
    assertEquals(mine, Downloads.untar(url, mine));
    assertEquals(0, hits.get());

    startServer();
    serve("/tiny.tgz", TINY);
    Path target = tmp.resolve("elsewhere/tiny-data");
    String previous = System.setProperty(DataCache.PROPERTY, tmp.resolve("prop-home").toString());
    try {
      assertEquals(target, Downloads.untar(url(("/tiny.tgz")), target));
      assertEquals("three", Files.readString(target.resolve("train/3/a.txt")));
      assertTrue(Files.isRegularFile(tmp.resolve("prop-home/archive/tiny.tgz")));
    } finally {
      restore(previous);
    }
  }

  @Test
  void systemPropertyOverridesTheCacheRoot() {
    serve("/tiny.tgz", TINY);
    String previous = System.setProperty(DataCache.PROPERTY, tmp.resolve("custom").toString());
    try {
      assertEquals(tmp.resolve("custom"), DataCache.defaults().root());
      assertEquals(tmp.resolve("custom/data/tiny"), Downloads.untar(url("/tiny.tgz")));
    } finally {
      restore(previous);
    }
  }

  @Test
  void cacheRootPrecedenceIsPropertyThenEnvironmentThenHome() {
    assertEquals(Path.of("/p"), DataCache.resolveRoot("/p", "/e", "/home/u"));
    assertEquals(Path.of("/e"), DataCache.resolveRoot(null, "/e", "/home/u"));
    assertEquals(Path.of("/e"), DataCache.resolveRoot(" ", "/e", "/home/u"));
    assertEquals(Path.of("/home/u/.boarfish"), DataCache.resolveRoot(null, null, "/home/u"));
    assertEquals(Path.of("/home/u/boar"), DataCache.resolveRoot(null, "~/boar", "/home/u"));
  }

  @Test
  void fastaiAddressesAreWellFormed() {
    assertEquals(
        "https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz", URLs.MNIST_SAMPLE.url());
    assertEquals("mnist_sample", URLs.MNIST_SAMPLE.stem());
    assertEquals("ml-100k", URLs.ML_100k.stem());
    assertEquals("mnist_png", URLs.MNIST.stem());
    assertEquals("imagenette2-160", URLs.IMAGENETTE_160.stem());
    assertEquals("https://s3.amazonaws.com/fast-ai-modelzoo/wt103-fwd.tgz", URLs.WT103_FWD.url());
    assertEquals(URLs.all().size(), URLs.all().stream().map(DatasetUrl::stem).distinct().count());
    assertThrows(IllegalArgumentException.class, () -> DatasetUrl.of("ftp://example.org/a.tgz"));
    assertThrows(IllegalArgumentException.class, () -> DatasetUrl.of("https://example.org/"));
    assertThrows(IllegalArgumentException.class, () -> URLs.MNIST_TINY.withSha256("abc"));
  }

  // ---- helpers ----

  private void serve(String path, byte[] body) {
    routes.put(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        });
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** No folder under the final name, no temporary folder, no partial or bad archive. */
  private void assertNothingLeft(DatasetUrl url) {
    assertFalse(Files.exists(cache.dataPath(url)), "no folder under the final name");
    assertFalse(Files.exists(cache.archivePath(url)), "no bad archive kept");
    List<String> data = names(cache.dataDir());
    assertTrue(data.stream().noneMatch(n -> n.endsWith(".tmp")), "temporary folders left: " + data);
    List<String> archives = names(cache.archiveDir());
    assertTrue(
        archives.stream().noneMatch(n -> n.endsWith(".part")),
        "partial downloads left: " + archives);
  }

  private static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(DataCache.PROPERTY);
    } else {
      System.setProperty(DataCache.PROPERTY, previous);
    }
  }
}
