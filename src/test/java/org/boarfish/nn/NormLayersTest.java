package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.LstmState;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Layers on the norm/embedding/dropout/LSTM ops: batch norm, layer norm, embedding, dropout, LSTM,
 * fastai blocks.
 */
class NormLayersTest {
  private final Generator gen = new Generator(8);

  @Test
  void batchNormCountsTrainingBatchesAndUpdatesRunningStats() {
    BatchNorm1d bn = new BatchNorm1d(3);
    Tensor x = Tensor.randn(gen, 16, 3).mul(2).add(1);
    Tensor y = bn.call(x);
    assertEquals(1, bn.numBatchesTracked());
    assertArrayEquals(new float[] {0, 0, 0}, y.mean(0).toFloatArray(), 1e-5f);
    double m0 = x.index(":, 0").mean().item();
    assertEquals(0.1 * m0, bn.runningMean().index("0").item(), 1e-5);
    double v0 = x.index(":, 0").var().item();
    assertEquals(0.9 + 0.1 * v0, bn.runningVar().index("0").item(), 1e-4);
    bn.call(x);
    assertEquals(2, bn.numBatchesTracked());
    assertEquals(DType.INT64, bn.buffer("num_batches_tracked").dtype());
    bn.eval();
    Tensor e = bn.call(x);
    assertEquals(2, bn.numBatchesTracked(), "evaluation does not count");
    Tensor expected = x.sub(bn.runningMean()).div(bn.runningVar().add(1e-5).sqrt());
    assertArrayEquals(expected.toFloatArray(), e.toFloatArray(), 1e-5f);

    BatchNorm2d bn2 = new BatchNorm2d(2);
    Tensor img = Tensor.randn(gen, 4, 2, 3, 3);
    assertArrayEquals(img.shape(), bn2.call(img).shape());
    assertArrayEquals(
        new long[] {4, 3, 5}, new BatchNorm1d(3).call(Tensor.randn(gen, 4, 3, 5)).shape());
  }

  @Test
  void layerNormEmbeddingAndDropout() {
    LayerNorm ln = new LayerNorm(4);
    Tensor x = Tensor.randn(gen, 2, 3, 4);
    Tensor y = ln.call(x);
    assertArrayEquals(
        F.layerNorm(x, new long[] {4}, ln.weight(), ln.bias(), 1e-5).toFloatArray(),
        y.toFloatArray(),
        1e-6f);
    assertArrayEquals(new float[6], y.mean(2).reshape(-1).toFloatArray(), 1e-5f);

    Embedding emb = new Embedding(10, 3, 0L);
    Tensor idx = Tensor.of(new long[] {0, 4, 4, 9}, 2, 2);
    Tensor out = emb.call(idx);
    assertArrayEquals(new long[] {2, 2, 3}, out.shape());
    assertArrayEquals(emb.weight().index("4").toFloatArray(), out.index("0, 1").toFloatArray());
    out.sum().backward();
    assertArrayEquals(new float[] {2, 2, 2}, emb.weight().grad().index("4").toFloatArray());
    assertArrayEquals(
        new float[] {0, 0, 0},
        emb.weight().grad().index("0").toFloatArray(),
        "padding row gets no gradient");

    Tensor ones = Tensor.ones(100, 100);
    Tensor d1 = new Dropout(0.3, new Generator(1)).call(ones);
    Tensor d2 = new Dropout(0.3, new Generator(1)).call(ones);
    assertArrayEquals(d1.toFloatArray(), d2.toFloatArray(), "same generator, same mask");
    assertEquals(1.0, d1.mean().item(), 0.05);
    double kept = d1.gt(0).to(DType.FLOAT32).mean().item();
    assertEquals(0.7, kept, 0.03);
    assertEquals(1 / 0.7, d1.max().item(), 1e-5);
    assertNotEquals(0, new Dropout(0.5).call(ones).sub(ones).abs().sum().item());
  }

  @Test
  void lstmModuleMatchesTheFunction() {
    LSTM lstm = new LSTM(5, 7, 2, true, true, new Generator(3));
    assertEquals(
        List.of(
            "weight_ih_l0",
            "weight_hh_l0",
            "bias_ih_l0",
            "bias_hh_l0",
            "weight_ih_l1",
            "weight_hh_l1",
            "bias_ih_l1",
            "bias_hh_l1"),
        List.copyOf(lstm.namedParameters().keySet()));
    assertArrayEquals(new long[] {28, 5}, lstm.param("weight_ih_l0").shape());
    assertArrayEquals(new long[] {28, 7}, lstm.param("weight_ih_l1").shape());
    Tensor x = Tensor.randn(gen, 3, 4, 5);
    LstmState s = lstm.forward(x, null);
    LstmState f = F.lstm(x, null, null, lstm.flatWeights(), 2, true);
    assertArrayEquals(new long[] {3, 4, 7}, s.output().shape());
    assertArrayEquals(new long[] {2, 3, 7}, s.h().shape());
    assertArrayEquals(f.output().toFloatArray(), s.output().toFloatArray(), 1e-6f);
    assertArrayEquals(f.c().toFloatArray(), s.c().toFloatArray(), 1e-6f);
    assertArrayEquals(s.output().toFloatArray(), lstm.call(x).toFloatArray(), 1e-6f);
    // the last output step is the top layer's final h
    assertArrayEquals(
        s.h().index("1").toFloatArray(), s.output().index(":, -1").toFloatArray(), 1e-6f);
    LstmState next = lstm.forward(x, s);
    LstmState fNext = F.lstm(x, s.h(), s.c(), lstm.flatWeights(), 2, true);
    assertArrayEquals(fNext.h().toFloatArray(), next.h().toFloatArray(), 1e-6f);
    lstm.call(x).sum().backward();
    assertTrue(lstm.parameters().stream().allMatch(p -> p.grad() != null));
  }

  @Test
  void fastaiBlocksRunForwardAndBackward() {
    ConvLayer c = new ConvLayer(3, 8, 3, 2);
    Tensor x = Tensor.randn(gen, 2, 3, 8, 8);
    Tensor y = c.call(x);
    assertArrayEquals(new long[] {2, 8, 4, 4}, y.shape());
    assertTrue(y.min().item() >= 0, "ReLU last");

    ResBlock same = new ResBlock(1, 8, 8);
    Tensor h = Tensor.randn(gen, 2, 8, 6, 6);
    // zero-initialised last BN: the block starts as relu(x + 1e-3 bias)
    assertArrayEquals(h.add(1e-3).relu().toFloatArray(), same.call(h).toFloatArray(), 1e-5f);
    ResBlock down = new ResBlock(1, 8, 16, 2);
    assertArrayEquals(new long[] {2, 16, 3, 3}, down.call(h).shape());
    ResBlock odd = new ResBlock(4, 2, 4, 2);
    assertArrayEquals(new long[] {2, 16, 4, 4}, odd.call(Tensor.randn(gen, 2, 8, 7, 7)).shape());
    down.call(h).sum().backward();
    assertTrue(down.parameters().stream().allMatch(p -> p.grad() != null));

    LinBnDrop lbd = new LinBnDrop(6, 3, true, 0.25, new ReLU());
    assertArrayEquals(new long[] {5, 3}, lbd.call(Tensor.randn(gen, 5, 6)).shape());
    Tensor r =
        new SigmoidRange(0, 5.5).call(Embedding.fastai(4, 2).call(Tensor.of(new long[] {1, 3})));
    assertEquals(2.75, r.mean().item(), 0.05);
  }
}
