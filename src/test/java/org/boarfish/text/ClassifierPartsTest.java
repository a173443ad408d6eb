package org.boarfish.text;

import static org.boarfish.text.AwdLstmTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Masked concat pooling, chunked sentence encoding, AR/TAR. */
class ClassifierPartsTest {
  @Test
  void maskedConcatPoolIgnoresFrontPadding() {
    // row 0: 3 real steps; row 1: 2 pad steps first, then 1 real step
    Tensor out =
        Tensor.of(
            new float[] {
              1, -1, /**/ 3, 0, /**/ 2, 5, //
              9, 9, /**/ 9, 9, /**/ -4, 2
            },
            2,
            3,
            2);
    boolean[][] mask = {{false, false, false}, {true, true, false}};
    Tensor p = ConcatPool.maskedConcatPool(out, mask);
    // [last, max, mean]
    assertArrayEquals(
        new float[] {2, 5, 3, 5, 2, 4 / 3f, -4, 2, -4, 2, -4, 2}, p.toFloatArray(), 1e-6f);
  }

  @Test
  void maskedConcatPoolTakesTheLastRealTokenBeforeEndPadding() {
    // fastai's pad_input_chunk puts the remainder of the padding after the text
    Tensor out = Tensor.of(new float[] {7, 1, 8, 0}, 1, 4, 1);
    Tensor p = ConcatPool.maskedConcatPool(out, new boolean[][] {{true, false, false, true}});
    assertArrayEquals(new float[] {8, 8, 4.5f}, p.toFloatArray(), 1e-6f);
  }

  @Test
  void poolingGradientReachesOnlyRealPositions() {
    Tensor out = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1).requiresGrad(true);
    ConcatPool.maskedConcatPool(out, new boolean[][] {{true, false, false, false}})
        .sum()
        .backward();
    // pad: 0; mean 1/3 each; max at 4; last at 4
    assertArrayEquals(
        new float[] {0, 1 / 3f, 1 / 3f, 2 + 1 / 3f}, out.grad().toFloatArray(), 1e-6f);
  }

  @Test
  void allPaddingRowIsAnError() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConcatPool.maskedConcatPool(Tensor.zeros(1, 2, 3), new boolean[][] {{true, true}}));
    assertEquals(true, e.getMessage().contains("row 0"));
  }

  @Test
  void chunkedEncoderEqualsOneRunOverTheWholeSequence() {
    AwdLstm enc = new AwdLstm(30, AwdLstmConfig.lm().withSizes(6, 10, 2), new Generator(3));
    enc.eval();
    Tensor x = Tensor.randint(new Generator(4), 2, 30, 2, 11);
    try (var ng = Autograd.noGrad()) {
      enc.reset();
      Tensor whole = enc.call(x);
      var chunked = new SentenceEncoder(4, enc, 1, 100).encode(x);
      assertClose(whole, chunked.output(), 1e-6);
      // maxLen keeps the chunks within the last 5 tokens: chunks starting at 8 (3 tokens) only
      // (the chunk at 4 holds 7 of the last tokens, more than 5)
      var tail = new SentenceEncoder(4, enc, 1, 5).encode(x);
      assertClose(whole.slice(1, 8, 11), tail.output(), 1e-6);
      assertEquals(3, tail.padMask()[0].length);
    }
  }

  @Test
  void frontPaddedRowsJoinWithAFreshState() {
    AwdLstm enc = new AwdLstm(30, AwdLstmConfig.lm().withSizes(6, 10, 2), new Generator(3));
    enc.eval();
    long[] a = {5, 6, 7, 8, 9, 10, 11, 12}; // the longest text first
    long[] b = {1, 1, 1, 1, 20, 21, 22, 23}; // 4 pad tokens, a multiple of bptt
    Tensor x = Tensor.of(concat(a, b), 2, 8);
    try (var ng = Autograd.noGrad()) {
      var e = new SentenceEncoder(4, enc, 1, 100).encode(x);
      enc.reset();
      Tensor bAlone = enc.call(Tensor.of(new long[] {20, 21, 22, 23}, 1, 4));
      assertClose(bAlone, e.output().slice(0, 1, 2).slice(1, 4, 8), 1e-6);
      // the skipped rows are zeros, masked as padding
      assertEquals(0.0, e.output().slice(0, 1, 2).slice(1, 0, 4).abs().sum().item(), 0);
      assertArrayEquals(
          new boolean[] {true, true, true, true, false, false, false, false}, e.padMask()[1]);
      enc.reset();
      assertClose(enc.call(Tensor.of(a, 1, 8)), e.output().slice(0, 0, 1), 1e-6);
    }
  }

  @Test
  void arAndTarOnKnownActivations() {
    Tensor raw = Tensor.of(new float[] {0, 1, 3, 2, 2, 2}, 1, 3, 2);
    Tensor dropped = Tensor.of(new float[] {1, 0, 2, 0, 0, 1}, 1, 3, 2);
    // AR: mean(dropped²) = (1 + 4 + 1) / 6 = 1; TAR: diffs (3,2)-(0,1)=(3,1), (2,2)-(3,2)=(-1,0)
    // mean((9 + 1 + 1 + 0) / 4) = 2.75
    assertEquals(2 * 1 + 2.75, new RNNRegularizer().penalty(raw, dropped).item(), 1e-6);
    assertEquals(2.75 * 3, new RNNRegularizer(0, 3).penalty(raw, dropped).item(), 1e-6);
    assertEquals(0.5, new RNNRegularizer(0.5, 0).penalty(raw, dropped).item(), 1e-6);
  }

  @Test
  void classifierHasFastaiHeadAndGroups() {
    TextClassifier tc =
        TextModels.classifier(
            40,
            AwdLstmConfig.clas().withSizes(6, 10, 3).dropMult(0.5),
            3,
            new int[] {50},
            new double[] {0.1},
            72,
            1440);
    var keys = tc.stateDict().keySet();
    assertEquals(true, keys.contains("0.module.encoder.weight"));
    assertEquals(true, keys.contains("1.layers.0.0.weight")); // BatchNorm1d(18)
    assertArrayEquals(new long[] {50, 18}, tc.stateDict().get("1.layers.0.2.weight").shape());
    assertArrayEquals(new long[] {3, 50}, tc.stateDict().get("1.layers.1.2.weight").shape());
    List<List<Tensor>> groups = TextModels.clasSplitter().split(tc);
    assertEquals(5, groups.size(), "embedding, 3 LSTM layers, head");
    long total = groups.stream().flatMap(List::stream).mapToLong(Tensor::numel).sum();
    assertEquals(tc.parameters().stream().mapToLong(Tensor::numel).sum(), total);
    tc.eval();
    Tensor x = Tensor.of(new long[] {4, 5, 6, 7, 1, 1, 8, 9}, 2, 4);
    try (var ng = Autograd.noGrad()) {
      assertArrayEquals(new long[] {2, 3}, tc.call(x).shape());
    }
  }

  private static long[] concat(long[] a, long[] b) {
    long[] o = new long[a.length + b.length];
    System.arraycopy(a, 0, o, 0, a.length);
    System.arraycopy(b, 0, o, a.length, b.length);
    return o;
  }
}
