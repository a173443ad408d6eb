package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batching, shuffling, collation, hooks, workers, errors, closing, decoding. */
class DataLoaderTest {

  /** Items i -> (float tensor [2] of i, Category i % 3), with a vocabulary a, b, c. */
  static Datasets numbers(int n) {
    var x =
        Pipeline.of(Transform.of("vector", Integer.class, i -> Tensor.of(new float[] {i, -i}, 2)));
    var y =
        Pipeline.of(
            Transform.of("letter", Integer.class, i -> "abc".substring(i % 3, i % 3 + 1)),
            new Categorize());
    return new Datasets(IntStream.range(0, n).boxed().toList(), List.of(x, y));
  }

  static List<Long> firstColumn(Iterable<Tuple> dl) {
    List<Long> out = new ArrayList<>();
    for (Tuple b : dl) {
      for (float v : b.x().index("..., 0").toFloatArray()) {
        out.add((long) v);
      }
    }
    return out;
  }

  @Test
  void batchesInOrderWithASmallerLastBatchOrDropped() {
    try (var dl = DataLoader.builder(numbers(10)).bs(4).numWorkers(0).build()) {
      assertEquals(3, dl.length());
      List<Tuple> batches = new ArrayList<>();
      dl.forEach(batches::add);
      assertEquals(3, batches.size());
      assertArrayEquals(new long[] {4, 2}, batches.get(0).x().shape());
      assertArrayEquals(new long[] {2, 2}, batches.get(2).x().shape());
      assertEquals(DType.INT64, batches.get(0).y().dtype());
      assertArrayEquals(new long[] {0, 1, 2, 0}, batches.get(0).y().toLongArray());
      assertInstanceOf(TensorCategory.class, batches.get(0).get(1));
      assertEquals(IntStream.range(0, 10).mapToObj(i -> (long) i).toList(), firstColumn(dl));
    }
    try (var dl = DataLoader.builder(numbers(10)).bs(4).dropLast(true).numWorkers(0).build()) {
      assertEquals(2, dl.length());
      assertEquals(8, firstColumn(dl).size());
    }
  }

  @Test
  void seededShuffleIsReproducibleAndChangesPerEpoch() {
    var b = DataLoader.builder(numbers(50)).bs(8).shuffle(true).seed(3).numWorkers(0);
    try (var one = b.build();
        var two = b.build()) {
      List<Long> e0 = firstColumn(one);
      List<Long> e1 = firstColumn(one);
      assertEquals(e0, firstColumn(two), "same seed, same first epoch");
      assertEquals(e1, firstColumn(two), "and the same second epoch");
      assertNotEquals(e0, e1, "each epoch is a new permutation");
      assertEquals(
          IntStream.range(0, 50).mapToObj(i -> (long) i).toList(), e0.stream().sorted().toList());
    }
  }

  /** Adds a random value drawn per item to a float tensor. */
  static final class Jitter extends RandTransform<Tensor, Tensor, Double> {
    Jitter() {
      super(Tensor.class, Tensor.class, 0.7, 1);
    }

    @Override
    public Split split() {
      return Split.ALL;
    }

    @Override
    protected Double draw(Generator rng, Split split) {
      return rng.nextDouble();
    }

    @Override
    protected Tensor encode(Tensor x, Double d) {
      return x.add(d);
    }
  }

  @Test
  void sameBatchesWithZeroAndTwoWorkers() {
    var b = DataLoader.builder(numbers(101)).bs(8).shuffle(true).seed(11).afterItem(new Jitter());
    List<float[]> serial = new ArrayList<>();
    List<float[]> parallel = new ArrayList<>();
    try (var dl0 = b.numWorkers(0).build();
        var dl2 = b.numWorkers(2).prefetch(3).build()) {
      for (int epoch = 0; epoch < 2; epoch++) {
        for (Tuple t : dl0) {
          serial.add(t.x().toFloatArray());
        }
        for (Tuple t : dl2) {
          parallel.add(t.x().toFloatArray());
        }
      }
    }
    assertEquals(26, serial.size());
    assertEquals(serial.size(), parallel.size());
    for (int i = 0; i < serial.size(); i++) {
      assertArrayEquals(serial.get(i), parallel.get(i), "batch " + i);
    }
  }

