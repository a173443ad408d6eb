package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.boarfish.data.DataCache;
import org.boarfish.data.DownloadException;
import org.boarfish.io.PthReader;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint download path, offline: a fake {@code .pth} (written by torch.save, {@code
 * make_fake_pth.py}) served from 127.0.0.1.
 */
class PretrainedDownloadTest {
  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private byte[] body;
  private String base;

  @TempDir Path tmp;

  @BeforeEach
  void serve() throws IOException {
    body = Files.readAllBytes(VisionFiles.resource("fake_weights.pth"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/models/",
        ex -> {
          hits.incrementAndGet();
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/models/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String goodName() {
    String sha = PretrainedWeights.sha256(VisionFiles.resource("fake_weights.pth"));
    return "fake-" + sha.substring(0, 8) + ".pth";
  }

  private List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".lock"))
          .toList();
    }
  }

  @Test
  void downloadsIntoTheCacheOnceAndLoads() throws IOException {
    String name = goodName();
    DataCache cache = DataCache.at(tmp.resolve("home"));
    Path hub = tmp.resolve("torch-hub");
    Path got = PretrainedWeights.fetch("fake weights", base + name, name, cache, hub);

    assertEquals(cache.root().resolve("models").resolve(name), got);
    assertArrayEquals(body, Files.readAllBytes(got));
    assertEquals(1, hits.get());
    assertEquals(List.of(got), filesUnder(cache.root())); // no part or temporary file left

    assertEquals(got, PretrainedWeights.fetch("fake weights", base + name, name, cache, hub));
    assertEquals(1, hits.get(), "the second call uses the cached file");

    Map<String, Tensor> sd = PthReader.read(got);
    assertArrayEquals(new float[] {1, 2, 3}, sd.get("fc.weight").toFloatArray());
  }

  @Test
  void aFileWithTheWrongHashIsRejectedAndDeleted() throws IOException {
    String name = "fake-00000000.pth";
    DataCache cache = DataCache.at(tmp.resolve("home"));
    Path hub = tmp.resolve("torch-hub");
    var e =
        assertThrows(
            DownloadException.class,
            () -> PretrainedWeights.fetch("fake weights", base + name, name, cache, hub));
    assertTrue(e.getMessage().contains("does not start with 00000000"), e.getMessage());
    assertTrue(e.getMessage().contains("it was deleted"), e.getMessage());
    assertTrue(e.getMessage().contains(base + name), e.getMessage());
    assertEquals(List.of(), filesUnder(cache.root()));
    assertEquals(1, hits.get());
    // nothing was kept, so the next call downloads again (and fails again)
    assertThrows(
        DownloadException.class,
        () -> PretrainedWeights.fetch("fake weights", base + name, name, cache, hub));
    assertEquals(2, hits.get());
  }

  @Test
  void offlineSaysWhereToPutTheFile() throws IOException {
    server.stop(0);
    String name = goodName();
    DataCache cache = DataCache.at(tmp.resolve("home"));
    Path hub = tmp.resolve("torch-hub");
    var e =
        assertThrows(
            DownloadException.class,
            () -> PretrainedWeights.fetch("fake weights", base + name, name, cache, hub));
    Path ours = cache.root().resolve("models").resolve(name);
    assertTrue(e.getMessage().contains("Could not download fake weights"), e.getMessage());
    assertTrue(e.getMessage().contains("could not connect to 127.0.0.1"), e.getMessage());
    assertTrue(
        e.getMessage().contains("put it, with the same name, at\n  " + ours), e.getMessage());
    assertTrue(e.getMessage().contains(hub.resolve(name).toString()), e.getMessage());
    assertEquals(List.of(), filesUnder(cache.root()));

    // a file put there by hand is then used without the network
    Files.createDirectories(ours.getParent());
    Files.write(ours, body);
    assertEquals(ours, PretrainedWeights.fetch("fake weights", base + name, name, cache, hub));
  }

  @Test
  void aMirrorReplacesTorchvisionsAddress() {
    String old = System.getProperty(PretrainedWeights.MIRROR_PROPERTY);
    try {
      System.clearProperty(PretrainedWeights.MIRROR_PROPERTY);
      assertEquals(
          "https://download.pytorch.org/models/resnet18-f37072fd.pth",
          PretrainedWeights.url("resnet18"));
      System.setProperty(PretrainedWeights.MIRROR_PROPERTY, base.substring(0, base.length() - 1));
      assertEquals(base + "resnet18-f37072fd.pth", PretrainedWeights.url("resnet18"));
    } finally {
      if (old == null) {
        System.clearProperty(PretrainedWeights.MIRROR_PROPERTY);
      } else {
        System.setProperty(PretrainedWeights.MIRROR_PROPERTY, old);
      }
    }
  }
}
