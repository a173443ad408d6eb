package org.boarfish.collab;

import com.fasterxml.jackson.databind.JsonNode;
import org.boarfish.data.InputEncoders;
import org.boarfish.learner.ExportPlugin;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;

/**
 * Registers the collab models ({@value Collab#DOT_BIAS}, {@value Collab#NN}) and the {@link
 * CollabEncoder}, so that {@code Learner.load} rebuilds a collab learner in a fresh JVM. Listed in
 * {@code collab/META-INF/services/org.boarfish.learner.ExportPlugin}.
 */
public final class CollabExportPlugin implements ExportPlugin {
  @Override
  public void register() {
    registerAll();
  }

  static void registerAll() {
    ModelRegistry.register(Collab.DOT_BIAS, CollabExportPlugin::dotBias);
    ModelRegistry.register(Collab.NN, CollabExportPlugin::nn);
    InputEncoders.register(CollabEncoder.KIND, CollabEncoder::fromJson);
  }

  private static EmbeddingDotBias dotBias(ModelConfig cfg) {
    JsonNode o = cfg.toJson();
    return EmbeddingDotBias.fromClasses(
        cfg.getInt("nFactors", 50), CollabClasses.fromJson(o.path("classes")), yRange(cfg));
  }

  private static EmbeddingNN nn(ModelConfig cfg) {
    CollabClasses c = CollabClasses.fromJson(cfg.toJson().path("classes"));
    int nu = c.users().size();
    int ni = c.items().size();
    int[][] embSzs = {{nu, EmbeddingNN.embSzRule(nu)}, {ni, EmbeddingNN.embSzRule(ni)}};
    int[] layers = cfg.getInts("layers", new int[] {cfg.getInt("nFactors", 50)});
    return new EmbeddingNN(embSzs, layers, yRange(cfg), c, org.boarfish.tensor.Generator.global());
  }

  private static YRange yRange(ModelConfig cfg) {
    JsonNode o = cfg.toJson();
    return o.has("yLow") ? YRange.of(o.get("yLow").asDouble(), o.get("yHigh").asDouble()) : null;
  }
}
