package org.boarfish.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A preprocessing step of {@link TabularData}, like fastai's {@code TabularProc}: set up once on
 * the training rows, then applied eagerly to every row (and, at inference, to new rows). Procs run
 * in {@link #order()}, not in the order given: {@link FillMissing} (0), {@link Categorify} (1),
 * {@link Normalize} (99). Their state is plain data ({@link #toJson()}), so an exported learner
 * rebuilds them with {@link #fromJson(JsonNode)}.
 */
public sealed interface TabularProc permits Categorify, FillMissing, Normalize {
  /** The position in the processing order (lower runs first). */
  int order();

  /** Computes the state from the training rows {@code trainRows} of the frame. */
  void setup(TabularFrame frame, int[] trainRows);

  /** Applies the proc to every row of the frame, in place. */
  void apply(TabularFrame frame);

  /** Whether {@link #setup} has run (or the state was restored). */
  boolean isSetup();

  /** The proc's state: its {@code type} and everything {@link #apply} needs. */
  ObjectNode toJson();

  /** A proc of a new, unset-up copy (procs given to several datasets must not share state). */
  TabularProc fresh();

  /** Rebuilds a proc from {@link #toJson()}. */
  static TabularProc fromJson(JsonNode json) {
    String type = json.path("type").asText("");
    return switch (type) {
      case "Categorify" -> Categorify.restore(json);
      case "FillMissing" -> FillMissing.restore(json);
      case "Normalize" -> Normalize.restore(json);
      default ->
          throw new IllegalArgumentException(
              "unknown tabular proc type '"
                  + type
                  + "' (known: Categorify, FillMissing, Normalize)");
    };
  }
}
