package org.boarfish.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.boarfish.data.Collate;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Datasets;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.IntToFloatTensor;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Pipeline;
import org.boarfish.data.Split;
import org.boarfish.data.ToTensor;
import org.boarfish.data.Transform;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Autograd;

/**
 * Turns image files (or {@link Image}s) into a model's input batch the way the validation loader
 * does: open in the loaders' mode, the resize/crop item transforms, collation, {@code
 * IntToFloatTensor}, the validation half of {@link AffineAugment} (centre crop and resize) and
 * {@code Normalize}. Its state is plain JSON, so an exported learner predicts on image files in a
 * fresh JVM: {@code Learner.load(file).predict(Path.of("cat.jpg"))}. {@link ImageDataLoaders} sets
 * one on the loaders it makes.
 */
public final class ImageInputEncoder implements InputEncoder {
  /** The kind it is registered under. */
  public static final String KIND = "vision.image";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode state;
  private final ImageMode mode;
  private final Pipeline itemTfms;
  private final Pipeline batchTfms;

  private ImageInputEncoder(ObjectNode state) {
    this.state = state;
    this.mode = ImageMode.valueOf(state.path("mode").asText("RGB"));
    List<Transform<?, ?>> items = new ArrayList<>();
    for (JsonNode t : state.withArray("item")) {
      items.add(itemTfm(t));
    }
    items.add(new ToTensor());
    this.itemTfms = new Pipeline(items);
    List<Transform<?, ?>> batch = new ArrayList<>();
    batch.add(new IntToFloatTensor(state.path("div").asDouble(255), 1));
    JsonNode a = state.path("affine");
    if (a.isObject()) {
      AugTransforms.Builder b =
          AugTransforms.builder()
              .maxLighting(0)
              .padMode(PadMode.valueOf(a.path("pad").asText()))
              .mode(GridSample.Mode.valueOf(a.path("mode").asText()));
      if (a.path("h").asInt() > 0) {
        b.size(a.path("h").asInt(), a.path("w").asInt()).minScale(a.path("minScale").asDouble(1));
      }
      batch.addAll(b.build());
    }
    JsonNode n = state.path("normalize");
    if (n.isObject()) {
      batch.add(Normalize.fromStats(doubles(n.path("mean")), doubles(n.path("std"))));
    }
    this.batchTfms = new Pipeline(batch);
  }

  /** Rebuilds an encoder from {@link #toJson()}. */
  public static ImageInputEncoder fromJson(JsonNode state) {
    if (!state.isObject()) {
      throw new IllegalArgumentException(
          "ImageInputEncoder: state must be a JSON object, got " + state);
    }
    return new ImageInputEncoder(((ObjectNode) state).deepCopy());
  }

