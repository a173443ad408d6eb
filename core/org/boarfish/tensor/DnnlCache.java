package org.boarfish.tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The oneDNN primitives built so far, by key: at most {@code max}, the least recently used closed
 * and dropped beyond that, so a program that sees many shapes keeps its native memory bounded.
 */
final class DnnlCache<K, V extends AutoCloseable> {
  private final Map<K, V> map;

  DnnlCache(int max) {
    map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            if (size() <= max) {
              return false;
            }
            try {
              eldest.getValue().close();
            } catch (Exception e) {
              throw new IllegalStateException("closing a oneDNN primitive failed", e);
            }
            return true;
          }
        };
  }

  /** The value of {@code key}, made by {@code make} the first time. */
  synchronized V get(K key, Function<K, V> make) {
    return map.computeIfAbsent(key, make);
  }
}
