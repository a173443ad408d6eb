package org.boarfish.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all or nothing: into a temporary file beside it, forced to disk, then renamed over
 * the target. If anything fails on the way the temporary file is deleted and the target keeps its
 * previous content.
 */
final class AtomicFile {
  /** What to write into the (empty) temporary file. */
  interface Body {
    void write(FileChannel ch) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code file} through {@code body}; {@code kind} names the format in error messages. */
  static void write(Path file, String kind, Body body) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    boolean moved = false;
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        body.write(ch);
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + kind + " file " + file + ": " + e, e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure matters more than a leftover temporary file
        }
      }
    }
  }

  /** Writes all of {@code buf} to {@code ch}. */
  static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Makes the rename durable; not every platform can open a directory, which is fine. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
