package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Fixtures;
import org.boarfish.tensor.Idx;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code optim} fixtures: 20 full-batch steps of a linear least-squares problem with PyTorch's
 * SGD, SGD+momentum, RMSprop, Adam (L2) and AdamW, float64 and float32; every intermediate weight,
 * bias and loss must match within the case's tolerance.
 */
class OptimizerFixtureParityTest {
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger TOTAL = new AtomicInteger();
  private static double worst;

  @TestFactory
  Stream<DynamicTest> pytorchOptimizerTrajectories() {
    List<JsonNode> cases = new ArrayList<>();
    Fixtures.manifest().get("optim").forEach(cases::add);
    TOTAL.set(cases.size());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.get("name").asText(),
                    () -> {
                      check(c);
                      PASSED.incrementAndGet();
                    }));
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "optimizer fixture parity: %d of %d cases passed (largest error %.2g %% of its tolerance)%n",
        PASSED.get(), TOTAL.get(), 100 * worst);
  }

  /** Maps the PyTorch constructor of each case onto ours. */
  static Optimizer optimizerFor(String name, JsonNode hp, List<Tensor> params) {
    double lr = hp.get("lr").asDouble();
    return switch (name) {
      case "sgd" -> SGD.of(params).lr(lr).build();
      case "sgd_momentum" -> SGD.of(params).lr(lr).mom(hp.get("momentum").asDouble()).build();
      case "rmsprop" ->
          RMSProp.of(params)
              .lr(lr)
              .sqrMom(hp.get("alpha").asDouble())
              .eps(hp.get("eps").asDouble())
              .build();
      case "adam", "adamw" ->
          Adam.of(params)
              .lr(lr)
              .mom(hp.get("betas").get(0).asDouble())
              .sqrMom(hp.get("betas").get(1).asDouble())
              .eps(hp.get("eps").asDouble())
              .wd(hp.get("weight_decay").asDouble())
              .decoupleWd(hp.path("decoupled").asBoolean(name.equals("adamw")))
              .build();
      default -> throw new IllegalArgumentException("no mapping for optimizer fixture " + name);
    };
  }

  static void check(JsonNode c) {
    String name = c.get("name").asText();
    JsonNode data = c.get("data");
    Tensor x = Fixtures.load(data.get("X").asText());
    Tensor y = Fixtures.load(data.get("Y").asText());
    Tensor w = Fixtures.load(data.get("W0").asText()).requiresGrad(true);
    Tensor b = Fixtures.load(data.get("b0").asText()).requiresGrad(true);
    Tensor wTraj = Fixtures.load(c.get("weight_traj").asText());
    Tensor bTraj = Fixtures.load(c.get("bias_traj").asText());
    double[] expectedLoss = Fixtures.load(c.get("loss").asText()).toDoubleArray();
    double rtol = c.get("rtol").asDouble();
    double atol = c.get("atol").asDouble();
    Optimizer opt = optimizerFor(c.get("optimizer").asText(), c.get("hyperparams"), List.of(w, b));
    int steps = c.get("steps").asInt();
    assertClose(name + " weight at step 0", wTraj.index(Idx.at(0)), w, rtol, atol);
    for (int k = 0; k < steps; k++) {
      try (Scope scope = Scope.open()) {
        opt.zeroGrad();
        Tensor d = F.linear(x, w, b).sub(y);
        Tensor loss = d.mul(d).mean();
        double got = loss.item();
        assertTrue(
            Math.abs(got - expectedLoss[k]) <= atol + rtol * Math.abs(expectedLoss[k]),
            name
                + ": loss before step "
                + (k + 1)
                + " is "
                + got
                + ", PyTorch has "
                + expectedLoss[k]);
        loss.backward();
        opt.step();
        assertClose(
            name + " weight after step " + (k + 1), wTraj.index(Idx.at(k + 1)), w, rtol, atol);
        assertClose(
            name + " bias after step " + (k + 1), bTraj.index(Idx.at(k + 1)), b, rtol, atol);
      }
    }
  }

  static void assertClose(String what, Tensor expected, Tensor got, double rtol, double atol) {
    assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
    double[] e = expected.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      double err = Math.abs(g[i] - e[i]);
      synchronized (OptimizerFixtureParityTest.class) {
        worst = Math.max(worst, err / (atol + rtol * Math.abs(e[i])));
      }
      if (err > atol + rtol * Math.abs(e[i])) {
        throw new AssertionError(
            what
                + ": element "
                + i
                + " is "
                + g[i]
                + ", PyTorch has "
                + e[i]
                + " (|diff| "
                + err
                + " > atol "
                + atol
                + " + rtol "
                + rtol
                + "·|expected|)");
      }
    }
  }
}
