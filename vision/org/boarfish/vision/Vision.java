package org.boarfish.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.NormStats;
import org.boarfish.data.Normalize;
import org.boarfish.data.Transform;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.ParamSplitter;
import org.boarfish.metrics.Metric;
import org.boarfish.nn.Module;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Tensor;

/**
 * fastai's vision learners.
 *
 * <pre>{@code
 * var learn = Vision.learner(dls, Arch.RESNET34, Metrics.errorRate());      // pretrained, frozen body
 * learn.fineTune(2);
 * var scratch = Vision.learner(dls, Arch.XRESNET18,
 *     VisionOptions.defaults().pretrained(Pretrained.NONE), Metrics.accuracy());
 * var unet = Vision.unetLearner(segDls, Arch.RESNET34, VisionOptions.defaults(), Metrics.foregroundAcc(30));
 * }</pre>
 *
 * <p>The models are built through {@link ModelRegistry} (factories {@code vision_learner} and
 * {@code dynamic_unet}), so {@link Learner#export} and {@link Learner#load(Path)} rebuild them.
 */
public final class Vision {
  /** The registry name of {@link #learner}'s models. */
  public static final String CLASSIFIER = "vision_learner";

  /** The registry name of {@link #unetLearner}'s models. */
  public static final String UNET = "dynamic_unet";

  static {
    registerModels();
  }

  private Vision() {}

  /** Registers the vision model factories with {@link ModelRegistry} (idempotent). */
  public static void registerModels() {
    ModelRegistry.register(CLASSIFIER, Vision::buildClassifier);
    ModelRegistry.register(UNET, Vision::buildUnet);
  }

  /** {@link #learner(DataLoaders, Arch, VisionOptions, Metric...)} with fastai's defaults. */
  public static Learner learner(DataLoaders dls, Arch arch, Metric... metrics) {
    return learner(dls, arch, VisionOptions.defaults(), metrics);
  }

  /**
   * fastai's {@code vision_learner}: the architecture's body cut before its pooling, a {@link
   * Heads#createHead head}, the body split in two parameter groups plus the head (discriminative
   * learning rates), ImageNet normalisation added to the data and the body frozen when pretrained.
   */
  public static Learner learner(DataLoaders dls, Arch arch, VisionOptions o, Metric... metrics) {
    if (o.selfAttention() || o.blur()) {
      throw new IllegalArgumentException(
          "selfAttention and blur are options of Vision.unetLearner; a classifier has no U-Net"
              + " blocks (leave them false)");
    }
    int nOut = o.nOut() > 0 ? o.nOut() : dls.c();
    ModelConfig cfg = config(arch, nOut, o);
    Sequential model = (Sequential) ModelRegistry.build(CLASSIFIER, cfg);
    return finish(dls, arch, o, model, (Sequential) model.get(0), metrics);
  }

  /** {@link #unetLearner(DataLoaders, Arch, VisionOptions, Metric...)} with fastai's defaults. */
  public static Learner unetLearner(DataLoaders dls, Arch arch, Metric... metrics) {
    return unetLearner(dls, arch, VisionOptions.defaults(), metrics);
  }

  /**
   * fastai's {@code unet_learner}: a {@link DynamicUnet} over the architecture's body, sized from
   * one batch of {@code dls}; {@code nOut} defaults to {@code dls.c()} (the mask codes). Same
   * normalisation, split and freezing as {@link #learner}.
   */
  public static Learner unetLearner(
      DataLoaders dls, Arch arch, VisionOptions o, Metric... metrics) {
    int nOut = o.nOut() > 0 ? o.nOut() : dls.c();
    long[] shape = dls.oneBatch().tensor(0).shape();
    if (shape.length != 4) {
      throw new IllegalArgumentException(
          "unetLearner needs image batches [B, C, H, W], got " + java.util.Arrays.toString(shape));
    }
    ModelConfig cfg =
        config(arch, nOut, o.nIn((int) shape[1])).with("h", shape[2]).with("w", shape[3]);
    DynamicUnet model = (DynamicUnet) ModelRegistry.build(UNET, cfg);
    return finish(dls, arch, o.nIn((int) shape[1]), model, model.encoder(), metrics);
  }

  private static Learner finish(
      DataLoaders dls,
      Arch arch,
      VisionOptions o,
      Module model,
      Sequential body,
      Metric[] metrics) {
    boolean pretrained = o.pretrained() == Pretrained.IMAGENET;
    if (pretrained) {
      body.loadStateDict(arch.body(o.nIn(), Pretrained.IMAGENET).stateDict());
    }
    if (pretrained && o.normalize()) {
      addNormalize(dls);
    }
    Learner.Builder b = Learner.builder(dls, model).metrics(metrics).splitter(splitter(arch, body));
    if (o.lossFunc() != null) {
      b.lossFunc(o.lossFunc());
    }
    Learner learn = b.build();
    if (pretrained) {
      learn.freeze();
    }
    return learn;
  }

