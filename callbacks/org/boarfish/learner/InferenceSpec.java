package org.boarfish.learner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Datasets;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.InputEncoders;
import org.boarfish.data.IntToFloatTensor;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Pipeline;
import org.boarfish.data.Split;
import org.boarfish.data.TensorImage;
import org.boarfish.data.TensorItem;
import org.boarfish.data.ToTensor;
import org.boarfish.data.Transform;
import org.boarfish.data.Tuple;
import org.boarfish.nn.BCEWithLogitsLossFlat;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.nn.L1LossFlat;
import org.boarfish.nn.LabelSmoothingCrossEntropy;
import org.boarfish.nn.Loss;
import org.boarfish.nn.Losses;
import org.boarfish.nn.MSELossFlat;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Reduction;
import org.boarfish.tensor.Tensor;

/**
 * The part of the data pipeline an exported learner needs to predict: the loss (activation and
 * decoding), the vocabulary, whether the input is an image tensor, and the batch transforms that
 * run on validation data ({@link IntToFloatTensor}, {@link Normalize} with its statistics). Random
 * (training-only) transforms are left out. Other transforms cannot be exported yet: {@link
 * #capture} names them.
 */
final class InferenceSpec {
  private static final Pattern AXIS = Pattern.compile("axis=(-?\\d+)");

  private final ObjectNode loss;
  private final List<String> vocab;
  private final boolean image;
  private final ArrayNode batchTfms;
  private final Function<Object, ?> getX;
  private final InputEncoder encoder;

  private InferenceSpec(
      ObjectNode loss,
      List<String> vocab,
      boolean image,
      ArrayNode batchTfms,
      Function<Object, ?> getX,
      InputEncoder encoder) {
    this.loss = loss;
    this.vocab = vocab;
    this.image = image;
    this.batchTfms = batchTfms;
    this.getX = getX;
    this.encoder = encoder;
  }

  /**
   * The spec of a learner's data and loss; an error naming any transform that cannot be exported.
   */
  static InferenceSpec capture(Learner learn) {
    DataLoaders dls = learn.dls();
    InputEncoder enc = dls.inputEncoder().orElse(null);
    if (enc != null) {
      // the application's encoder turns raw input into model inputs: no pipeline to capture
      return new InferenceSpec(
          lossJson(learn.lossFunc()), vocabStrings(learn), false, null, null, enc);
    }
    if (dls.nInp() != 1) {
      throw new IllegalStateException(
          "export supports data with one input; this data has " + dls.nInp());
    }
    boolean image = false;
    if (dls.train().dataset() instanceof Datasets ds) {
      Pipeline input = ds.pipelines().get(0);
      for (Transform<?, ?> t : input.transforms()) {
        if (t.order() == Integer.MIN_VALUE) {
          continue; // the getter: the loaded learner takes its output, or is given it again at load
        }
        if (t.name().equals("TensorImage")) {
          image = true;
        } else {
          throw unsupported(t, "the input's type transforms");
        }
      }
    }
    for (Transform<?, ?> t : dls.train().afterItem().transforms()) {
      if (!(t instanceof ToTensor) && t.split() != Split.TRAIN) {
        throw unsupported(t, "the item transforms");
      }
    }
    ArrayNode batch = ModelConfig.JSON.createArrayNode();
    for (Transform<?, ?> t : dls.train().afterBatch().transforms()) {
      if (t.split() == Split.TRAIN) {
        continue;
      }
      if (t instanceof IntToFloatTensor itf) {
        batch.addObject().put("type", "IntToFloatTensor").put("div", itf.div());
      } else if (t instanceof Normalize n) {
        NormStats s = n.stats();
        ObjectNode o = batch.addObject().put("type", "Normalize");
        ArrayNode mean = o.putArray("mean");
        ArrayNode std = o.putArray("std");
        for (double v : s.mean()) {
          mean.add(v);
        }
        for (double v : s.std()) {
          std.add(v);
        }
      } else {
        throw unsupported(t, "the batch transforms");
      }
    }
    return new InferenceSpec(
        lossJson(learn.lossFunc()), vocabStrings(learn), image, batch, null, null);
  }

  private static List<String> vocabStrings(Learner learn) {
    CategoryMap v = Inference.vocabOrNull(learn);
    if (v == null) {
      return null;
    }
    List<String> vocab = new ArrayList<>();
    for (Object o : v.items()) {
      vocab.add(String.valueOf(o));
    }
    return vocab;
  }

  private static IllegalStateException unsupported(Transform<?, ?> t, String where) {
    return new IllegalStateException(
        "export cannot store the transform "
            + t.name()
            + " of "
            + where
            + ": an export holds only IntToFloatTensor and Normalize (and drops training-only random transforms); "
            + "remove it, or save the weights with learn.save(name) and rebuild the learner in code");
  }

  static ObjectNode lossJson(Loss loss) {
    ObjectNode o = ModelConfig.JSON.createObjectNode();
    if (loss instanceof CrossEntropyLossFlat) {
      Matcher m = AXIS.matcher(loss.toString());
      o.put("kind", "cross_entropy").put("axis", m.find() ? Integer.parseInt(m.group(1)) : -1);
    } else if (loss instanceof LabelSmoothingCrossEntropy ls) {
      o.put("kind", "label_smoothing").put("eps", ls.eps());
    } else if (loss instanceof BCEWithLogitsLossFlat b) {
      o.put("kind", "bce_with_logits").put("thresh", b.thresh());
    } else if (loss instanceof MSELossFlat) {
      o.put("kind", "mse");
    } else if (loss instanceof L1LossFlat) {
      o.put("kind", "l1");
    } else {
      throw new IllegalStateException(
          "export cannot store the loss "
              + loss
              + ": it supports the losses of "
              + "org.boarfish.nn.Losses (cross-entropy, label smoothing, BCE with logits, MSE, L1)");
    }
    return o;
  }

