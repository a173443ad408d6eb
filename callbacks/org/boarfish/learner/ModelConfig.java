package org.boarfish.learner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The settings of a model recipe ({@link ModelRecipe}), stored as JSON in an export: immutable,
 * each {@code with} returns a copy.
 *
 * <pre>{@code
 * var cfg = ModelConfig.empty().with("nOut", 2).with("channels", new int[] {8, 16, 32, 64});
 * int nOut = cfg.getInt("nOut", 10);
 * }</pre>
 */
public final class ModelConfig {
  static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode node;

  private ModelConfig(ObjectNode node) {
    this.node = node;
  }

  /** No settings. */
  public static ModelConfig empty() {
    return new ModelConfig(JSON.createObjectNode());
  }

  /** Settings read from a JSON object. */
  public static ModelConfig fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("a model config must be a JSON object, got " + json);
    }
    return new ModelConfig(((ObjectNode) json).deepCopy());
  }

  /** A copy with an integer setting. */
  public ModelConfig with(String key, long value) {
    ObjectNode n = node.deepCopy();
    n.put(key, value);
    return new ModelConfig(n);
  }

  /** A copy with a number setting. */
  public ModelConfig with(String key, double value) {
    ObjectNode n = node.deepCopy();
    n.put(key, value);
    return new ModelConfig(n);
  }

  /** A copy with a flag. */
  public ModelConfig with(String key, boolean value) {
    ObjectNode n = node.deepCopy();
    n.put(key, value);
    return new ModelConfig(n);
  }

  /** A copy with a text setting. */
  public ModelConfig with(String key, String value) {
    ObjectNode n = node.deepCopy();
    n.put(key, value);
    return new ModelConfig(n);
  }

  /** A copy with a list of integers. */
  public ModelConfig with(String key, int[] values) {
    ObjectNode n = node.deepCopy();
    ArrayNode a = n.putArray(key);
    for (int v : values) {
      a.add(v);
    }
    return new ModelConfig(n);
  }

  /** An integer setting, or {@code def} when absent. */
  public int getInt(String key, int def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.canConvertToInt()) {
      throw new IllegalArgumentException("model config '" + key + "' must be an integer, got " + v);
    }
    return v.asInt();
  }

  /** A number setting, or {@code def} when absent. */
  public double getDouble(String key, double def) {
    JsonNode v = node.get(key);
    return v == null ? def : v.asDouble();
  }

  /** A flag, or {@code def} when absent. */
  public boolean getBoolean(String key, boolean def) {
    JsonNode v = node.get(key);
    return v == null ? def : v.asBoolean();
  }

  /** A text setting, or {@code def} when absent. */
  public String getString(String key, String def) {
    JsonNode v = node.get(key);
    return v == null ? def : v.asText();
  }

  /** A list of integers, or {@code def} when absent. */
  public int[] getInts(String key, int[] def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def.clone();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "model config '" + key + "' must be a list of integers, got " + v);
    }
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).asInt();
    }
    return out;
  }

  /** The settings as a JSON object (a copy). */
  public ObjectNode toJson() {
    return node.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelConfig c && node.equals(c.node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return node.toString();
    }
  }
}
