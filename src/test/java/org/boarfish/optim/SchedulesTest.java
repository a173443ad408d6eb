package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The annealers, combine, one-cycle, flat-cos and SGDR against fastai's formulas. */
class SchedulesTest {
  private static final double EPS = 1e-15;

  @Test
  void annealersGoFromStartToEnd() {
    assertEquals(2, Schedules.lin(2, 4).at(0));
    assertEquals(3, Schedules.lin(2, 4).at(0.5));
    assertEquals(4, Schedules.lin(2, 4).at(1));
    assertEquals(2, Schedules.cos(2, 4).at(0), EPS);
    assertEquals(3, Schedules.cos(2, 4).at(0.5), EPS);
    assertEquals(4, Schedules.cos(2, 4).at(1), EPS);
    assertEquals(
        2 + (1 + Math.cos(Math.PI * 0.75)) * (4 - 2) / 2.0, Schedules.cos(2, 4).at(0.25), EPS);
    assertEquals(1e-3, Schedules.exp(1e-3, 1e-1).at(0), EPS);
    assertEquals(1e-2, Schedules.exp(1e-3, 1e-1).at(0.5), 1e-17);
    assertEquals(1e-1, Schedules.exp(1e-3, 1e-1).at(1), 1e-16);
    assertEquals(1 + 2 * 0.25, Schedules.poly(1, 3, 2).at(0.5), EPS);
    assertEquals(7, Schedules.constant(7).at(0.3));
  }

  @Test
  void combineRunsEachScheduleOverItsShare() {
    Schedule s =
        Schedules.combine(new double[] {0.25, 0.75}, Schedules.lin(0, 1), Schedules.lin(1, 0));
    assertEquals(0, s.at(0));
    assertEquals(0.5, s.at(0.125), EPS);
    assertEquals(1, s.at(0.25), EPS);
    assertEquals(0.5, s.at(0.625), EPS);
    assertEquals(0, s.at(1), EPS);
    assertEquals(
        "combine: fractions must add up to 1, they add up to 0.9",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Schedules.combine(
                        new double[] {0.5, 0.4}, Schedules.constant(1), Schedules.constant(2)))
            .getMessage());
    assertEquals(
        "combine needs one fraction per schedule, got 1 fractions and 2 schedules",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Schedules.combine(
                        new double[] {1}, Schedules.constant(1), Schedules.constant(2)))
            .getMessage());
  }

  @Test
  void oneCycleFollowsFastaiIndexing() {
    OneCycle oc = OneCycle.defaults().withLrMax(1e-2);
    assertEquals(new OneCycle(1e-2, 25, 1e5, 0.25, Moms.DEFAULT), oc);
    assertEquals(1e-2 / 25, oc.lrSchedule().atIteration(0, 100), 1e-18);
    assertEquals(1e-2, oc.lrSchedule().atIteration(25, 100), 1e-18);
    assertEquals(0.85, oc.momSchedule().atIteration(25, 100), EPS);
    assertEquals(0.95, oc.momSchedule().atIteration(0, 100), EPS);
    assertEquals(1e-7, oc.lrSchedule().at(1), 1e-17);
    assertArrayEquals(oc.lrs(100, OneCycle.Indexing.FASTAI), oc.lrSchedule().sample(100));
    assertEquals(oc.lrSchedule().at(0.3), Schedules.oneCycleLr(1e-2).at(0.3));
    assertEquals(oc.momSchedule().at(0.6), Schedules.oneCycleMom().at(0.6));
    assertEquals(
        "pctStart must be in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> oc.withPctStart(1.5)).getMessage());
    assertEquals(
        "lrMax must be positive, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> oc.withLrMax(0)).getMessage());
  }

  @Test
  void flatCosHoldsThenDecays() {
    Schedule s = Schedules.flatCos(1e-3);
    assertEquals(1e-3, s.at(0));
    assertEquals(1e-3, s.at(0.74));
    assertEquals(1e-3, s.at(0.75), 1e-18);
    assertEquals((1e-3 + 1e-8) / 2, s.at(0.875), 1e-18);
    assertEquals(1e-8, s.at(1), 1e-17);
  }

  @Test
  void sgdrRestartsWithLongerCycles() {
    assertEquals(7, Schedules.sgdrEpochs(3, 1, 2));
    assertEquals(3, Schedules.sgdrEpochs(3, 1, 1));
    Schedule s = Schedules.sgdr(0.1, 3, 1, 2);
    assertEquals(0.1, s.at(0), EPS);
    assertEquals(0.05, s.at(0.5 / 7), EPS);
    assertEquals(0.1, s.at(1.0 / 7), EPS);
    assertEquals(0.05, s.at(2.0 / 7), EPS);
    assertEquals(0.1, s.at(3.0 / 7), EPS);
    assertEquals(0.05, s.at(5.0 / 7), EPS);
    assertEquals(0, s.at(1), EPS);
  }

  @Test
  void iterationsMustBeInRange() {
    assertEquals(
        "iteration 100 of 100 is out of range: need 0 <= i < n",
        assertThrows(
                IllegalArgumentException.class, () -> Schedules.constant(1).atIteration(100, 100))
            .getMessage());
  }
}
