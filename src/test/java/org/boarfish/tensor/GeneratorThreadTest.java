package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Generator#forThisThread}: a thread's own {@code Generator.global()}. */
class GeneratorThreadTest {
  /** Draws with global(), re-seeds through manualSeed, draws again. */
  private static double[] draws(CountDownLatch bothStarted) throws InterruptedException {
    double[] out = new double[6];
    for (int i = 0; i < 3; i++) {
      out[i] = Generator.global().nextDouble();
    }
    if (bothStarted != null) {
      bothStarted.countDown();
      bothStarted.await(); // the other thread draws and re-seeds in between
    }
    Generator.manualSeed(7);
    for (int i = 3; i < 6; i++) {
      out[i] = Generator.global().nextDouble();
    }
    return out;
  }

  private static double[] alone(long seed) throws InterruptedException {
    try (Generator.ThreadOwn own = Generator.forThisThread(seed)) {
      return draws(null);
    }
  }

  @Test
  void twoThreadsDrawWhatEachWouldDrawAlone() throws Exception {
    Generator before = Generator.global();
    double[] a = alone(1);
    double[] b = alone(2);
    assertFalse(Arrays.equals(a, b));
    // seed 1's first draws are those of new Generator(1); after manualSeed(7), of Generator(7)
    Generator one = new Generator(1);
    Generator seven = new Generator(7);
    assertEquals(one.nextDouble(), a[0]);
    assertEquals(seven.nextDouble(), a[3]);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch both = new CountDownLatch(2);
      Future<double[]> fa =
          pool.submit(
              () -> {
                try (Generator.ThreadOwn own = Generator.forThisThread(1)) {
                  return draws(both);
                }
              });
      Future<double[]> fb =
          pool.submit(
              () -> {
                try (Generator.ThreadOwn own = Generator.forThisThread(2)) {
                  return draws(both);
                }
              });
      assertArrayEquals(a, fa.get());
      assertArrayEquals(b, fb.get());
    } finally {
      pool.shutdown();
    }
    // the process-wide generator was neither used nor re-seeded by the threads
    assertSame(before, Generator.global());
  }

  @Test
  void closingReturnsToTheGlobalGeneratorAndNestingIsRefused() {
    Generator before = Generator.global();
    try (Generator.ThreadOwn own = Generator.forThisThread(3)) {
      assertEquals(3, Generator.global().seed());
      var e = assertThrows(IllegalStateException.class, () -> Generator.forThisThread(4));
      assertEquals(
          "this thread already has its own generator; close its ThreadOwn handle first",
          e.getMessage());
    }
    assertSame(before, Generator.global());
  }
}
