package org.boarfish.learner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.InputEncoders;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * A test application: raw inputs are strings "x0,x1,x2,x3", scaled by a factor held as encoder
 * state. Found by the ServiceLoader through src/test/resources/META-INF/services.
 */
public final class CsvEncoderPlugin implements ExportPlugin {
  @Override
  public void register() {
    ModelRegistry.register("tiny_encoded", c -> Tiny.model());
    InputEncoders.register("tiny_csv", s -> new CsvEncoder(s.path("scale").asDouble()));
  }

  /** Parses comma-separated features and multiplies them by {@code scale}. */
  public record CsvEncoder(double scale) implements InputEncoder {
    @Override
    public String kind() {
      return "tiny_csv";
    }

    @Override
    public JsonNode toJson() {
      return ModelConfig.JSON.createObjectNode().put("scale", scale);
    }

    @Override
    public Tuple encode(List<?> items) {
      float[] x = new float[items.size() * 4];
      for (int i = 0; i < items.size(); i++) {
        String[] parts = String.valueOf(items.get(i)).split(",");
        if (parts.length != 4) {
          throw new IllegalArgumentException(
              "item " + i + " '" + items.get(i) + "' needs 4 comma-separated numbers");
        }
        for (int j = 0; j < 4; j++) {
          x[4 * i + j] = (float) (Double.parseDouble(parts[j].trim()) * scale);
        }
      }
      return new Tuple(List.of(Tensor.of(x, items.size(), 4)), 1);
    }
  }
}
