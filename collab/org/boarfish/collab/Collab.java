package org.boarfish.collab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.Prediction;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code collab_learner}: a {@link Learner} over {@link CollabDataLoaders} with an {@link
 * EmbeddingDotBias} (or, with {@code useNn}, an {@link EmbeddingNN}), MSE loss and fastai's Adam
 * (wd 0.01 unless the builder says otherwise).
 *
 * <pre>{@code
 * var learn = Collab.learner(dls, 50, YRange.of(0, 5.5));
 * learn.fitOneCycle(5, 5e-3);
 * double r = Collab.predict(learn, 196, 242);           // a rating on raw ids
 * }</pre>
 */
public final class Collab {
  /** The {@link ModelRegistry} name of {@link EmbeddingDotBias} recipes. */
  public static final String DOT_BIAS = "collab_dot_bias";

  /** The {@link ModelRegistry} name of {@link EmbeddingNN} recipes. */
  public static final String NN = "collab_nn";

  static {
    CollabExportPlugin.registerAll();
  }

  private Collab() {}

  /** {@code YRange.of(low, high)}, for {@code Collab.learner(dls, 50, yRange(0, 5.5))}. */
  public static YRange yRange(double low, double high) {
    return YRange.of(low, high);
  }

  /** {@code learner(dls, 50, false, null, null)}. */
  public static Learner learner(CollabDataLoaders dls) {
    return learner(dls, 50, false, null, null);
  }

  /** An {@link EmbeddingDotBias} learner with {@code nFactors} factors; yRange may be null. */
  public static Learner learner(CollabDataLoaders dls, int nFactors, YRange yRange) {
    return learner(dls, nFactors, false, null, yRange);
  }

  /**
   * fastai's {@code collab_learner(dls, n_factors, use_nn, layers, y_range)}: {@code layers}
   * (hidden sizes of the NN variant) defaults to {@code [nFactors]}; yRange may be null.
   */
  public static Learner learner(
      CollabDataLoaders dls, int nFactors, boolean useNn, int[] layers, YRange yRange) {
    return builder(dls, nFactors, useNn, layers, yRange).build();
  }

  /**
   * The learner's builder, for more settings (wd, metrics, callbacks, path): {@code
   * Collab.builder(dls, 50, false, null, yRange).wd(0.1).build()}.
   */
  public static Learner.Builder builder(
      CollabDataLoaders dls, int nFactors, boolean useNn, int[] layers, YRange yRange) {
    if (nFactors < 1) {
      throw new IllegalArgumentException("nFactors must be positive, got " + nFactors);
    }
    Module model =
        ModelRegistry.build(
            useNn ? NN : DOT_BIAS,
            config(dls.classes(), nFactors, useNn ? layersOr(layers, nFactors) : null, yRange));
    return Learner.builder(dls.dls(), model).lossFunc(Losses.mse());
  }

  private static int[] layersOr(int[] layers, int nFactors) {
    return layers == null ? new int[] {nFactors} : layers.clone();
  }

  /** The recipe settings of a collab model (the vocabularies go with it, for interpretation). */
  static ModelConfig config(CollabClasses classes, int nFactors, int[] layers, YRange yRange) {
    ObjectNode o = CollabClasses.JSON.createObjectNode();
    o.put("nFactors", nFactors);
    if (layers != null) {
      var a = o.putArray("layers");
      for (int l : layers) {
        a.add(l);
      }
    }
    if (yRange != null) {
      o.put("yLow", yRange.low());
      o.put("yHigh", yRange.high());
    }
    o.set("classes", classes.toJson());
    return ModelConfig.fromJson(o);
  }

  /** The predicted rating of {@code user} for {@code item} (raw ids, or an item title). */
  public static double predict(Learner learn, Object user, Object item) {
    Prediction p = learn.predict(UserItem.of(user, item));
    return p.probs().toDoubleArray()[0];
  }

  /** Checks a collab model's input: int {@code [B, 2]}. */
  static void checkInput(Tensor x, String model) {
    if (x.dim() != 2 || x.size(1) != 2 || x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          model
              + " takes x [B, 2] of int (user row, item row), got "
              + x.dtype()
              + " of shape "
              + java.util.Arrays.toString(x.shape()));
    }
  }
}
