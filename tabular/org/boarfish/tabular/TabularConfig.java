package org.boarfish.tabular;

import java.util.List;

/**
 * The settings of a {@link TabularModel} besides its input and output sizes, with fastai's defaults
 * ({@link #defaults()}): hidden layers [200, 100], no dropout, batch norm in the hidden blocks and
 * on the continuous inputs, none on the output, no output range.
 *
 * @param layers the hidden layer sizes
 * @param ps the dropout probability of each hidden layer (empty: 0 everywhere; one value: that
 *     value everywhere)
 * @param embedP the dropout probability after the embeddings
 * @param yRange null, or {@code [low, high]}: the output goes through {@code sigmoid·(high − low) +
 *     low}
 * @param useBn batch norm in the hidden blocks
 * @param bnFinal batch norm on the output block
 * @param bnCont batch norm on the continuous inputs
 */
public record TabularConfig(
    List<Integer> layers,
    List<Double> ps,
    double embedP,
    double[] yRange,
    boolean useBn,
    boolean bnFinal,
    boolean bnCont) {

  /** Checks the values. */
  public TabularConfig {
    layers = List.copyOf(layers);
    ps = List.copyOf(ps);
    for (int l : layers) {
      if (l < 1) {
        throw new IllegalArgumentException("hidden layer sizes must be at least 1, got " + layers);
      }
    }
    if (ps.size() > 1 && ps.size() != layers.size()) {
      throw new IllegalArgumentException(
          "ps needs one dropout probability per hidden layer ("
              + layers.size()
              + "), or one for all; got "
              + ps);
    }
    for (double p : ps) {
      checkP("ps", p);
    }
    checkP("embedP", embedP);
    if (yRange != null && (yRange.length != 2 || !(yRange[0] < yRange[1]))) {
      throw new IllegalArgumentException(
          "yRange must be [low, high] with low < high, got " + java.util.Arrays.toString(yRange));
    }
    yRange = yRange == null ? null : yRange.clone();
  }

  private static void checkP(String name, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + p);
    }
  }

  /** fastai's defaults: layers [200, 100], everything else as in {@code TabularModel}. */
  public static TabularConfig defaults() {
    return new TabularConfig(List.of(200, 100), List.of(), 0, null, true, false, true);
  }

  /** With these hidden layers. */
  public TabularConfig withLayers(List<Integer> layers) {
    return new TabularConfig(layers, ps, embedP, yRange, useBn, bnFinal, bnCont);
  }

  /** With these dropout probabilities. */
  public TabularConfig withPs(List<Double> ps) {
    return new TabularConfig(layers, ps, embedP, yRange, useBn, bnFinal, bnCont);
  }

  /** With this embedding dropout. */
  public TabularConfig withEmbedP(double embedP) {
    return new TabularConfig(layers, ps, embedP, yRange, useBn, bnFinal, bnCont);
  }

  /** With the output squashed into (low, high). */
  public TabularConfig withYRange(double low, double high) {
    return new TabularConfig(layers, ps, embedP, new double[] {low, high}, useBn, bnFinal, bnCont);
  }

  /** With or without batch norm in the hidden blocks, on the output, on the continuous inputs. */
  public TabularConfig withBn(boolean useBn, boolean bnFinal, boolean bnCont) {
    return new TabularConfig(layers, ps, embedP, yRange, useBn, bnFinal, bnCont);
  }

  /** The dropout probability of hidden layer {@code i}. */
  public double p(int i) {
    return ps.isEmpty() ? 0 : ps.size() == 1 ? ps.get(0) : ps.get(i);
  }
}