  static Loss lossFrom(JsonNode o) {
    String kind = text(o, "kind");
    return switch (kind) {
      case "cross_entropy" -> Losses.crossEntropy(o.path("axis").asInt(-1));
      case "label_smoothing" -> Losses.labelSmoothing(o.path("eps").asDouble(0.1));
      case "bce_with_logits" ->
          new BCEWithLogitsLossFlat(-1, o.path("thresh").asDouble(0.5), Reduction.MEAN);
      case "mse" -> Losses.mse();
      case "l1" -> Losses.l1();
      default ->
          throw new IllegalArgumentException("unknown loss kind '" + kind + "' in the export");
    };
  }

  ObjectNode toJson() {
    ObjectNode o = ModelConfig.JSON.createObjectNode();
    o.set("loss", loss.deepCopy());
    if (vocab != null) {
      ArrayNode v = o.putArray("vocab");
      vocab.forEach(v::add);
    }
    if (encoder != null) {
      o.put("input", "encoder");
      o.putObject("encoder").put("kind", encoder.kind()).set("state", encoder.toJson());
      return o;
    }
    o.put("nInp", 1);
    o.put("input", image ? "TensorImage" : "Tensor");
    o.set("batchTfms", batchTfms.deepCopy());
    return o;
  }

  static InferenceSpec fromJson(JsonNode data, Function<Object, ?> getX) {
    JsonNode loss = data.get("loss");
    if (loss == null || !loss.isObject()) {
      throw new IllegalArgumentException("the export's data section has no loss");
    }
    lossFrom(loss);
    List<String> vocab = null;
    if (data.has("vocab")) {
      vocab = new ArrayList<>();
      for (JsonNode v : data.get("vocab")) {
        vocab.add(v.asText());
      }
    }
    if ("encoder".equals(data.path("input").asText())) {
      JsonNode e = data.path("encoder");
      if (!e.path("kind").isTextual()) {
        throw new IllegalArgumentException("the export's input encoder has no kind");
      }
      ExportPlugins.loadOnce();
      InputEncoder enc = InputEncoders.fromJson(e.get("kind").asText(), e.path("state"));
      return new InferenceSpec((ObjectNode) loss.deepCopy(), vocab, false, null, null, enc);
    }
    JsonNode b = data.path("batchTfms");
    ArrayNode batch = b.isArray() ? ((ArrayNode) b).deepCopy() : ModelConfig.JSON.createArrayNode();
    return new InferenceSpec(
        (ObjectNode) loss.deepCopy(),
        vocab,
        "TensorImage".equals(text(data, "input")),
        batch,
        getX,
        null);
  }

  Loss loss() {
    return lossFrom(loss);
  }

  List<String> vocab() {
    return vocab;
  }

  private Pipeline batchPipeline() {
    List<Transform<?, ?>> ts = new ArrayList<>();
    for (JsonNode t : batchTfms) {
      switch (text(t, "type")) {
        case "IntToFloatTensor" -> ts.add(new IntToFloatTensor(t.path("div").asDouble(255), 1));
        case "Normalize" ->
            ts.add(Normalize.fromStats(doubles(t.get("mean")), doubles(t.get("std"))));
        default ->
            throw new IllegalArgumentException(
                "unknown batch transform '" + text(t, "type") + "' in the export");
      }
    }
    return new Pipeline(ts);
  }

  /**
   * One prediction: getX (if given at load), a batch of one, the batch transforms, the model,
   * activation, decoding.
   */
  Prediction predict(Learner learn, Object item) {
    if (encoder != null) {
      return predictEncoded(learn, encoder, item, vocab);
    }
    Object x =
        getX != null && !(item instanceof Tensor) && !(item instanceof TensorItem)
            ? getX.apply(item)
            : item;
    Tensor t;
    if (x instanceof TensorItem ti) {
      t = ti.tensor();
    } else if (x instanceof Tensor tt) {
      t = tt;
    } else {
      throw new IllegalArgumentException(
          "an exported learner predicts on what the input getter returned (a Tensor, e.g. "
              + "the pixels [C, H, W] of an image), not on "
              + (x == null ? "null" : x.getClass().getSimpleName())
              + "; pass that, or load with Learner.load(file, getX) to read items such as files");
    }
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor one = t.unsqueeze(0);
      Object el = image ? new TensorImage(one) : one;
      Tuple batch = (Tuple) batchPipeline().apply(new Tuple(List.of(el), 1), Split.VALID);
      learn.model().eval();
      Tensor pred = learn.model().call(batch.tensor(0));
      Loss l = learn.lossFunc();
      Tensor probs = l.activation(pred);
      Tensor dec = l.decode(probs);
      return Inference.toPrediction(
          l, probs.slice(0, 0, 1).squeeze(0), dec.slice(0, 0, 1).squeeze(0), vocab);
    }
  }

  /** One prediction of a raw item through the application's encoder. */
  static Prediction predictEncoded(Learner learn, InputEncoder enc, Object item, List<?> vocab) {
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      Tuple xb = enc.encode(List.of(item));
      learn.model().eval();
      Tensor pred = TrainingLoop.forward(learn.model(), xb.xs());
      Loss l = learn.lossFunc();
      Tensor probs = l.activation(pred);
      Tensor dec = l.decode(probs);
      return Inference.toPrediction(
          l, probs.slice(0, 0, 1).squeeze(0), dec.slice(0, 0, 1).squeeze(0), vocab);
    }
  }

  private static double[] doubles(JsonNode a) {
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("the export's Normalize statistics are missing");
    }
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("the export's manifest lacks '" + key + "' in " + o);
    }
    return v.asText();
  }
}
