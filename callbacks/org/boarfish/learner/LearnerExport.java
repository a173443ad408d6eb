package org.boarfish.learner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.boarfish.io.SafeTensors;
import org.boarfish.metrics.Metric;
import org.boarfish.nn.Module;

/**
 * {@link Learner#export} and {@link Learner#load(Path)}: a zip holding {@code manifest.json}
 * (format and version, the model's {@link ModelRecipe}, the loss, the vocabulary, the input kind
 * and the validation batch transforms with their statistics) and {@code model.safetensors} (the
 * weights; no optimizer state). Written to a temporary file beside the target and renamed over it,
 * so a crash never leaves half a file.
 */
final class LearnerExport {
  static final String FORMAT = "boarfish-learner";
  static final int VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String WEIGHTS = "model.safetensors";

  private LearnerExport() {}

  static void write(Learner learn, Path file) {
    ModelRecipe recipe =
        learn
            .recipe()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "export needs the model's recipe to "
                            + "rebuild it in a fresh JVM, and "
                            + learn.model().name()
                            + " has none: build the model with "
                            + "ModelRegistry.build(name, config) (register your factory with ModelRegistry.register), or give the learner "
                            + ".recipe(new ModelRecipe(name, config))"));
    InferenceSpec spec = learn.dls() == null ? learn.spec : InferenceSpec.capture(learn);
    ObjectNode m = ModelConfig.JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("version", VERSION);
    ObjectNode model = m.putObject("model");
    model.put("name", recipe.name());
    model.set("config", recipe.config().toJson());
    m.set("data", spec.toJson());
    ArrayNode metrics = m.putArray("metrics");
    for (Metric x : learn.metrics()) {
      metrics.add(x.name());
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    String rnd = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path tmp = dir.resolve("." + target.getFileName() + "." + rnd + ".tmp");
    Path weights = dir.resolve("." + target.getFileName() + "." + rnd + ".weights.safetensors");
    try {
      Files.createDirectories(dir);
      SafeTensors.write(
          learn.model().stateDict(),
          weights,
          java.util.Map.of("format", "boarfish-learner-weights"));
      try (OutputStream os = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(os)) {
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(ModelConfig.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(WEIGHTS));
        Files.copy(weights, zip);
        zip.closeEntry();
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the learner to " + file + ": " + e, e);
    } finally {
      deleteQuietly(tmp);
      deleteQuietly(weights);
    }
  }

  static Learner read(Path file, Function<Object, ?> getX) {
    String where = file.toString();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode m = manifest(zip, where);
      String format = m.path("format").asText("");
      if (!FORMAT.equals(format)) {
        throw new IllegalArgumentException(
            where
                + " is not a Boarfish learner export (format '"
                + format
                + "', expected '"
                + FORMAT
                + "')");
      }
      int version = m.path("version").asInt(-1);
      if (version > VERSION) {
        throw new IllegalArgumentException(
            where
                + " was written by a newer Boarfish (export format version "
                + version
                + "); this version reads format "
                + VERSION
                + " and older: upgrade Boarfish to load it");
      }
      if (version < 1) {
        throw new IllegalArgumentException(
            where + " is damaged: its manifest has no valid format version");
      }
      JsonNode mj = m.get("model");
      if (mj == null || !mj.path("name").isTextual()) {
        throw new IllegalArgumentException(
            where + " is damaged: its manifest names no model recipe");
      }
      ModelRecipe recipe =
          new ModelRecipe(mj.get("name").asText(), ModelConfig.fromJson(mj.path("config")));
      if (!ModelRegistry.isRegistered(recipe.name())) {
        ExportPlugins.loadOnce();
      }
      if (!ModelRegistry.isRegistered(recipe.name())) {
        throw new IllegalArgumentException(
            where
                + " holds a model built by the factory '"
                + recipe.name()
                + "', which is not registered in this JVM; call ModelRegistry.register(\""
                + recipe.name()
                + "\", config -> ...) before Learner.load");
      }
      Module model = ModelRegistry.build(recipe);
      JsonNode data = m.get("data");
      if (data == null || !data.isObject()) {
        throw new IllegalArgumentException(where + " is damaged: its manifest has no data section");
      }
      InferenceSpec spec = InferenceSpec.fromJson(data, getX);
      loadWeights(zip, where, model);
      model.eval();
      return Learner.exportedBuilder(model)
          .lossFunc(spec.loss())
          .progress(false)
          .recipe(recipe)
          .spec(spec)
          .build();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no exported learner at " + where + ": the file does not exist", e);
    } catch (ZipException e) {
      throw new IllegalArgumentException(
          where
              + " is damaged or not a Boarfish export ("
              + e.getMessage()
              + "); export "
              + "the learner again",
          e);
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            "no exported learner at " + where + ": the file does not exist", e);
      }
      throw new UncheckedIOException("cannot read the exported learner " + where + ": " + e, e);
    }
  }

  private static JsonNode manifest(ZipFile zip, String where) throws IOException {
    ZipEntry e = zip.getEntry(MANIFEST);
    if (e == null) {
      throw new IllegalArgumentException(
          where + " is not a Boarfish learner export (no " + MANIFEST + " inside)");
    }
    try (InputStream in = zip.getInputStream(e)) {
      return ModelConfig.JSON.readTree(in.readAllBytes());
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException(
          where + " is damaged: its manifest is not valid JSON (" + ex.getOriginalMessage() + ")",
          ex);
    }
  }

  private static void loadWeights(ZipFile zip, String where, Module model) throws IOException {
    ZipEntry e = zip.getEntry(WEIGHTS);
    if (e == null) {
      throw new IllegalArgumentException(where + " is damaged: it has no " + WEIGHTS);
    }
    Path tmp = Files.createTempFile("boarfish-load", ".safetensors");
    try {
      try (InputStream in = zip.getInputStream(e)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        model.loadStateDict(SafeTensors.read(tmp));
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(
            where + " is damaged or does not match its model recipe: " + ex.getMessage(), ex);
      }
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless
    }
  }
}
