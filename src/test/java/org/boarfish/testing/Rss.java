package org.boarfish.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process, for tests that check off-heap memory stays flat over long runs.
 */
public final class Rss {
  private Rss() {}

  /**
   * VmRSS in kB after two full collections: garbage on the Java heap is collected (and, with the
   * serial collector's tight free ratios, the heap shrinks back) so that what remains is live heap
   * plus native memory, the thing a leak would grow.
   */
  public static long settledKb() {
    System.gc();
    System.gc();
    trimMalloc();
    return currentKb();
  }

  /**
   * glibc's {@code malloc_trim(0)} (through JavaCPP's private binding): returns the free pages that
   * the allocator keeps after bursts such as the JIT compiler's arenas, so that a reading shows
   * what is live rather than what the allocator caches.
   */
  private static void trimMalloc() {
    try {
      java.lang.reflect.Method m =
          org.bytedeco.javacpp.Pointer.class.getDeclaredMethod("trimMemory");
      m.setAccessible(true);
      m.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JavaCPP's Pointer.trimMemory() is not reachable", e);
    }
  }

  /** VmRSS in kB right now. */
  public static long currentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
