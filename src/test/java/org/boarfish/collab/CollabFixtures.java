package org.boarfish.collab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The PyTorch fixture (src/test/resources/collab/make_fixtures.py) and the shared datasets. */
final class CollabFixtures {
  /** ../shared beside the repository. */
  static final Path SHARED = Path.of("..", "shared");

  static final Path ML100K = SHARED.resolve("data/movielens-100k");
  static final Path SAMPLE = SHARED.resolve("data/movielens-sample/ratings.csv");
  static final Path VALID_IDX =
      SHARED.resolve("bench/reference/splits/movielens-100k_valid_idx.txt");

  private CollabFixtures() {}

  static JsonNode json() {
    try (InputStream in = CollabFixtures.class.getResourceAsStream("/collab/collab_fixture.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  static int[] referenceValidRows() {
    try {
      return Files.readAllLines(VALID_IDX).stream()
          .filter(l -> !l.isBlank())
          .mapToInt(l -> Integer.parseInt(l.trim()))
          .toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a small ratings CSV into {@code dir}. */
  static Path csv(Path dir, String name, String text) {
    try {
      Path f = dir.resolve(name);
      Files.writeString(f, text);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
