package org.boarfish.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boarfish.data.DataCache;
import org.boarfish.data.DataLoaders;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.metrics.Metric;
import org.boarfish.metrics.Metrics;
import org.boarfish.nn.CrossEntropyLossFlat;
import org.boarfish.optim.Moms;

/**
 * The text learners, as fastai's {@code language_model_learner} and {@code
 * text_classifier_learner}.
 *
 * <pre>{@code
 * var lm = Text.languageModelLearner(dlsLm, AwdLstmConfig.small(), 1.0);
 * lm.fitOneCycle(1, 2e-2);
 * System.out.println(lm.predict("This movie is", 20, 0.75));
 * lm.saveEncoder("ft_enc");
 *
 * var clas = Text.classifierLearner(dlsClas, AwdLstmConfig.small(), 0.5);
 * clas.loadEncoder("ft_enc");          // then freezes all but the head
 * clas.fitOneCycle(1, 2e-2);
 * clas.freezeTo(-2);
 * clas.fitOneCycle(1, LrRange.of(1e-2 / Math.pow(2.6, 4), 1e-2));
 * }</pre>
 *
 * <p>Both take the vocabulary from the DataLoaders' text input encoder ({@link Vocab#of}). fastai
 * defaults: {@code CrossEntropyLossFlat}, moms 0.8/0.7/0.8, {@link ModelResetter} and {@link
 * RNNRegularizer}(2, 1); the language model reports accuracy and perplexity.
 */
public final class Text {
  /** fastai's text momentum schedule. */
  public static final Moms MOMS = Moms.of(0.8, 0.7, 0.8);

  static {
    TextModels.register();
  }

  private Text() {}

  /** A language model learner from scratch ({@code pretrained=false}), dropMult applied. */
  public static LMLearner languageModelLearner(
      DataLoaders dls, AwdLstmConfig config, double dropMult) {
    return languageModelLearner(dls, config, dropMult, false);
  }

  /**
   * A language model learner; with {@code pretrained} the WikiText-103 weights are loaded (see
   * {@code Pretrained}), matched to the data's vocabulary, and all but the last group frozen.
   */
  public static LMLearner languageModelLearner(
      DataLoaders dls, AwdLstmConfig config, double dropMult, boolean pretrained) {
    return languageModelLearner(
        dls, config, dropMult, pretrained, Metrics.accuracy(), Metrics.perplexity());
  }

  /** With other metrics. */
  public static LMLearner languageModelLearner(
      DataLoaders dls,
      AwdLstmConfig config,
      double dropMult,
      boolean pretrained,
      Metric... metrics) {
    Vocab vocab = Vocab.of(dls);
    AwdLstmConfig cfg = config.dropMult(dropMult);
    LanguageModel model =
        (LanguageModel) ModelRegistry.build(TextModels.LM, TextModels.lmConfig(vocab.size(), cfg));
    if (pretrained) {
      Pretrained.loadLanguageModel(model, vocab, DataCache.defaults());
    }
    Learner learn = builder(dls, model, TextModels.lmSplitter(), metrics).build();
    LMLearner l = new LMLearner(learn);
    if (pretrained) {
      learn.freeze();
    }
    return l;
  }

  /**
   * A classifier learner from scratch with fastai's head ([50], ps [0.1]), bptt 72, max length
   * 1440.
   */
  public static TextLearner classifierLearner(
      DataLoaders dls, AwdLstmConfig config, double dropMult) {
    return classifierLearner(dls, config, dropMult, -1, Metrics.accuracy());
  }

  /**
   * A classifier learner; {@code nOut} below 1 takes the number of classes from the data ({@code
   * dls.c()}).
   */
  public static TextLearner classifierLearner(
      DataLoaders dls, AwdLstmConfig config, double dropMult, int nOut, Metric... metrics) {
    return classifierLearner(
        dls,
        config,
        dropMult,
        nOut,
        new int[] {50},
        new double[] {0.1},
        72,
        72 * 20,
        false,
        metrics);
  }

  /** Every option, as fastai's {@code text_classifier_learner}. */
  public static TextLearner classifierLearner(
      DataLoaders dls,
      AwdLstmConfig config,
      double dropMult,
      int nOut,
      int[] linFtrs,
      double[] ps,
      int seqLen,
      int maxLen,
      boolean pretrained,
      Metric... metrics) {
    Vocab vocab = Vocab.of(dls);
    AwdLstmConfig cfg = config.dropMult(dropMult);
    int n = nOut >= 1 ? nOut : dls.c();
    TextClassifier model =
        (TextClassifier)
            ModelRegistry.build(
                TextModels.CLAS,
                TextModels.clasConfig(vocab.size(), cfg, n, linFtrs, ps, seqLen, maxLen));
    if (pretrained) {
      Pretrained.loadEncoder(model.encoder().module(), vocab, DataCache.defaults());
    }
    Learner learn = builder(dls, model, TextModels.clasSplitter(), metrics).build();
    if (pretrained) {
      learn.freeze();
    }
    return new TextLearner(learn);
  }

  private static Learner.Builder builder(
      DataLoaders dls,
      org.boarfish.nn.Module model,
      org.boarfish.learner.ParamSplitter splitter,
      Metric... metrics) {
    List<Callback> cbs = new ArrayList<>(Arrays.asList(new ModelResetter(), new RNNRegularizer()));
    return Learner.builder(dls, model)
        .lossFunc(new CrossEntropyLossFlat())
        .splitter(splitter)
        .metrics(metrics)
        .moms(MOMS)
        .callbacks(cbs.toArray(new Callback[0]));
  }
}
