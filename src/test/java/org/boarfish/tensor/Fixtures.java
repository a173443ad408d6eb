package org.boarfish.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch golden cases of {@code src/test/resources/fixtures} (copied from ../shared/fixtures).
 */
public final class Fixtures {
  private static JsonNode manifest;

  private Fixtures() {}

  public static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/fixtures.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static synchronized JsonNode manifest() {
    if (manifest == null) {
      try {
        manifest = new ObjectMapper().readTree(root().resolve("fixtures.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }

  public static Tensor load(String relative) {
    return Tensor.fromNpy(root().resolve(relative));
  }

  /** One op case: its name, op, params and the arrays named in the manifest. */
  public record Case(
      String name,
      String op,
      String dtype,
      JsonNode params,
      Map<String, String> inputs,
      Map<String, String> outputs,
      Map<String, String> upstream,
      Map<String, String> grads,
      double rtol,
      double atol) {

    public Map<String, Tensor> loadInputs() {
      Map<String, Tensor> m = new LinkedHashMap<>();
      inputs.forEach((k, v) -> m.put(k, load(v)));
      return m;
    }

    public String variant() {
      String rest = name.substring(op.length() + 1);
      int dot = rest.lastIndexOf('.');
      return dot < 0 ? "" : rest.substring(0, dot);
    }
  }

  public static List<Case> opCases() {
    List<Case> out = new ArrayList<>();
    JsonNode tolDefaults = manifest().get("meta").get("default_tolerance");
    for (JsonNode n : manifest().get("ops")) {
      String dtype = n.get("dtype").asText();
      JsonNode def = tolDefaults.get(dtype.equals("float64") ? "f64" : "f32");
      out.add(
          new Case(
              n.get("name").asText(),
              n.get("op").asText(),
              dtype,
              n.get("params"),
              map(n.get("inputs")),
              map(n.get("outputs")),
              map(n.get("upstream")),
              map(n.get("grads")),
              n.has("rtol") ? n.get("rtol").asDouble() : def.get("rtol").asDouble(),
              n.has("atol") ? n.get("atol").asDouble() : def.get("atol").asDouble()));
    }
    return out;
  }

  private static Map<String, String> map(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n != null) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), e.getValue().asText());
      }
    }
    return m;
  }
}
