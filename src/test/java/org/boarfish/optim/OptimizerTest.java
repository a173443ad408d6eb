package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Param groups, discriminative hypers, freezing, weight-decay flags, zeroGrad and validation. */
class OptimizerTest {

  static Tensor param(double... values) {
    return Tensor.of(values.clone()).requiresGrad(true);
  }

  static void grad(Tensor p, double... g) {
    p.setGrad(Tensor.of(g.clone()));
  }

  // ---------------------------------------------------------------- LrRange

  @Test
  void lrRangeSpreadsGeometricallyLikeFastaiSlice() {
    assertClose(new double[] {1e-5, 1e-4, 1e-3}, LrRange.of(1e-5, 1e-3).values(3));
    assertClose(
        new double[] {1e-06, 9.999999999999999e-05, 0.01}, LrRange.of(1e-6, 1e-2).values(3));
    assertClose(
        new double[] {2e-05, 0.00010626585691826111, 0.0005646216173286171, 0.0029999999999999996},
        LrRange.of(2e-5, 3e-3).values(4));
    assertClose(new double[] {1e-3}, LrRange.of(1e-5, 1e-3).values(1));
    assertClose(new double[] {1e-4, 1e-4, 1e-3}, LrRange.upTo(1e-3).values(3));
    assertClose(new double[] {0.1, 0.2, 0.3}, LrRange.each(0.1, 0.2, 0.3).values(3));
    assertClose(new double[] {2e-5, 2e-4, 2e-3}, LrRange.of(1e-5, 1e-3).times(2).values(3));
  }

  @Test
  void lrRangeIsAppliedPerGroup() {
    List<List<Tensor>> groups = List.of(List.of(param(1)), List.of(param(2)), List.of(param(3)));
    Adam opt = Adam.ofGroups(groups).lr(LrRange.of(1e-5, 1e-3)).build();
    assertEquals(1e-5, opt.hypers(0).lr(), 1e-20);
    assertEquals(1e-4, opt.hypers(1).lr(), 1e-19);
    assertEquals(1e-3, opt.lr(), 1e-18);
    opt.setLr(LrRange.upTo(1e-2));
    assertEquals(1e-3, opt.hypers(0).lr(), 1e-18);
    assertEquals(1e-3, opt.hypers(1).lr(), 1e-18);
    assertEquals(1e-2, opt.hypers(2).lr(), 1e-18);
    opt.setMom(LrRange.each(0.8, 0.85, 0.9));
    assertEquals(0.85, opt.hypers(1).mom());
    opt.setLr(0.5);
    for (ParamGroup g : opt.groups()) {
      assertEquals(0.5, g.hypers().lr());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.setLr(LrRange.each(1, 2)));
    assertEquals(
        "LrRange.each has 2 values but the optimizer has 3 param groups; give one value per group",
        e.getMessage());
  }

  // ---------------------------------------------------------------- freezing

  @Test
  void frozenGroupsAreSkippedButAlwaysTrainParamsStillUpdate() {
    Tensor body = param(1, 1);
    Tensor bn = param(1, 1);
    Tensor mid = param(1, 1);
    Tensor head = param(1, 1);
    SGD opt =
        SGD.ofGroups(List.of(List.of(body, bn), List.of(mid), List.of(head)))
            .lr(0.5)
            .alwaysTrain(List.of(bn))
            .build();
    for (Tensor p : List.of(body, bn, mid, head)) {
      grad(p, 1, 1);
    }
    opt.freeze();
    assertTrue(opt.groups().get(0).isFrozen());
    assertTrue(opt.groups().get(1).isFrozen());
    assertFalse(opt.groups().get(2).isFrozen());
    assertFalse(body.requiresGrad());
    assertTrue(bn.requiresGrad());
    assertFalse(mid.requiresGrad());
    opt.step();
    assertArrayEquals(new double[] {1, 1}, body.toDoubleArray());
    assertArrayEquals(new double[] {0.5, 0.5}, bn.toDoubleArray());
    assertArrayEquals(new double[] {1, 1}, mid.toDoubleArray());
    assertArrayEquals(new double[] {0.5, 0.5}, head.toDoubleArray());

    opt.freezeTo(1);
    opt.step();
    assertArrayEquals(new double[] {1, 1}, body.toDoubleArray());
    assertArrayEquals(new double[] {0.5, 0.5}, mid.toDoubleArray());
    assertArrayEquals(new double[] {0, 0}, head.toDoubleArray());

    opt.freezeTo(-2);
    assertTrue(opt.groups().get(0).isFrozen());
    assertFalse(opt.groups().get(1).isFrozen());

    opt.unfreeze();
    assertTrue(body.requiresGrad());
    opt.step();
    assertArrayEquals(new double[] {0.5, 0.5}, body.toDoubleArray());
    assertEquals(
        "freezeTo(4): this optimizer has 3 param groups, so n must be in [-3, 3]",
        assertThrows(IllegalArgumentException.class, () -> opt.freezeTo(4)).getMessage());
  }

