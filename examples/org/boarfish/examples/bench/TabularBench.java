package org.boarfish.examples.bench;

import java.util.List;
import org.boarfish.optim.Adam;
import org.boarfish.optim.Optimizer;
import org.boarfish.tabular.Tabular;
import org.boarfish.tabular.TabularConfig;
import org.boarfish.tabular.TabularModel;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * W4 {@code tabular}: fastai's TabularModel for cardinalities [10,17,8,16,7,6,3,3] (widths by
 * embSzRule) and 6 continuous columns, layers [200, 100], two outputs, cross-entropy, AdamW; batch
 * 64.
 */
final class TabularBench {
  static final int[] CARDS = {10, 17, 8, 16, 7, 6, 3, 3};
  static final int N_CONT = 6;

  private TabularBench() {}

  static Workload workload() {
    Generator.manualSeed(42);
    int[][] szs = new int[CARDS.length][];
    for (int j = 0; j < CARDS.length; j++) {
      szs[j] = new int[] {CARDS[j], Tabular.embSzRule(CARDS[j])};
    }
    TabularModel model = new TabularModel(szs, N_CONT, 2, TabularConfig.defaults());
    model.train();
    Generator gen = new Generator(0);
    int bs = 64;
    long[] cats = new long[bs * CARDS.length];
    for (int j = 0; j < CARDS.length; j++) {
      long[] col = Tensor.randint(gen, 0, CARDS[j], bs).toLongArray();
      for (int i = 0; i < bs; i++) {
        cats[i * CARDS.length + j] = col[i];
      }
    }
    Tensor xCat = Tensor.of(cats, bs, CARDS.length);
    Tensor xCont = Tensor.randn(gen, bs, N_CONT);
    Tensor y = Tensor.randint(gen, 0, 2, bs);
    List<Tensor> params = model.parameters();
    Optimizer opt = Adam.of(params).lr(1e-3).wd(0.01).build();
    long n = params.stream().mapToLong(Tensor::numel).sum();
    return new Workload(
        "tabular",
        true,
        bs,
        20,
        200,
        "samples/s",
        1,
        n,
        () ->
            Workloads.trainStep(opt, () -> F.crossEntropy(model.forward(List.of(xCat, xCont)), y)));
  }
}
