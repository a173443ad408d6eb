package org.boarfish.collab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.boarfish.data.Downloads;
import org.boarfish.data.URLs;

/**
 * Where MovieLens 100K lives: GroupLens's licence forbids shipping it, so it comes from the data
 * cache ({@code Downloads.untar(URLs.ML_100k)}: {@code ~/.boarfish/data/ml-100k}, or {@code
 * $BOARFISH_HOME/data/ml-100k}); offline, the error says where to put {@code ml-100k} by hand.
 */
public final class MovieLens {
  private MovieLens() {}

  /** The ml-100k folder from the data cache (downloaded on first use). */
  public static Path ml100k() {
    return Downloads.untar(URLs.ML_100k);
  }

  /**
   * The ratings file in a MovieLens folder (or one level below it, as the zip nests {@code
   * ml-100k/}): {@code ratings.csv} if present, else {@code u.data}.
   */
  public static Path ratingsFile(Path folder) {
    return find(folder, List.of("ratings.csv", "u.data"), "ratings (ratings.csv or u.data)");
  }

  /** The titles file beside the ratings: {@code movies.csv} or {@code u.item}; null if none. */
  public static Path titlesFile(Path folder) {
    try {
      return find(folder, List.of("movies.csv", "u.item"), "titles");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Path find(Path folder, List<String> names, String what) {
    if (Files.isRegularFile(folder)) {
      folder = folder.toAbsolutePath().getParent();
    }
    for (String n : names) {
      Path direct = folder.resolve(n);
      if (Files.isRegularFile(direct)) {
        return direct;
      }
    }
    if (Files.isDirectory(folder)) {
      try (Stream<Path> kids = Files.list(folder)) {
        for (Path k : kids.filter(Files::isDirectory).sorted().toList()) {
          for (String n : names) {
            if (Files.isRegularFile(k.resolve(n))) {
              return k.resolve(n);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    throw new IllegalArgumentException(
        "no " + what + " file " + names + " in " + folder + " or its subfolders");
  }
}
