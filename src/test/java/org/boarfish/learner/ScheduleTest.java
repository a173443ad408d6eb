package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.nn.Linear;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.optim.LrRange;
import org.boarfish.optim.OneCycle;
import org.boarfish.optim.Schedules;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorder smoothing, schedules applied per batch, discriminative lrs, fineTune and lrFind. */
class ScheduleTest {
  @TempDir Path dir;

  @Test
  void recorderSmoothsTheLossLikeFastai() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    List<Double> raw = new ArrayList<>();
    learn.fit(
        2,
        1e-2,
        Callback.on(
            Event.AFTER_BATCH,
            10,
            l -> {
              if (l.isTraining()) {
                raw.add(l.loss().item());
              }
            }));
    List<Double> smooth = learn.recorder().losses();
    assertEquals(6, smooth.size());
    double val = 0;
    for (int i = 0; i < raw.size(); i++) {
      val = 0.98 * val + 0.02 * raw.get(i);
      assertEquals(val / (1 - Math.pow(0.98, i + 1)), smooth.get(i), 1e-9, "batch " + i);
    }
    assertEquals(smooth.get(2), learn.recorder().values().get(0)[0], 1e-12);
    assertEquals(smooth.get(5), learn.recorder().lastValue("train_loss"), 1e-12);
    assertEquals(List.of(3, 6), learn.recorder().iters());
  }

  @Test
  void validLossIsTheBatchSizeWeightedMean() {
    Learner learn =
        Learner.builder(Tiny.dls(48, 20, 16), Tiny.model())
            .path(dir)
            .out(new Tiny.Sink().stream())
            .build();
    learn.fit(1, 1e-3);
    Preds p = learn.getPreds(1, true, true);
    assertEquals(20, p.losses().size(0));
    assertEquals(p.losses().mean().item(), learn.recorder().lastValue("valid_loss"), 1e-5);
    assertEquals(p.losses().mean().item(), learn.validate().loss(), 1e-5);
    assertArrayEquals(p.preds().argmax(1).toLongArray(), p.decoded().toLongArray());
    assertEquals(1.0, p.preds().sum(1).mean().item(), 1e-5, "softmax from the loss");
  }

  @Test
  void oneCycleSetsLrAndMomOfEveryBatch() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    List<double[]> seen = new ArrayList<>();
    learn.fitOneCycle(
        2,
        1e-2,
        Callback.on(
            Event.BEFORE_BATCH,
            61,
            l -> {
              if (l.isTraining()) {
                var h = l.opt().hypers(0);
                seen.add(new double[] {h.lr(), h.mom()});
              }
            }));
    OneCycle oc = OneCycle.defaults().withLrMax(1e-2);
    assertEquals(6, seen.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(
          oc.lr(i, 6, OneCycle.Indexing.FASTAI), seen.get(i)[0], 1e-12, "lr of batch " + i);
      assertEquals(
          oc.mom(i, 6, OneCycle.Indexing.FASTAI), seen.get(i)[1], 1e-12, "mom of batch " + i);
    }
    assertEquals(seen.get(5)[0], learn.recorder().lrs().get(5), 1e-15);
    assertEquals(6, learn.recorder().hps().get(Hyper.LR).length);
    Path png = learn.recorder().plotSched();
    assertTrue(Files.exists(png));
  }

  @Test
  void flatCosAndSgdrFollowTheirSchedules() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    learn.fitFlatCos(2, 1e-2);
    double[] lr = learn.recorder().hps().get(Hyper.LR);
    for (int i = 0; i < 6; i++) {
      assertEquals(Schedules.flatCos(1e-2).at(i / 6.0), lr[i], 1e-12);
    }
    learn.fitSgdr(2, 1, 1e-2);
    assertEquals(3, learn.recorder().values().size(), "1 + 2 epochs");
    assertEquals(9, learn.recorder().hps().get(Hyper.LR).length);
  }

  private static Sequential twoPart() {
    Generator.manualSeed(5);
    Sequential body = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU());
    Sequential middle = new Sequential(new Linear(8, 8), new ReLU());
    return new Sequential(body, middle, new Linear(8, 2));
  }

  @Test
  void discriminativeLearningRatesReachTheGroups() {
    Learner learn =
        Learner.builder(Tiny.dls(), twoPart())
            .splitter(ParamSplitter.byChildren())
            .path(dir)
            .out(new Tiny.Sink().stream())
            .build();
    List<double[]> lrs = new ArrayList<>();
    learn.fitOneCycle(
        1,
        LrRange.of(1e-5, 1e-3),
        Callback.on(
            Event.BEFORE_BATCH,
            61,
            l -> {
              if (l.isTraining()) {
                lrs.add(
                    new double[] {
                      l.opt().hypers(0).lr(), l.opt().hypers(1).lr(), l.opt().hypers(2).lr()
                    });
              }
            }));
    assertEquals(3, learn.opt().groups().size());
    for (double[] g : lrs) {
      assertEquals(100, g[2] / g[0], 1e-9);
      assertEquals(10, g[1] / g[0], 1e-9);
    }
    assertEquals(1e-3 / 25, lrs.get(0)[2], 1e-15);
  }

  @Test
  void fineTuneFreezesThenUnfreezes() {
    Sequential m = twoPart();
    Learner learn =
        Learner.builder(Tiny.dls(), m)
            .splitter(ParamSplitter.byChildren())
            .path(dir)
            .out(new Tiny.Sink().stream())
            .build();
    Tensor bodyW = ((Linear) ((Sequential) m.children().get(0)).children().get(0)).weight();
    Tensor bnW = ((BatchNorm1d) ((Sequential) m.children().get(0)).children().get(1)).weight();
    float[] w0 = bodyW.toFloatArray();
    float[] bn0 = bnW.toFloatArray();
    List<Boolean> frozen = new ArrayList<>();
    List<double[]> firstLrs = new ArrayList<>();
    Callback watch =
        new Callback() {
          @Override
          public void beforeFit(Learner l) {
            frozen.add(l.opt().groups().get(0).isFrozen());
          }

          @Override
          public void afterFit(Learner l) {
            if (frozen.size() == 1) {
              assertArrayEquals(w0, bodyW.toFloatArray(), "frozen body weights do not move");
              assertFalse(
                  java.util.Arrays.equals(bn0, bnW.toFloatArray()),
                  "batch norm trains even when frozen");
            }
          }

          @Override
          public void afterStep(Learner l) {
            if (frozen.size() == 2 && firstLrs.isEmpty()) {
              firstLrs.add(new double[] {l.opt().hypers(0).lr(), l.opt().hypers(2).lr()});
            }
          }
        };
    learn.addCbs(watch);
    learn.fineTune(1, 2e-3, 1);
    assertEquals(List.of(true, false), frozen);
    assertFalse(java.util.Arrays.equals(w0, bodyW.toFloatArray()), "unfrozen body trains");
    assertEquals(1e-3 / 5, firstLrs.get(0)[1], 1e-12, "second stage: base_lr/2, div 5");
    assertEquals(100, firstLrs.get(0)[1] / firstLrs.get(0)[0], 1e-9);
  }

  @Test
  void freezingASingleGroupIsAClearError() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    var e = assertThrows(IllegalStateException.class, learn::freeze);
    assertTrue(e.getMessage().contains("splitter"), e.getMessage());
  }

  @Test
  void lrFindStopsOnDivergenceAndRestoresTheModel() {
    Tiny.Sink sink = new Tiny.Sink();
    Learner learn = Tiny.learner(dir, sink);
    learn.fit(1, 1e-3);
    Map<String, Tensor> before = new java.util.LinkedHashMap<>();
    learn.model().stateDict().forEach((k, v) -> before.put(k, v.copy()));
    Map<String, Tensor> optBefore = learn.opt().stateDict();
    LrFind r = learn.lrFind();
    assertTrue(
        r.lrs().size() < 100, "stopped early on divergence: " + r.lrs().size() + " iterations");
    assertTrue(
        r.losses().get(r.losses().size() - 1)
            > 4 * r.losses().stream().mapToDouble(d -> d).min().orElseThrow());
    learn
        .model()
        .stateDict()
        .forEach((k, v) -> assertArrayEquals(before.get(k).toFloatArray(), v.toFloatArray(), k));
    Map<String, Tensor> optAfter = learn.opt().stateDict();
    assertEquals(optBefore.keySet(), optAfter.keySet());
    optBefore.forEach(
        (k, v) -> assertArrayEquals(v.toDoubleArray(), optAfter.get(k).toDoubleArray(), 0, k));
    assertEquals(1e-7, r.lrs().get(0), 1e-20);
    assertTrue(r.valley() > 1e-7 && r.valley() < 10, r.toString());
    assertTrue(sink.text().contains("SuggestedLRs(valley="), sink.text());
    assertTrue(Files.exists(r.plot()));
    assertFalse(learn.isLrFinding());
  }

  @Test
  void lrSuggestionsMatchHandComputations() {
    double[] lrs = new double[20];
    double[] losses = {
      5, 4.9, 4.7, 4.6, 4.2, 3.8, 3.5, 3.0, 2.5, 2.4, 2.3, 2.35, 2.6, 3, 4, 5, 6, 8, 9, 12
    };
    for (int i = 0; i < 20; i++) {
      lrs[i] = 1e-5 * Math.pow(10, i / 4.0);
    }
    // longest decreasing run: 0..10 (lds[10] = 11); fastai sets max_start = max_end - lds = -1, so
    // sections = 11/3 and the index is -1 + int(3.67) + int(1.83) = 3
    assertEquals(lrs[3], LrSuggestions.valley(lrs, losses), 1e-20);
    assertEquals(lrs[10] / 10, LrSuggestions.minimum(lrs, losses), 1e-20);
    // steepest fall per log-lr: 3.5 -> 3.0 and 3.0 -> 2.5 tie; argmin takes the first (index 6)
    assertEquals(lrs[6], LrSuggestions.steep(lrs, losses), 1e-20);
    assertTrue(Double.isNaN(LrSuggestions.slide(new double[] {1, 2}, new double[] {1, 2})));
    assertTrue(LrSuggestions.slide(lrs, losses) > 0);
  }
}