  /**
   * fastai's split: {@code body[:k]}, {@code body[k:]} (k = 6 for ResNets, 3 for XResNets) and
   * everything else in the model (the head or the decoder).
   */
  public static ParamSplitter splitter(Arch arch, Sequential body) {
    return m -> {
      List<Tensor> g0 = new ArrayList<>();
      List<Tensor> g1 = new ArrayList<>();
      List<Module> kids = body.children();
      for (int i = 0; i < kids.size(); i++) {
        (i < arch.splitAt() ? g0 : g1).addAll(kids.get(i).parameters());
      }
      java.util.Set<Tensor> seen =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      seen.addAll(g0);
      seen.addAll(g1);
      List<Tensor> rest = m.parameters().stream().filter(p -> !seen.contains(p)).toList();
      return List.of(g0, g1, rest);
    };
  }

  /**
   * Writes a grid of validation images with their targets and predictions ({@code
   * learn.show_results}).
   */
  public static Path showResults(Learner learn, Path png) {
    return showResults(learn, png, 9);
  }

  /** {@link #showResults(Learner, Path)} for at most {@code max} images. */
  public static Path showResults(Learner learn, Path png, int max) {
    return ShowResults.show(learn, png, max);
  }

  // ---------------------------------------------------------------- factories

  private static ModelConfig config(Arch arch, int nOut, VisionOptions o) {
    ModelConfig c =
        ModelConfig.empty()
            .with("arch", arch.archName())
            .with("nOut", nOut)
            .with("nIn", o.nIn())
            .with("linFtrs", o.linFtrs())
            .with("ps", join(o.ps()))
            .with("concatPool", o.concatPool())
            .with("firstBn", o.firstBn())
            .with("bnFinal", o.bnFinal())
            .with("linFirst", o.linFirst())
            .with("selfAttention", o.selfAttention())
            .with("blur", o.blur())
            .with("blurFinal", o.blurFinal());
    if (o.yRange() != null) {
      c = c.with("yLow", o.yRange()[0]).with("yHigh", o.yRange()[1]);
    }
    return c;
  }

  private static VisionOptions options(ModelConfig c) {
    String[] ps = c.getString("ps", "0.5").split(",");
    double[] p = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      p[i] = Double.parseDouble(ps[i]);
    }
    VisionOptions o =
        VisionOptions.defaults()
            .pretrained(Pretrained.NONE)
            .nIn(c.getInt("nIn", 3))
            .linFtrs(c.getInts("linFtrs", new int[] {512}))
            .ps(p)
            .concatPool(c.getBoolean("concatPool", true))
            .firstBn(c.getBoolean("firstBn", true))
            .bnFinal(c.getBoolean("bnFinal", false))
            .linFirst(c.getBoolean("linFirst", false))
            .selfAttention(c.getBoolean("selfAttention", false))
            .blur(c.getBoolean("blur", false))
            .blurFinal(c.getBoolean("blurFinal", true));
    if (!Double.isNaN(c.getDouble("yLow", Double.NaN))) {
      o = o.yRange(c.getDouble("yLow", 0), c.getDouble("yHigh", 1));
    }
    return o;
  }

  private static Module buildClassifier(ModelConfig c) {
    Arch arch = Arch.of(c.getString("arch", "resnet34"));
    VisionOptions o = options(c);
    Sequential body = arch.body(o.nIn(), Pretrained.NONE);
    int nf = Arch.numFeatures(body, o.nIn());
    return new Sequential(body, Heads.createHead(nf, c.getInt("nOut", 2), o));
  }

  private static Module buildUnet(ModelConfig c) {
    Arch arch = Arch.of(c.getString("arch", "resnet34"));
    VisionOptions o = options(c);
    Sequential body = arch.body(o.nIn(), Pretrained.NONE);
    return new DynamicUnet(
        body, o.nIn(), c.getInt("nOut", 2), c.getInt("h", 64), c.getInt("w", 64), o);
  }

  private static String join(double[] v) {
    StringBuilder s = new StringBuilder();
    for (double d : v) {
      s.append(s.length() == 0 ? "" : ",").append(d);
    }
    return s.toString();
  }

  /**
   * Adds ImageNet's {@link Normalize} to the batch transforms of every loader of {@code dls}, in
   * place, unless the training loader has a {@code Normalize} already, and refreshes its {@link
   * ImageInputEncoder} so that {@code predict} on image files and exports normalise too; returns
   * {@code dls}.
   */
  static DataLoaders addNormalize(DataLoaders dls) {
    for (Transform<?, ?> t : dls.train().afterBatch().transforms()) {
      if (t instanceof Normalize) {
        return dls;
      }
    }
    for (DataLoader dl : dls.loaders()) {
      dl.addAfterBatch(Normalize.fromStats(NormStats.IMAGENET));
    }
    if (dls.inputEncoder().orElse(null) instanceof ImageInputEncoder) {
      // the encoder of raw image files (predict, export) describes the batch transforms: refresh it
      ImageInputEncoder.from(dls).ifPresent(dls::inputEncoder);
    }
    return dls;
  }
}