  @Test
  void collationErrorNamesTheElementAndTheShapes() {
    var x =
        Pipeline.of(Transform.of("vector", Integer.class, i -> Tensor.zeros(1, i == 5 ? 3 : 2)));
    var ds = new Datasets(IntStream.range(0, 8).boxed().toList(), List.of(x, Pipeline.empty()));
    try (var dl = DataLoader.builder(ds).bs(8).numWorkers(0).build()) {
      var e = assertThrows(DataException.class, dl::oneBatch);
      String m = e.getMessage();
      assertTrue(m.contains("element 0"), m);
      assertTrue(m.contains("[1, 2]") && m.contains("[1, 3]"), m);
      assertTrue(m.contains("sample 5"), m);
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
  }

  @Test
  void workerExceptionSurfacesWithCauseAndItemIndex() {
    var boom = new IllegalStateException("cannot read item 37");
    var x =
        Pipeline.of(
            Transform.of(
                "read",
                Integer.class,
                i -> {
                  if (i == 37) {
                    throw boom;
                  }
                  return Tensor.zeros(2);
                }));
    var ds = new Datasets(IntStream.range(0, 64).boxed().toList(), List.of(x));
    try (var dl = DataLoader.builder(ds).bs(8).numWorkers(2).name("train").build()) {
      var e =
          assertThrows(
              DataException.class,
              () -> {
                for (Tuple ignored : dl) {
                  // consume
                }
              });
      assertEquals(boom, e.getCause());
      assertEquals(37, e.itemIndex().orElseThrow());
      assertTrue(e.getMessage().contains("item 37"), e.getMessage());
      assertTrue(e.getMessage().contains("batch 4"), e.getMessage());
      assertTrue(e.getMessage().contains("'train'"), e.getMessage());
      var again = assertThrows(DataException.class, () -> dl.iterator().forEachRemaining(t -> {}));
      assertEquals(boom, again.getCause(), "the next epoch can run (and fails the same way)");
    }
  }

  @Test
  void closingStopsTheWorkerThreads() {
    int before = loaderThreads();
    var dl = DataLoader.builder(numbers(200)).bs(4).numWorkers(3).name("closing").build();
    var it = dl.iterator();
    it.next();
    assertTrue(loaderThreads() > before, "workers started");
    dl.close();
    assertEquals(before, loaderThreads(), "workers stopped");
    assertThrows(IllegalStateException.class, dl::iterator);
  }

  private static int loaderThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(LoaderWorkers.THREAD_PREFIX + "closing") && t.isAlive()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void iterationRestartsAfterAnAbandonedEpoch() {
    try (var dl = DataLoader.builder(numbers(40)).bs(4).numWorkers(2).build()) {
      var it = dl.iterator();
      it.next();
      assertEquals(10, firstColumn(dl).size() / 4, "a new epoch starts from its first batch");
      assertFalse(it.hasNext(), "the abandoned epoch ends");
    }
  }

  @Test
  void hooksRunAtTheirStages() {
    List<Integer> sizes = new ArrayList<>();
    var twice =
        new Transform<Tensor, Tensor>(Tensor.class, Tensor.class) {
          @Override
          public Tensor encode(Tensor x) {
            return x.mul(2);
          }

          @Override
          public Tensor decode(Tensor y) {
            return y.div(2);
          }
        };
    var plusOne =
        new Transform<Tensor, Tensor>(Tensor.class, Tensor.class) {
          @Override
          public Tensor encode(Tensor x) {
            assertEquals(2, x.dim(), "batch transforms see whole batch tensors");
            return x.add(1);
          }

          @Override
          public Tensor decode(Tensor y) {
            return y.sub(1);
          }
        };
    try (var dl =
        DataLoader.builder(numbers(6))
            .bs(3)
            .numWorkers(0)
            .afterItem(twice)
            .afterBatch(plusOne)
            .beforeBatch(
                items -> {
                  sizes.add(items.size());
                  return items;
                })
            .build()) {
      Tuple b = dl.oneBatch();
      assertArrayEquals(new float[] {1, 1, 3, -1, 5, -3}, b.x().toFloatArray());
      assertTrue(sizes.contains(3));
      List<Tuple> dec = dl.decodeBatch(b);
      assertEquals(3, dec.size());
      assertArrayEquals(new float[] {2, -2}, ((Tensor) dec.get(2).get(0)).toFloatArray(), 1e-6f);
      assertEquals(new Category("c", 2), dec.get(2).get(1));
    }
  }

  @Test
  void showBatchPrintsATableOfDecodedSamples() {
    var bytes = new ByteArrayOutputStream();
    try (var dl =
        DataLoader.builder(numbers(5))
            .bs(5)
            .numWorkers(0)
            .shower(Shower.table(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
            .build()) {
      dl.showBatch(3);
    }
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(table.startsWith("# | x"), table);
    assertTrue(table.contains("| c"), table);
    assertEquals(5, table.split("\n").length, table);
  }

  @Test
  void builderValidatesAtOnce() {
    var b = DataLoader.builder(numbers(3));
    assertThrows(IllegalArgumentException.class, () -> b.bs(0));
    assertThrows(IllegalArgumentException.class, () -> b.numWorkers(-1));
    try (var dl = b.bs(8).dropLast(true).numWorkers(0).build()) {
      var e = assertThrows(IllegalStateException.class, dl::oneBatch);
      assertTrue(e.getMessage().contains("dropLast"), e.getMessage());
    }
  }

  @Test
  void batchesBelongToNoScope() {
    try (var dl0 =
            DataLoader.builder(numbers(12)).bs(4).numWorkers(0).afterBatch(new Jitter()).build();
        var dl2 = DataLoader.builder(numbers(12)).bs(4).numWorkers(2).build()) {
      List<Tuple> kept = new ArrayList<>();
      for (var dl : List.of(dl0, dl2)) {
        Tuple one;
        try (var scope = Scope.open()) {
          one = dl.oneBatch();
          for (Tuple b : dl) {
            kept.add(b);
            b.x().mul(2).sum();
          }
        }
        assertEquals(8, one.x().numel(), "a batch made while a scope was open outlives it");
      }
      for (Tuple b : kept) {
        assertEquals(8, b.x().toFloatArray().length);
      }
    }
  }

  @Test
  void collatesNumbersAndKeepsOtherValuesAsLists() {
    Tuple b = Collate.collate(List.of(Tuple.of("a", 1, 0.5), Tuple.of("b", 2, 1.5)));
    assertEquals(List.of("a", "b"), b.get(0));
    assertEquals(DType.INT64, ((Tensor) b.get(1)).dtype());
    assertEquals(DType.FLOAT32, ((Tensor) b.get(2)).dtype());
    assertEquals(2, Collate.decollate(b).size());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Collate.collate(List.of(Tuple.of("a"), Tuple.of(3))));
    assertTrue(e.getMessage().contains("element 0"), e.getMessage());
  }
}