  /**
   * The encoder of image loaders (first input an {@link ImageBlock}), or empty when a transform
   * cannot be described as data (a transform of your own): then export with a getX instead.
   */
  public static Optional<ImageInputEncoder> from(DataLoaders dls) {
    if (!(dls.train().dataset() instanceof Datasets ds) || ds.nInp() != 1) {
      return Optional.empty();
    }
    ImageMode mode = null;
    for (Transform<?, ?> t : ds.pipelines().get(0).transforms()) {
      if (t instanceof ImageBlock.OpenImage o) {
        mode = o.mode;
      }
    }
    if (mode == null) {
      return Optional.empty();
    }
    ObjectNode s = JSON.createObjectNode();
    s.put("mode", mode.name());
    ArrayNode items = s.putArray("item");
    for (Transform<?, ?> t : dls.train().afterItem().transforms()) {
      if (t instanceof ToTensor || t instanceof PointBlock.PointSizer || t.split() == Split.TRAIN) {
        continue; // training-only transforms don't run on validation
      }
      ObjectNode j = itemJson(t);
      if (j == null) {
        return Optional.empty();
      }
      items.add(j);
    }
    for (Transform<?, ?> t : dls.train().afterBatch().transforms()) {
      if (t instanceof IntToFloatTensor i) {
        s.put("div", i.div());
      } else if (t instanceof AffineAugment a) {
        AugTransforms.Builder b = a.settings();
        ObjectNode o = s.putObject("affine");
        o.put("h", b.height).put("w", b.width).put("minScale", b.minScale);
        o.put("pad", b.padMode.name()).put("mode", b.mode.name());
      } else if (t instanceof Normalize nz) {
        NormStats st = nz.stats();
        ObjectNode o = s.putObject("normalize");
        ArrayNode m = o.putArray("mean");
        ArrayNode d = o.putArray("std");
        for (int c = 0; c < st.channels(); c++) {
          m.add(st.mean()[c]);
          d.add(st.std()[c]);
        }
      } else if (!(t instanceof Lighting) && t.split() != Split.TRAIN) {
        return Optional.empty();
      }
    }
    return Optional.of(new ImageInputEncoder(s));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonNode toJson() {
    return state.deepCopy();
  }

  @Override
  public Tuple encode(List<?> items) {
    List<Object> samples = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Object o = items.get(i);
      Image img;
      if (o instanceof Image im) {
        img = im.convert(mode);
      } else if (o instanceof Path || o instanceof String) {
        img = Image.open(o instanceof Path p ? p : Path.of((String) o), mode);
      } else {
        throw new IllegalArgumentException(
            "ImageInputEncoder: item "
                + i
                + " is "
                + (o == null ? "null" : o.getClass().getSimpleName())
                + "; give an image file (Path or path string) or an Image");
      }
      samples.add(new Tuple(List.of(itemTfms.apply(img, Split.VALID)), 1));
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tuple batch = Collate.collate(samples);
      return (Tuple) batchTfms.apply(batch, Split.VALID);
    }
  }

  @Override
  public String toString() {
    return "ImageInputEncoder" + state;
  }

  private static ObjectNode itemJson(Transform<?, ?> t) {
    ObjectNode j = JSON.createObjectNode();
    if (t instanceof Resize r) {
      j.put("type", "Resize").put("h", r.height()).put("w", r.width());
      j.put("method", r.method().name()).put("pad", r.padMode().name());
    } else if (t instanceof CropPad c) {
      j.put("type", "CropPad")
          .put("h", c.height())
          .put("w", c.width())
          .put("pad", c.padMode().name());
    } else if (t instanceof RandomCrop c) {
      j.put("type", "RandomCrop").put("h", c.height()).put("w", c.width());
    } else if (t instanceof RandomResizedCrop c) {
      double[] v = c.settings();
      j.put("type", "RandomResizedCrop").put("h", (int) v[0]).put("w", (int) v[1]);
      j.put("minScale", v[2]).put("ratioMin", v[3]).put("ratioMax", v[4]).put("valXtra", v[5]);
    } else {
      return null;
    }
    return j;
  }

  private static Transform<?, ?> itemTfm(JsonNode t) {
    String type = t.path("type").asText();
    int h = t.path("h").asInt();
    int w = t.path("w").asInt();
    switch (type) {
      case "Resize":
        return new Resize(
            h,
            w,
            ResizeMethod.valueOf(t.path("method").asText()),
            PadMode.valueOf(t.path("pad").asText()));
      case "CropPad":
        return new CropPad(h, w, PadMode.valueOf(t.path("pad").asText()));
      case "RandomCrop":
        return new RandomCrop(h, w);
      case "RandomResizedCrop":
        return new RandomResizedCrop(
            h,
            w,
            t.path("minScale").asDouble(),
            t.path("ratioMin").asDouble(),
            t.path("ratioMax").asDouble(),
            t.path("valXtra").asDouble());
      default:
        throw new IllegalArgumentException(
            "ImageInputEncoder: unknown item transform '" + type + "' in " + t);
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).asDouble();
    }
    return d;
  }
}
