package org.boarfish.learner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.boarfish.optim.LrRange;
import org.boarfish.optim.OneCycle;
import org.boarfish.optim.Schedule;
import org.boarfish.optim.Schedules;

/**
 * The fit variants of fastai's {@code callback.schedule}: each a {@link ParamScheduler} over a
 * plain fit.
 */
final class FitPolicies {
  private FitPolicies() {}

  static void oneCycle(
      Learner learn, int nEpoch, LrRange lrMax, OneCycle oc, List<Callback> extra) {
    double[] tops = lrMax == null ? new double[] {oc.lrMax()} : learn.lrValues(lrMax);
    List<Schedule> lr = new ArrayList<>();
    for (double top : tops) {
      lr.add(Schedules.oneCycleLr(top, oc.div(), oc.divFinal(), oc.pctStart()));
    }
    Map<Hyper, List<Schedule>> s = new EnumMap<>(Hyper.class);
    s.put(Hyper.LR, lr);
    s.put(Hyper.MOM, List.of(oc.momSchedule()));
    run(learn, nEpoch, s, extra);
  }

  static void flatCos(Learner learn, int nEpoch, double[] lrs, double pctStart, double divFinal) {
    List<Schedule> lr = new ArrayList<>();
    for (double v : lrs) {
      lr.add(Schedules.flatCos(v, pctStart, divFinal));
    }
    run(learn, nEpoch, Map.of(Hyper.LR, lr), List.of());
  }

  static void sgdr(Learner learn, int nCycles, int cycleLen, double lrMax, int cycleMult) {
    int nEpoch = Schedules.sgdrEpochs(nCycles, cycleLen, cycleMult);
    run(
        learn,
        nEpoch,
        Map.of(Hyper.LR, List.of(Schedules.sgdr(lrMax, nCycles, cycleLen, cycleMult))),
        List.of());
  }

  static void fineTune(Learner learn, int epochs, double baseLr, int freezeEpochs) {
    if (freezeEpochs < 0 || epochs < 0) {
      throw new IllegalArgumentException(
          "fineTune: epochs and freezeEpochs must not be negative, got "
              + epochs
              + " and "
              + freezeEpochs);
    }
    learn.freeze();
    if (freezeEpochs > 0) {
      oneCycle(
          learn,
          freezeEpochs,
          LrRange.upTo(baseLr),
          OneCycle.defaults().withMoms(learn.moms()).withPctStart(0.99),
          List.of());
    }
    double lr = baseLr / 2;
    learn.unfreeze();
    if (epochs > 0) {
      oneCycle(
          learn,
          epochs,
          LrRange.of(lr / 100, lr),
          OneCycle.defaults().withMoms(learn.moms()).withPctStart(0.3).withDiv(5),
          List.of());
    }
  }

  private static void run(
      Learner learn, int nEpoch, Map<Hyper, List<Schedule>> scheds, List<Callback> extra) {
    List<Callback> all = new ArrayList<>();
    all.add(new ParamScheduler(scheds));
    all.addAll(extra);
    learn.fitWith(nEpoch, null, all);
  }
}
