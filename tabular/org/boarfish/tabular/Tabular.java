package org.boarfish.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.ModelConfig;
import org.boarfish.learner.ModelRegistry;
import org.boarfish.metrics.Metric;
import org.boarfish.nn.Module;
import tech.tablesaw.api.Table;

/**
 * Entry points of the tabular application, like fastai's {@code tabular_learner}, {@code
 * emb_sz_rule}, {@code cont_cat_split} and {@code add_datepart}.
 *
 * <pre>{@code
 * var dls = TabularDataLoaders.fromCsv(csv, procs, cats, conts, "salary", Splitters.random(0.2, 42), 64);
 * var learn = Tabular.learner(dls, List.of(200, 100), Metrics.accuracy());
 * learn.fitOneCycle(3, 1e-2);
 * learn.predict(Map.of("age", 49, "workclass", "Private", ...));   // Prediction[label=>=50k, ...]
 * }</pre>
 */
public final class Tabular {
  /** The name of the tabular model's factory in {@link ModelRegistry}. */
  public static final String MODEL = "tabular";

  static {
    register();
  }

  private Tabular() {}

  /** Registers the model factory (done once when this class loads). */
  static void register() {
    if (!ModelRegistry.isRegistered(MODEL)) {
      ModelRegistry.register(MODEL, Tabular::fromConfig);
    }
  }

  /** fastai's embedding width for a column of {@code nCat} values ({@code #na#} included). */
  public static int embSzRule(int nCat) {
    if (nCat < 1) {
      throw new IllegalArgumentException("a column needs at least one category, got " + nCat);
    }
    return (int) Math.min(600, Math.round(1.6 * Math.pow(nCat, 0.56)));
  }

  /**
   * {@code [cardinality, width]} per categorical column of the encoder's data, widths by {@link
   * #embSzRule} unless overridden by column name in {@code overrides}.
   */
  public static int[][] embSzs(TabularEncoder enc, Map<String, Integer> overrides) {
    Categorify cat = null;
    for (TabularProc p : enc.procs()) {
      if (p instanceof Categorify c) {
        cat = c;
      }
    }
    List<String> names = enc.catNames();
    if (cat == null && !names.isEmpty()) {
      throw new IllegalStateException("the data have categorical columns but no Categorify proc");
    }
    int[][] out = new int[names.size()][];
    for (int j = 0; j < out.length; j++) {
      int card = cat.cardinality(names.get(j));
      out[j] = new int[] {card, overrides.getOrDefault(names.get(j), embSzRule(card))};
    }
    return out;
  }

  /** A {@link TabularModel} for the data of {@code dls}, built through {@link ModelRegistry}. */
  public static Module model(DataLoaders dls, TabularConfig cfg) {
    TabularEncoder enc = encoder(dls);
    return ModelRegistry.build(
        MODEL, config(embSzs(enc, Map.of()), enc.contNames().size(), nOut(dls), cfg));
  }

  /** fastai's {@code tabular_learner} with the hidden layers {@code layers}. */
  public static Learner learner(DataLoaders dls, List<Integer> layers, Metric... metrics) {
    return learner(dls, TabularConfig.defaults().withLayers(layers), metrics);
  }

  /** fastai's {@code tabular_learner} with layers [200, 100]. */
  public static Learner learner(DataLoaders dls, Metric... metrics) {
    return learner(dls, TabularConfig.defaults(), metrics);
  }

  /** fastai's {@code tabular_learner} with every model setting. */
  public static Learner learner(DataLoaders dls, TabularConfig cfg, Metric... metrics) {
    return Learner.builder(dls, model(dls, cfg)).metrics(metrics).build();
  }

  /** fastai's {@code cont_cat_split}; see {@link ContCatSplit}. */
  public static ContCatSplit contCatSplit(Table df, int maxCard, String depVar) {
    return ContCatSplit.of(df, maxCard, depVar);
  }

  /** fastai's {@code add_datepart}; see {@link DatePart}. */
  public static Table addDatepart(Table df, String field) {
    return DatePart.add(df, field, null, true, false);
  }

  private static TabularEncoder encoder(DataLoaders dls) {
    InputEncoder e = dls.inputEncoder().orElse(null);
    if (!(e instanceof TabularEncoder te)) {
      throw new IllegalArgumentException(
          "Tabular.learner needs loaders made by TabularDataLoaders (or TabularData.dataloaders), "
              + "whose input encoder knows the columns; these have "
              + (e == null ? "no input encoder" : e.kind()));
    }
    return te;
  }

  private static int nOut(DataLoaders dls) {
    if (dls.lossHint() == LossHint.CROSS_ENTROPY) {
      return dls.vocab().size();
    }
    return (int) dls.train().oneBatch().tensor(2).size(1);
  }

  static ModelConfig config(int[][] embSzs, int nCont, int outSz, TabularConfig cfg) {
    int[] cards = new int[embSzs.length];
    int[] widths = new int[embSzs.length];
    for (int j = 0; j < embSzs.length; j++) {
      cards[j] = embSzs[j][0];
      widths[j] = embSzs[j][1];
    }
    StringBuilder ps = new StringBuilder();
    for (double p : cfg.ps()) {
      ps.append(ps.length() == 0 ? "" : ",").append(p);
    }
    ModelConfig c =
        ModelConfig.empty()
            .with("cards", cards)
            .with("widths", widths)
            .with("nCont", nCont)
            .with("outSz", outSz)
            .with("layers", cfg.layers().stream().mapToInt(Integer::intValue).toArray())
            .with("ps", ps.toString())
            .with("embedP", cfg.embedP())
            .with("useBn", cfg.useBn())
            .with("bnFinal", cfg.bnFinal())
            .with("bnCont", cfg.bnCont());
    if (cfg.yRange() != null) {
      c = c.with("yLow", cfg.yRange()[0]).with("yHigh", cfg.yRange()[1]);
    }
    return c;
  }

  static TabularModel fromConfig(ModelConfig c) {
    int[] cards = c.getInts("cards", new int[0]);
    int[] widths = c.getInts("widths", new int[0]);
    if (cards.length != widths.length) {
      throw new IllegalArgumentException("tabular model config: cards and widths differ in length");
    }
    int[][] embSzs = new int[cards.length][];
    for (int j = 0; j < cards.length; j++) {
      embSzs[j] = new int[] {cards[j], widths[j]};
    }
    List<Integer> layers = new ArrayList<>();
    for (int l : c.getInts("layers", new int[] {200, 100})) {
      layers.add(l);
    }
    List<Double> ps = new ArrayList<>();
    for (String p : c.getString("ps", "").split(",")) {
      if (!p.isBlank()) {
        ps.add(Double.parseDouble(p));
      }
    }
    double lo = c.getDouble("yLow", Double.NaN);
    double hi = c.getDouble("yHigh", Double.NaN);
    TabularConfig cfg =
        new TabularConfig(
            layers,
            ps,
            c.getDouble("embedP", 0),
            Double.isNaN(lo) ? null : new double[] {lo, hi},
            c.getBoolean("useBn", true),
            c.getBoolean("bnFinal", false),
            c.getBoolean("bnCont", true));
    return new TabularModel(embSzs, c.getInt("nCont", 0), c.getInt("outSz", 1), cfg);
  }
}
