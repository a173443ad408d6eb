package org.boarfish.text;

import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/** Helpers the text samplers share: token ids of a sample, per-dataset and per-epoch caches. */
final class TextItems {
  private static final Map<Object, int[][]> DOCS = Collections.synchronizedMap(new WeakHashMap<>());

  private TextItems() {}

  /**
   * The token ids of a text sample: a tuple's first element, a {@link TensorText}, ids, a tensor.
   */
  static int[] ids(Object item) {
    Object o = item instanceof Tuple t ? t.get(0) : item;
    if (o instanceof TensorText tt) {
      return tt.ids();
    }
    if (o instanceof int[] a) {
      return a;
    }
    if (o instanceof Tensor t && t.dim() == 1) {
      long[] v = t.toLongArray();
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (int) v[i];
      }
      return out;
    }
    throw new IllegalArgumentException(
        "a text loader needs samples whose first element is a TensorText (token ids), got "
            + (o == null ? "null" : o.getClass().getSimpleName())
            + "; numericalize the texts first (TextBlock does)");
  }

  /**
   * The token ids of every item of a dataset, computed once per dataset (in parallel) and kept
   * while the dataset lives.
   */
  static int[][] docs(List<?> dataset) {
    int[][] d = DOCS.get(dataset);
    if (d == null) {
      d =
          IntStream.range(0, dataset.size())
              .parallel()
              .mapToObj(i -> ids(dataset.get(i)))
              .toArray(int[][]::new);
      DOCS.put(dataset, d);
    }
    return d;
  }

  /** The lengths of every item of a dataset. */
  static int[] lengths(List<?> dataset) {
    int[][] d = docs(dataset);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = d[i].length;
    }
    return out;
  }

  /** A permutation of 0..n-1 drawn from {@code g} (Fisher-Yates); 0..n-1 if g is null. */
  static int[] permutation(int n, Generator g) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0 && g != null; i--) {
      int j = (int) g.nextLong(0, i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The generator of an epoch of a loader with this seed. */
  static Generator epochGenerator(long seed, int epoch) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Generator(z ^ (z >>> 31));
  }

  /** A small cache of per-epoch results, safe for several loader threads. */
  static final class EpochCache<V> {
    private final Map<List<Object>, V> map =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<List<Object>, V> e) {
            return size() > 4;
          }
        };

    synchronized V get(List<?> dataset, boolean shuffle, long seed, int epoch, Supplier<V> make) {
      List<Object> key = List.of(new Identity(dataset), shuffle, seed, epoch);
      V v = map.get(key);
      if (v == null) {
        v = make.get();
        map.put(key, v);
      }
      return v;
    }
  }

  /** Identity of an object as a map key. */
  private record Identity(Object o) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity i && i.o == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(o);
    }
  }

  /** A view of {@code n} ints as a list (for messages). */
  static List<Integer> asList(int[] a) {
    return new AbstractList<>() {
      @Override
      public Integer get(int i) {
        return a[i];
      }

      @Override
      public int size() {
        return a.length;
      }
    };
  }
}
