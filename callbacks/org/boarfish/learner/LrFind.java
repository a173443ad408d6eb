package org.boarfish.learner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link Learner#lrFind()}: the recorded learning rates and smoothed losses, and
 * fastai's four suggestions ({@link LrSuggestions}) with {@link #valley()} the default.
 *
 * @param lrs the learning rate of each batch run
 * @param losses the smoothed loss after each batch
 * @param valley the valley suggestion (fastai's default since 2.5)
 * @param slide the slide suggestion
 * @param minimum the loss-minimum learning rate divided by 10
 * @param steep the learning rate where the loss falls fastest
 * @param plot the PNG written, or null
 */
public record LrFind(
    List<Double> lrs,
    List<Double> losses,
    double valley,
    double slide,
    double minimum,
    double steep,
    Path plot) {

  /** The suggestions by name, in fastai's order. */
  public Map<String, Double> suggestions() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("valley", valley);
    m.put("slide", slide);
    m.put("minimum", minimum);
    m.put("steep", steep);
    return m;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SuggestedLRs(valley=%.3e, slide=%.3e, minimum=%.3e, steep=%.3e)",
        valley,
        slide,
        minimum,
        steep);
  }
}