  @Test
  void frozenParamsGetNoGradientFromBackward() {
    Tensor w0 = Tensor.randn(1, 4, 3).requiresGrad(true);
    Tensor w1 = Tensor.randn(2, 2, 4).requiresGrad(true);
    Adam opt = Adam.ofGroups(List.of(List.of(w0), List.of(w1))).build();
    opt.freeze();
    F.linear(F.linear(Tensor.randn(3, 5, 3), w0, null).relu(), w1, null).sum().backward();
    assertNull(w0.grad());
    assertNotNull(w1.grad());
    float[] before = w0.toFloatArray();
    opt.step();
    assertArrayEquals(before, w0.toFloatArray());
  }

  @Test
  void freezingOneGroupIsAnErrorWithARemedy() {
    Adam opt = Optimizers.adam(List.of(param(1)));
    IllegalStateException e = assertThrows(IllegalStateException.class, opt::freeze);
    assertTrue(e.getMessage().startsWith("freeze() needs at least 2 param groups"), e.getMessage());
  }

  // ---------------------------------------------------------------- weight decay

  @Test
  void noWeightDecayParamsAreUnaffectedByWd() {
    for (boolean decoupled : new boolean[] {true, false}) {
      Tensor w = param(2, -4);
      Tensor bias = param(2, -4);
      SGD sgd =
          SGD.of(List.of(w, bias))
              .lr(0.1)
              .wd(0.5)
              .decoupleWd(decoupled)
              .noWeightDecay(List.of(bias))
              .build();
      grad(w, 0, 0);
      grad(bias, 0, 0);
      sgd.step();
      assertArrayEquals(new double[] {2 * 0.95, -4 * 0.95}, w.toDoubleArray(), 1e-15);
      assertArrayEquals(new double[] {2, -4}, bias.toDoubleArray());
      assertFalse(sgd.hasWeightDecay(bias));
    }
    Tensor w = param(2, -4);
    Tensor bias = param(2, -4);
    Adam adam = Adam.of(List.of(w, bias)).lr(0.1).wd(0.5).noWeightDecay(List.of(bias)).build();
    grad(w, 0, 0);
    grad(bias, 0, 0);
    adam.step();
    assertArrayEquals(new double[] {2 * 0.95, -4 * 0.95}, w.toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {2, -4}, bias.toDoubleArray());
  }

  @Test
  void l2AndDecoupledDifferForAdam() {
    Tensor a = param(1, 2);
    Tensor b = param(1, 2);
    Adam l2 = Adam.of(List.of(a)).lr(0.1).wd(0.1).decoupleWd(false).build();
    Adam dec = Adam.of(List.of(b)).lr(0.1).wd(0.1).build();
    grad(a, 0, 0);
    grad(b, 0, 0);
    l2.step();
    dec.step();
    // L2: g = wd·p, so Adam moves each value by ~lr (sign of p); decoupled: only the decay p·(1 −
    // lr·wd).
    assertArrayEquals(new double[] {0.9, 1.9}, a.toDoubleArray(), 1e-4);
    assertArrayEquals(new double[] {0.99, 1.98}, b.toDoubleArray(), 1e-15);
  }

  // ---------------------------------------------------------------- grads and state

  @Test
  void zeroGradClearsInPlaceAndSkipsParamsWithoutGrad() {
    Tensor w = Tensor.randn(3, 2, 3).requiresGrad(true);
    Tensor unused = param(5, 6);
    Adam opt = Adam.of(List.of(w, unused)).build();
    F.linear(Tensor.randn(4, 4, 3), w, null).sum().backward();
    INDArray g = w.grad().data();
    opt.step();
    opt.zeroGrad();
    assertSame(g, w.grad().data());
    assertEquals(0.0, g.amaxNumber().doubleValue());
    assertArrayEquals(new double[] {5, 6}, unused.toDoubleArray());
    assertFalse(opt.stateDict().containsKey("state.0.1.step"));
    assertEquals(1L, (long) opt.stateDict().get("state.0.0.step").item());
  }

  @Test
  void sgdMakesItsMomentumBufferOnlyWhenMomentumIsOn() {
    Tensor w = param(1, 2);
    SGD opt = Optimizers.sgd(List.of(w), 0.1);
    grad(w, 1, 1);
    opt.step();
    assertFalse(opt.stateDict().containsKey("state.0.0.grad_avg"));
    opt.setMom(0.9);
    opt.step();
    opt.step();
    assertArrayEquals(
        new double[] {1.9, 1.9}, opt.stateDict().get("state.0.0.grad_avg").toDoubleArray(), 1e-15);
    // steps: −0.1·1, −0.1·1 (buffer starts at g), −0.1·1.9
    assertArrayEquals(
        new double[] {1 - 0.1 - 0.1 - 0.19, 2 - 0.1 - 0.1 - 0.19}, w.toDoubleArray(), 1e-15);
  }

