package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmOpsTest {
  /** Per layer W_ih, W_hh, b_ih, b_hh (float64, small values), as leaves. */
  private static List<Tensor> weights(int layers, int in, int h, long seed) {
    List<Tensor> w = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      w.add(FiniteDiff.randn64(seed + 10 * l, 4 * h, l == 0 ? in : h).mul(0.4).detach());
      w.add(FiniteDiff.randn64(seed + 10 * l + 1, 4 * h, h).mul(0.4).detach());
      w.add(FiniteDiff.randn64(seed + 10 * l + 2, 4 * h).mul(0.4).detach());
      w.add(FiniteDiff.randn64(seed + 10 * l + 3, 4 * h).mul(0.4).detach());
    }
    return w;
  }

  private static void requireGrad(List<Tensor> ts) {
    for (Tensor t : ts) {
      t.setGrad(null);
      t.requiresGrad(true);
    }
  }

  @Test
  void nullInitialStatesEqualExplicitZeros() {
    Tensor x = FiniteDiff.randn64(1, 2, 3, 4).requiresGrad(true);
    List<Tensor> w = weights(2, 4, 5, 100);
    requireGrad(w);
    LstmState a = F.lstm(x, null, null, w, 2, true);
    Tensor up = FiniteDiff.randn64(2, 2, 3, 5);
    FiniteDiff.dot(a.output(), up, a.h(), a.c()).backward();
    double[] gx = x.grad().toDoubleArray();
    double[] gw = w.get(5).grad().toDoubleArray();
    x.setGrad(null);
    w.forEach(t -> t.setGrad(null));
    Tensor z = Tensor.zeros(DType.FLOAT64, 2, 2, 5);
    LstmState b = F.lstm(x, z, z, w, 2, true);
    FiniteDiff.dot(b.output(), up, b.h(), b.c()).backward();
    FiniteDiff.assertClose(a.output(), b.output(), 0, "output");
    FiniteDiff.assertClose(a.h(), b.h(), 0, "h_n");
    FiniteDiff.assertClose(a.c(), b.c(), 0, "c_n");
    assertArrayEquals(gx, x.grad().toDoubleArray(), 1e-15);
    assertArrayEquals(gw, w.get(5).grad().toDoubleArray(), 1e-15);
  }

  @Test
  void timeMajorLayoutMatchesBatchFirst() {
    Tensor x = FiniteDiff.randn64(1, 3, 4, 2); // [B, T, in]
    Tensor h0 = FiniteDiff.randn64(2, 2, 3, 5);
    Tensor c0 = FiniteDiff.randn64(3, 2, 3, 5);
    List<Tensor> w = weights(2, 2, 5, 200);
    LstmState bf = F.lstm(x, h0, c0, w, 2, true);
    LstmState tm = F.lstm(x.transpose(0, 1), h0, c0, w, 2, false);
    assertArrayEquals(new long[] {4, 3, 5}, tm.output().shape());
    FiniteDiff.assertClose(bf.output().transpose(0, 1), tm.output(), 1e-14, "output");
    FiniteDiff.assertClose(bf.h(), tm.h(), 1e-14, "h_n");
    FiniteDiff.assertClose(bf.c(), tm.c(), 1e-14, "c_n");
    // the last layer's h_n is the output's last step
    FiniteDiff.assertClose(
        tm.h().slice(0, 1, 2).reshape(3, 5),
        tm.output().slice(0, 3, 4).reshape(3, 5),
        0,
        "last step");
  }

  @Test
  void missingBiasesEqualZeroBiases() {
    Tensor x = FiniteDiff.randn64(1, 2, 3, 4);
    List<Tensor> w = weights(2, 4, 3, 300);
    List<Tensor> zeroBias = new ArrayList<>(w);
    List<Tensor> nullBias = new ArrayList<>(w);
    List<Tensor> noBias = new ArrayList<>();
    for (int l = 0; l < 2; l++) {
      zeroBias.set(4 * l + 2, Tensor.zeros(DType.FLOAT64, 12));
      zeroBias.set(4 * l + 3, Tensor.zeros(DType.FLOAT64, 12));
      nullBias.set(4 * l + 2, null);
      nullBias.set(4 * l + 3, null);
      noBias.add(w.get(4 * l));
      noBias.add(w.get(4 * l + 1));
    }
    Tensor want = F.lstm(x, null, null, zeroBias, 2, true).output();
    FiniteDiff.assertClose(
        want, F.lstm(x, null, null, nullBias, 2, true).output(), 0, "null biases");
    FiniteDiff.assertClose(
        want, F.lstm(x, null, null, noBias, 2, true).output(), 0, "two weights per layer");
  }

  @Test
  void gradientsByFiniteDifferencesTimeMajor() {
    Tensor x = FiniteDiff.randn64(1, 4, 2, 3); // [T, B, in]
    Tensor h0 = FiniteDiff.randn64(2, 2, 2, 4);
    Tensor c0 = FiniteDiff.randn64(3, 2, 2, 4);
    List<Tensor> w = weights(2, 3, 4, 400);
    w.set(6, null); // layer 1 without b_ih
    Tensor u1 = FiniteDiff.randn64(5, 4, 2, 4);
    Tensor u2 = FiniteDiff.randn64(6, 2, 2, 4);
    Tensor u3 = FiniteDiff.randn64(7, 2, 2, 4);
    List<Tensor> leaves = new ArrayList<>(List.of(x, h0, c0));
    w.stream().filter(t -> t != null).forEach(leaves::add);
    FiniteDiff.check(
        () -> {
          LstmState s = F.lstm(x, h0, c0, w, 2, false);
          return FiniteDiff.dot(s.output(), u1, s.h(), u2, s.c(), u3);
        },
        leaves,
        25,
        null);
    // only h_n used: the output and c_n gradients arrive as zeros
    FiniteDiff.check(() -> F.lstm(x, h0, c0, w, 2, false).h().mul(u2).sum(), leaves, 15, null);
  }

  @Test
  void float32MatchesFloat64() {
    Tensor x = FiniteDiff.randn64(1, 4, 7, 6);
    List<Tensor> w = weights(2, 6, 8, 500);
    Tensor up = FiniteDiff.randn64(2, 4, 7, 8);
    requireGrad(w);
    x.requiresGrad(true);
    LstmState s64 = F.lstm(x, null, null, w, 2, true);
    s64.output().backward(up);
    Tensor x32 = x.to(DType.FLOAT32).detach().requiresGrad(true);
    List<Tensor> w32 = new ArrayList<>();
    w.forEach(t -> w32.add(t.to(DType.FLOAT32).detach().requiresGrad(true)));
    LstmState s32 = F.lstm(x32, null, null, w32, 2, true);
    s32.output().backward(up.to(DType.FLOAT32));
    FiniteDiff.assertClose(s64.output(), s32.output(), 1e-5, "output");
    FiniteDiff.assertClose(s64.c(), s32.c(), 1e-5, "c_n");
    FiniteDiff.assertClose(x.grad(), x32.grad(), 1e-4, "grad x");
    for (int k = 0; k < w.size(); k++) {
      FiniteDiff.assertClose(w.get(k).grad(), w32.get(k).grad(), 1e-4, "grad weight " + k);
    }
  }

  /** Hidden 256 (the per-step GEMMs on every core): a batch equals its sequences run one by one. */
  @Test
  void aBatchEqualsItsSequencesOneAtATime() {
    int b = 3;
    int hd = 256;
    Tensor x = FiniteDiff.randn64(1, b, 4, 5).requiresGrad(true);
    Tensor h0 = FiniteDiff.randn64(2, 2, b, hd).requiresGrad(true);
    Tensor c0 = FiniteDiff.randn64(3, 2, b, hd).requiresGrad(true);
    List<Tensor> w = weights(2, 5, hd, 700);
    w.replaceAll(t -> t.mul(0.1).detach()); // unsaturated gates at hidden 256
    requireGrad(w);
    Tensor up = FiniteDiff.randn64(4, b, 4, hd);
    Tensor upH = FiniteDiff.randn64(5, 2, b, hd);
    LstmState all = F.lstm(x, h0, c0, w, 2, true);
    FiniteDiff.dot(all.output(), up, all.h(), upH, all.c(), upH).backward();
    double[] gw = w.get(1).grad().toDoubleArray();
    double[] gx = x.grad().toDoubleArray();
    double[] gc0 = c0.grad().toDoubleArray();
    w.forEach(t -> t.setGrad(null));
    for (int i = 0; i < b; i++) {
      Tensor xi = x.detach().slice(0, i, i + 1).contiguous().requiresGrad(true);
      Tensor h0i = h0.detach().slice(1, i, i + 1).contiguous();
      Tensor c0i = c0.detach().slice(1, i, i + 1).contiguous().requiresGrad(true);
      LstmState one = F.lstm(xi, h0i, c0i, w, 2, true);
      FiniteDiff.dot(
              one.output(),
              up.slice(0, i, i + 1),
              one.h(),
              upH.slice(1, i, i + 1),
              one.c(),
              upH.slice(1, i, i + 1))
          .backward();
      FiniteDiff.assertClose(all.output().slice(0, i, i + 1), one.output(), 1e-13, "output");
      FiniteDiff.assertClose(all.h().slice(1, i, i + 1), one.h(), 1e-13, "h_n");
      FiniteDiff.assertClose(all.c().slice(1, i, i + 1), one.c(), 1e-13, "c_n");
      double[] gxi = xi.grad().toDoubleArray();
      for (int k = 0; k < gxi.length; k++) {
        assertEquals(gx[i * gxi.length + k], gxi[k], 1e-12);
      }
      double[] gci = c0i.grad().toDoubleArray();
      for (int l = 0; l < 2; l++) {
        for (int k = 0; k < hd; k++) {
          assertEquals(gc0[(l * b + i) * hd + k], gci[l * hd + k], 1e-12);
        }
      }
    }
    assertArrayEquals(gw, w.get(1).grad().toDoubleArray(), 1e-11);
  }

  @Test
  void retainGraphGivesTheSameGradientTwice() {
    Tensor x = FiniteDiff.randn64(1, 2, 3, 4).requiresGrad(true);
    List<Tensor> w = weights(1, 4, 3, 600);
    requireGrad(w);
    Tensor out = F.lstm(x, null, null, w, 1, true).output();
    Tensor up = FiniteDiff.randn64(2, 2, 3, 3);
    out.backward(up, true);
    double[] once = w.get(1).grad().toDoubleArray();
    out.backward(up, false);
    double[] twice = w.get(1).grad().toDoubleArray();
    for (int i = 0; i < once.length; i++) {
      assertTrue(Math.abs(twice[i] - 2 * once[i]) < 1e-12);
    }
  }

  @Test
  void shapeErrorsNameTheProblem() {
    Tensor x = FiniteDiff.randn64(1, 2, 3, 4);
    List<Tensor> w = weights(1, 4, 5, 700);
    List<Tensor> bad = new ArrayList<>(w);
    bad.set(0, FiniteDiff.randn64(1, 20, 3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> F.lstm(x, null, null, bad, 1, true));
    assertTrue(
        e.getMessage().contains("W_ih") && e.getMessage().contains("[20, 4]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> F.lstm(x, null, null, w.subList(0, 3), 1, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> F.lstm(x, FiniteDiff.randn64(2, 1, 3, 5), null, w, 1, true));
    assertThrows(
        IllegalArgumentException.class, () -> F.lstm(x.reshape(6, 4), null, null, w, 1, true));
    assertThrows(
        IllegalArgumentException.class, () -> F.lstm(x.to(DType.FLOAT32), null, null, w, 1, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> F.lstm(x, null, null, Arrays.asList(null, w.get(1), null, null), 1, true));
  }

  @Test
  void worksInsideAScope() {
    Tensor x = Tensor.randn(1, 3, 5, 4).requiresGrad(true);
    List<Tensor> w = new ArrayList<>();
    weights(1, 4, 6, 800).forEach(t -> w.add(t.to(DType.FLOAT32).detach().requiresGrad(true)));
    try (Scope s = Scope.open()) {
      LstmState st = F.lstm(x, null, null, w, 1, true);
      st.output().sum().backward();
    }
    assertArrayEquals(new long[] {3, 5, 4}, x.grad().shape());
    assertArrayEquals(new long[] {24, 6}, w.get(1).grad().shape());
  }
}
