package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.learner.ParamSplitter;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * The model factories registered with {@link ModelRegistry} ({@code awd_lstm_lm}, {@code
 * awd_lstm_clas}), so that exports of text learners load in a fresh JVM, and fastai's splitters.
 */
public final class TextModels {
  /** Factory name of {@link LanguageModel}. */
  public static final String LM = "awd_lstm_lm";

  /** Factory name of {@link TextClassifier}. */
  public static final String CLAS = "awd_lstm_clas";

  private TextModels() {}

  /** Registers both factories (idempotent). */
  public static void register() {
    ModelRegistry.register(LM, TextModels::lm);
    ModelRegistry.register(CLAS, TextModels::clas);
  }

  static ModelConfig lmConfig(int vocabSz, AwdLstmConfig cfg) {
    return cfg.toModelConfig().with("vocabSz", vocabSz);
  }

  static ModelConfig clasConfig(
      int vocabSz, AwdLstmConfig cfg, int nOut, int[] linFtrs, double[] ps, int bptt, int maxLen) {
    ModelConfig c =
        cfg.toModelConfig()
            .with("vocabSz", vocabSz)
            .with("nOut", nOut)
            .with("linFtrs", linFtrs)
            .with("bptt", bptt)
            .with("maxLen", maxLen);
    int[] psMilli = new int[ps.length];
    for (int i = 0; i < ps.length; i++) {
      psMilli[i] = (int) Math.round(ps[i] * 1_000_000);
    }
    return c.with("psMicro", psMilli);
  }

  private static Module lm(ModelConfig c) {
    return new LanguageModel(vocab(c), AwdLstmConfig.fromModelConfig(c));
  }

  private static Module clas(ModelConfig c) {
    AwdLstmConfig cfg = AwdLstmConfig.fromModelConfig(c);
    int[] psMicro = c.getInts("psMicro", new int[] {100_000});
    double[] ps = new double[psMicro.length];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = psMicro[i] / 1e6;
    }
    return classifier(
        vocab(c),
        cfg,
        c.getInt("nOut", 2),
        c.getInts("linFtrs", new int[] {50}),
        ps,
        c.getInt("bptt", 72),
        c.getInt("maxLen", 72 * 20));
  }

  private static int vocab(ModelConfig c) {
    int v = c.getInt("vocabSz", -1);
    if (v < 2) {
      throw new IllegalArgumentException("an AWD-LSTM model config needs vocabSz >= 2, got " + v);
    }
    return v;
  }

  /**
   * fastai's {@code get_text_classifier}: a {@link SentenceEncoder} over a new {@link AwdLstm} and
   * a {@link PoolingLinearClassifier} with sizes {@code [3·embSz] + linFtrs + [nOut]} and dropouts
   * {@code [outputP] + ps}.
   */
  public static TextClassifier classifier(
      int vocabSz, AwdLstmConfig cfg, int nOut, int[] linFtrs, double[] ps, int bptt, int maxLen) {
    if (ps.length != linFtrs.length) {
      throw new IllegalArgumentException(
          "a classifier needs one dropout per hidden layer: "
              + linFtrs.length
              + " lin_ftrs but "
              + ps.length
              + " ps");
    }
    if (nOut < 1) {
      throw new IllegalArgumentException("a classifier needs nOut >= 1, got " + nOut);
    }
    AwdLstm enc = new AwdLstm(vocabSz, cfg);
    int[] dims = new int[linFtrs.length + 2];
    dims[0] = 3 * cfg.embSz();
    System.arraycopy(linFtrs, 0, dims, 1, linFtrs.length);
    dims[dims.length - 1] = nOut;
    double[] drops = new double[ps.length + 1];
    drops[0] = cfg.outputP();
    System.arraycopy(ps, 0, drops, 1, ps.length);
    return new TextClassifier(
        new SentenceEncoder(bptt, enc, cfg.padToken(), maxLen),
        new PoolingLinearClassifier(dims, drops));
  }

  /**
   * fastai's {@code awd_lstm_lm_split}: one group per LSTM layer (with its dropouts), then the
   * embedding with the decoder.
   */
  public static ParamSplitter lmSplitter() {
    return m -> {
      LanguageModel lm = (LanguageModel) m;
      List<List<Tensor>> groups = new ArrayList<>(lm.encoder().layerGroups());
      List<Tensor> last = new ArrayList<>(lm.encoder().encoder().parameters());
      for (Tensor p : lm.decoder().parameters()) {
        if (last.stream().noneMatch(q -> q == p)) {
          last.add(p);
        }
      }
      groups.add(last);
      return groups;
    };
  }

  /**
   * fastai's {@code awd_lstm_clas_split}: the embedding, one group per LSTM layer, then the head.
   */
  public static ParamSplitter clasSplitter() {
    return m -> {
      TextClassifier tc = (TextClassifier) m;
      List<List<Tensor>> groups = new ArrayList<>();
      groups.add(tc.encoder().module().encoder().parameters());
      groups.addAll(tc.encoder().module().layerGroups());
      groups.add(tc.head().parameters());
      return groups;
    };
  }
}
