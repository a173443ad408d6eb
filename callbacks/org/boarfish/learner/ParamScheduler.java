package org.boarfish.learner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.optim.Optimizer;
import org.boarfish.optim.Schedule;

/**
 * fastai's {@code ParamScheduler} (order 60, training only): before each training batch sets every
 * scheduled hyper of every group to its schedule at {@link Learner#pctTrain()}; each group has its
 * own schedule (so discriminative learning rates keep their ratios) or one schedule serves all.
 * Records the last group's values per batch and hands them to the {@link Recorder} after the fit
 * (for {@link Recorder#plotSched}).
 *
 * <pre>{@code
 * learn.fit(3, 1e-3, new ParamScheduler(Map.of(Hyper.LR, List.of(Schedules.cos(1e-2, 1e-4)))));
 * }</pre>
 */
public final class ParamScheduler implements Callback {
  private final Map<Hyper, List<Schedule>> scheds;
  private final Map<Hyper, List<Double>> hps = new EnumMap<>(Hyper.class);

  /** Schedules per hyper: one schedule for every group, or one per group. */
  public ParamScheduler(Map<Hyper, List<Schedule>> scheds) {
    if (scheds.isEmpty()) {
      throw new IllegalArgumentException(
          "ParamScheduler needs at least one scheduled hyper-parameter");
    }
    Map<Hyper, List<Schedule>> copy = new EnumMap<>(Hyper.class);
    scheds.forEach(
        (h, s) -> {
          if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("ParamScheduler: no schedule given for " + h);
          }
          copy.put(h, List.copyOf(s));
        });
    this.scheds = copy;
  }

  /** One schedule of {@code hyper} for every group. */
  public static ParamScheduler of(Hyper hyper, Schedule schedule) {
    return new ParamScheduler(Map.of(hyper, List.of(schedule)));
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public boolean runValid() {
    return false;
  }

  @Override
  public void beforeFit(Learner learn) {
    hps.clear();
    scheds.keySet().forEach(h -> hps.put(h, new ArrayList<>()));
  }

  @Override
  public void beforeBatch(Learner learn) {
    update(learn.opt(), learn.pctTrain());
  }

  void update(Optimizer opt, double pos) {
    int n = opt.groups().size();
    scheds.forEach(
        (h, s) -> {
          if (s.size() != 1 && s.size() != n) {
            throw new IllegalStateException(
                "ParamScheduler has "
                    + s.size()
                    + " schedules of "
                    + h
                    + " but the optimizer has "
                    + n
                    + " param groups; give one schedule, or one per group");
          }
          double[] v = new double[s.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = s.get(i).at(pos);
          }
          h.set(opt, v);
        });
  }

  @Override
  public void afterBatch(Learner learn) {
    var groups = learn.opt().groups();
    var last = groups.get(groups.size() - 1).hypers();
    hps.forEach((h, list) -> list.add(h.get(last)));
  }

  @Override
  public void afterFit(Learner learn) {
    Map<Hyper, double[]> out = new LinkedHashMap<>();
    hps.forEach((h, list) -> out.put(h, list.stream().mapToDouble(Double::doubleValue).toArray()));
    learn.recorder().setHps(out);
  }

  /** The schedules. */
  public Map<Hyper, List<Schedule>> schedules() {
    return scheds;
  }

  @Override
  public String toString() {
    return "ParamScheduler" + scheds.keySet();
  }
}
