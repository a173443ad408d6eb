package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.boarfish.tensor.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The one-cycle fixture: fastai's indexing and PyTorch's, against the arrays PyTorch's reference
 * produced.
 */
class ScheduleFixtureParityTest {
  private static final double TOL = 1e-12;

  private static JsonNode oneCycleCase() {
    for (JsonNode c : Fixtures.manifest().get("schedules")) {
      if (c.get("name").asText().equals("one_cycle")) {
        return c;
      }
    }
    throw new AssertionError("no one_cycle case in the fixtures");
  }

  private static OneCycle fromCase(JsonNode c) {
    JsonNode m = c.get("moms");
    return OneCycle.defaults()
        .withLrMax(c.get("lr_max").asDouble())
        .withDiv(c.get("div").asDouble())
        .withDivFinal(c.get("div_final").asDouble())
        .withPctStart(c.get("pct_start").asDouble())
        .withMoms(Moms.of(m.get(0).asDouble(), m.get(1).asDouble(), m.get(2).asDouble()));
  }

  @Test
  void fastaiIndexingMatches() {
    JsonNode c = oneCycleCase();
    OneCycle oc = fromCase(c);
    int n = c.get("n_iter").asInt();
    double[] lr = Fixtures.load(c.get("fastai").get("lr").asText()).toDoubleArray();
    double[] mom = Fixtures.load(c.get("fastai").get("mom").asText()).toDoubleArray();
    assertEquals(n, lr.length);
    int passed = 0;
    for (int i = 0; i < n; i++) {
      assertClose("fastai lr at " + i, lr[i], oc.lrSchedule().atIteration(i, n));
      assertClose("fastai lr (OneCycle.lr) at " + i, lr[i], oc.lr(i, n, OneCycle.Indexing.FASTAI));
      assertClose("fastai mom at " + i, mom[i], oc.momSchedule().atIteration(i, n));
      assertClose(
          "fastai mom (OneCycle.mom) at " + i, mom[i], oc.mom(i, n, OneCycle.Indexing.FASTAI));
      passed++;
    }
    // README section 5: lr_max at i = 25; last value 4.486e-6, not 1e-7.
    assertEquals(c.get("lr_max").asDouble(), oc.lr(25, n, OneCycle.Indexing.FASTAI), 1e-18);
    assertEquals(4.486e-6, oc.lr(n - 1, n, OneCycle.Indexing.FASTAI), 5e-10);
    System.out.printf("schedule parity (fastai indexing): %d of %d iterations match%n", passed, n);
  }

  @Test
  void torchIndexingMatchesBothTorchArrays() {
    JsonNode c = oneCycleCase();
    OneCycle oc = fromCase(c);
    int n = c.get("n_iter").asInt();
    double[] lr = Fixtures.load(c.get("torch").get("lr").asText()).toDoubleArray();
    double[] mom = Fixtures.load(c.get("torch").get("mom").asText()).toDoubleArray();
    double[] ocLr = Fixtures.load("data/one_cycle.OneCycleLR.lr.npy").toDoubleArray();
    double[] ocMom = Fixtures.load("data/one_cycle.OneCycleLR.mom.npy").toDoubleArray();
    for (int i = 0; i < n; i++) {
      assertClose("torch lr at " + i, lr[i], oc.lr(i, n, OneCycle.Indexing.TORCH));
      assertClose("torch mom at " + i, mom[i], oc.mom(i, n, OneCycle.Indexing.TORCH));
      assertEquals(ocLr[i], oc.lr(i, n, OneCycle.Indexing.TORCH), 1e-15, "OneCycleLR lr at " + i);
      assertEquals(
          ocMom[i], oc.mom(i, n, OneCycle.Indexing.TORCH), 1e-15, "OneCycleLR mom at " + i);
    }
    assertEquals(c.get("lr_max").asDouble(), oc.lr(24, n, OneCycle.Indexing.TORCH), 1e-18);
    assertEquals(1e-7, oc.lr(n - 1, n, OneCycle.Indexing.TORCH), 1e-18);
    System.out.printf("schedule parity (torch indexing): %d of %d iterations match%n", n, n);
  }

  private static void assertClose(String what, double expected, double got) {
    assertEquals(expected, got, TOL * Math.max(1, Math.abs(expected)) + 1e-18, what);
  }
}