  @Test
  void viewsAndColumnMajorParamsUpdateLikeDenseOnes() {
    INDArray big = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 6);
    Tensor view = Tensor.wrap(big.getRow(2)).requiresGrad(true);
    Tensor fOrder = Tensor.wrap(big.dup('f')).requiresGrad(true);
    Tensor denseRow = Tensor.wrap(big.getRow(2).dup('c')).requiresGrad(true);
    Tensor dense = Tensor.wrap(big.dup('c')).requiresGrad(true);
    INDArray other = big.dup('c');
    Tensor reshaped = Tensor.wrap(other.reshape(6, 4)).requiresGrad(true);
    Tensor topRows =
        Tensor.wrap(other.reshape(6, 4).get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()))
            .requiresGrad(true);
    Tensor reshapedCopy = Tensor.wrap(big.dup('c').reshape(6, 4).dup('c')).requiresGrad(true);
    List<Tensor> all = List.of(view, fOrder, denseRow, dense, reshaped, reshapedCopy);
    Adam opt = Adam.of(all).lr(0.01).build();
    for (int s = 0; s < 3; s++) {
      try (Scope scope = Scope.open()) {
        view.setGrad(view.mul(2).detach());
        denseRow.setGrad(denseRow.mul(2).detach());
        fOrder.setGrad(fOrder.mul(3).detach());
        dense.setGrad(dense.mul(3).detach());
        reshaped.setGrad(reshaped.mul(3).detach());
        reshapedCopy.setGrad(reshapedCopy.mul(3).detach());
        opt.step();
      }
    }
    assertArrayEquals(denseRow.toFloatArray(), view.toFloatArray());
    assertArrayEquals(dense.toFloatArray(), fOrder.toFloatArray());
    assertArrayEquals(view.toFloatArray(), Tensor.wrap(big.getRow(2)).toFloatArray());
    assertArrayEquals(reshapedCopy.toFloatArray(), reshaped.toFloatArray());
    assertTrue(
        Buffers.isDense(reshaped.data()), "a reshaped view of a whole array is updated in place");
    assertTrue(Buffers.isDense(topRows.data()), "so is a leading slice");
    assertFalse(Buffers.isDense(view.data()));
    assertFalse(Buffers.isDense(fOrder.data()));
  }

  // ---------------------------------------------------------------- validation

  @Test
  void hyperParametersAreValidatedAtOnce() {
    List<Tensor> ps = List.of(param(1));
    assertMessage("lr must be positive, got -0.1", () -> Adam.of(ps).lr(-0.1));
    assertMessage("mom must be in [0, 1), got 1.0", () -> Adam.of(ps).mom(1.0));
    assertMessage("sqrMom must be in [0, 1), got -0.5", () -> RMSProp.of(ps).sqrMom(-0.5));
    assertMessage("eps must be positive, got 0.0", () -> Lamb.of(ps).eps(0));
    assertMessage("wd must not be negative, got -1.0", () -> SGD.of(ps).wd(-1));
    assertMessage("lr must be positive, got NaN", () -> SGD.of(ps).lr(Double.NaN));
    assertMessage("lr of group 0 must be positive, got 0.0", () -> SGD.of(ps).lr(LrRange.each(0)));
    Adam opt = Optimizers.adam(ps);
    assertMessage("lr must not be negative, got -1.0", () -> opt.setLr(-1));
    assertMessage("mom must be in [0, 1), got 1.5", () -> opt.setMom(1.5));
    assertEquals(1e-3, opt.lr());
    assertMessage("LrRange.of: lo must be positive, got 0.0", () -> LrRange.of(0, 1e-3));
  }

  @Test
  void parametersAreValidatedAtOnce() {
    Tensor p = param(1);
    assertMessage(
        "param group 1 is empty: every group needs at least one parameter",
        () -> Adam.ofGroups(List.of(List.of(p), List.of())));
    assertMessage(
        "param 0 of group 1 is the same tensor as param 0 of group 0: a parameter may appear only once in an "
            + "optimizer",
        () -> Adam.ofGroups(List.of(List.of(p), List.of(p))));
    assertMessage(
        "param 0 of group 0 is int64: only float32 and float64 tensors can be optimized",
        () -> Adam.of(List.of(Tensor.of(new long[] {1}))));
    assertMessage(
        "param 0 of group 0 was computed by an op (not a leaf): optimize the parameter tensors themselves",
        () -> Adam.of(List.of(p.mul(2))));
    assertMessage(
        "alwaysTrain: a float64 tensor of shape [1] is not in any param group of this optimizer",
        () -> Adam.of(List.of(p)).alwaysTrain(List.of(param(3))));
  }

  @Test
  void holderDefaultsAreFastais() {
    List<Tensor> ps = List.of(param(1));
    assertEquals(new Hypers(1e-3, 0.9, 0.99, 1e-5, 0.01), Optimizers.adam(ps).hypers(0));
    assertTrue(Optimizers.adam(ps).decoupleWd());
    assertEquals(new Hypers(1e-3, 0, 0.99, 1e-8, 0), RMSProp.of(ps).build().hypers(0));
    assertEquals(new Hypers(1e-3, 0.9, 0.99, 1e-5, 0), Optimizers.lamb(ps, 1e-3).hypers(0));
    assertEquals(new Hypers(0.1, 0.9, 0, 0, 0), Optimizers.sgd(ps, 0.1, 0.9).hypers(0));
    assertEquals(
        "Adam[1 group, 1 params, lr=0.001, wd=0.01 decoupled]", Optimizers.adam(ps).toString());
  }

  // ---------------------------------------------------------------- Lamb

  @Test
  void lambMatchesAHandComputationInDouble() {
    Tensor p = param(1.0, -2.0, 3.0, 0.5);
    Lamb opt = Lamb.of(List.of(p)).lr(0.1).wd(0.01).eps(1e-6).build();
    // Step 1: m̂ = g and v̂ = g², so the direction is g/(|g| + eps); r1 = rms(0.999·p).
    grad(p, 0.5, 0.1, -0.3, 0.0);
    opt.step();
    double[] p1 = {1.0 * 0.999, -2.0 * 0.999, 3.0 * 0.999, 0.5 * 0.999};
    double[] s1 = {0.5 / (0.5 + 1e-6), 0.1 / (0.1 + 1e-6), -0.3 / (0.3 + 1e-6), 0};
    double q1 = rms(p1) / rms(s1);
    for (int k = 0; k < 4; k++) {
      p1[k] -= 0.1 * q1 * s1[k];
    }
    assertArrayEquals(p1, p.toDoubleArray(), 1e-15);
    assertArrayEquals(
        new double[] {0.781272320402602, -2.2157259377933793, 3.2147273892947927, 0.4995},
        p.toDoubleArray(),
        1e-14);
    grad(p, -0.2, 0.4, 0.05, 1.0);
    opt.step();
    assertArrayEquals(
        new double[] {
          0.6753242034387081, -2.481647249198749, 3.375470363646076, 0.27344247168010016
        },
        p.toDoubleArray(),
        1e-14);
  }

  @Test
  void lambTrustRatioIsOneWhenANormIsZeroAndCappedAtTen() {
    assertEquals(1, Lamb.trust(new double[] {0, 4}));
    assertEquals(1, Lamb.trust(new double[] {4, 0}));
    assertEquals(10, Lamb.trust(new double[] {1e6, 1}));
    assertEquals(2, Lamb.trust(new double[] {16, 4}));
  }

  @Test
  void float32AndFloat64KernelsAgree() {
    for (String kind : List.of("sgd", "rmsprop", "adam", "lamb")) {
      Tensor p64 = Tensor.randn(7, 5, 3).to(DType.FLOAT64).requiresGrad(true);
      Tensor p32 = Tensor.wrap(p64.data().castTo(DType.FLOAT32.nd4j())).requiresGrad(true);
      Optimizer o64 = build(kind, List.of(p64));
      Optimizer o32 = build(kind, List.of(p32));
      for (int s = 0; s < 5; s++) {
        p64.setGrad(p64.mul(p64).sub(0.3).detach());
        p32.setGrad(p32.mul(p32).sub(0.3).detach());
        o64.step();
        o32.step();
      }
      double[] a = p64.toDoubleArray();
      double[] b = p32.toDoubleArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-5, kind + " element " + i);
      }
    }
  }

  static Optimizer build(String kind, List<Tensor> ps) {
    return switch (kind) {
      case "sgd" -> SGD.of(ps).lr(0.05).mom(0.9).wd(0.01).build();
      case "rmsprop" -> RMSProp.of(ps).lr(0.01).mom(0.5).wd(0.01).build();
      case "adam" -> Adam.of(ps).lr(0.01).build();
      case "lamb" -> Lamb.of(ps).lr(0.01).wd(0.01).build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static double rms(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s / v.length);
  }

  static void assertClose(double[] expected, double[] got) {
    assertEquals(expected.length, got.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], Math.abs(expected[i]) * 1e-15, "value " + i);
    }
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
