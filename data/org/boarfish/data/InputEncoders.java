package org.boarfish.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The factories that rebuild {@link InputEncoder}s from their JSON state when an exported learner
 * is loaded. Applications register theirs from an {@code org.boarfish.learner.ExportPlugin}, which
 * the loader finds through {@link java.util.ServiceLoader}; the JSON only ever selects a registered
 * factory, it never names a class to load.
 */
public final class InputEncoders {
  private static final Map<String, Function<JsonNode, InputEncoder>> FACTORIES =
      new ConcurrentHashMap<>();

  private InputEncoders() {}

  /** Registers (or replaces) the factory for {@code kind}. */
  public static void register(String kind, Function<JsonNode, InputEncoder> factory) {
    FACTORIES.put(kind, factory);
  }

  /** Rebuilds the encoder of {@code kind} from its state; an error naming the known kinds. */
  public static InputEncoder fromJson(String kind, JsonNode state) {
    Function<JsonNode, InputEncoder> f = FACTORIES.get(kind);
    if (f == null) {
      throw new IllegalArgumentException(
          "no input encoder '"
              + kind
              + "' is registered (known: "
              + kinds()
              + "): put the application that made the export on the class path");
    }
    return f.apply(state);
  }

  /** The registered kinds, sorted. */
  public static Set<String> kinds() {
    return new TreeSet<>(FACTORIES.keySet());
  }
}
