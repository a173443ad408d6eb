package org.boarfish.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Event;
import org.boarfish.learner.Learner;
import org.boarfish.learner.OptimizerFactory;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.learner.Tiny;
import org.boarfish.nn.Lambda;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Loss;
import org.boarfish.nn.Losses;
import org.boarfish.nn.Module;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard callbacks against fastai's behaviour. */
class CallbacksTest {
  @TempDir Path dir;

  private Learner learner(org.boarfish.metrics.Metric... metrics) {
    return Tiny.learner(dir, new Tiny.Sink(), metrics);
  }

  @Test
  void saveModelReloadsTheBestEpoch() {
    Learner learn = learner(Tiny.scripted("score", true, 0.5, 0.9, 0.7));
    List<float[]> weights = new ArrayList<>();
    Tensor w = learn.model().parameters().get(0);
    Callback snap = Callback.on(Event.AFTER_EPOCH, 70, l -> weights.add(w.toFloatArray()));
    SaveModel save = Callbacks.saveModel("score", "best");
    learn.fit(3, 1e-2, save, snap);
    assertEquals(0.9, save.best(), 0);
    assertTrue(Files.exists(dir.resolve("models/best.safetensors")));
    assertArrayEquals(weights.get(1), w.toFloatArray(), "the weights of epoch 1 are back");
    assertFalse(java.util.Arrays.equals(weights.get(2), w.toFloatArray()));
  }

  @Test
  void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
    Tiny.Sink sink = new Tiny.Sink();
    Learner learn = Tiny.learner(dir, sink, Tiny.scripted("score", true, 0.5, 0.6, 0.6, 0.55, 0.9));
    learn.fit(10, 1e-3, Callbacks.earlyStopping("score", 2));
    assertEquals(4, learn.recorder().values().size());
    assertTrue(
        sink.text().contains("no improvement of score since epoch 1: early stopping"), sink.text());
    // lower-is-better from the name
    Learner l2 = learner(Tiny.scripted("my_error", false, 0.5, 0.4, 0.45));
    l2.fit(10, 1e-3, new EarlyStopping("my_error", 0, 1));
    assertEquals(3, l2.recorder().values().size());
  }

  @Test
  void trackersRejectAnUnknownColumn() {
    Learner learn = learner();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> learn.fit(1, 1e-3, Callbacks.earlyStopping("accuracy", 1)));
    assertTrue(e.getMessage().contains("[train_loss, valid_loss]"), e.getMessage());
  }

  @Test
  void reduceLrOnPlateauDividesTheLearningRate() {
    Tiny.Sink sink = new Tiny.Sink();
    Learner learn = Tiny.learner(dir, sink, Tiny.scripted("score", true, 0.5, 0.5, 0.5));
    learn.fit(3, 1e-2, new ReduceLROnPlateau("score", 0, 1, 10, 0));
    assertEquals(1e-4, learn.opt().hypers(0).lr(), 1e-15);
    assertTrue(sink.text().contains("Epoch 1: reducing lr to 0.001"), sink.text());
  }

  private static Module linear(long seed) {
    Generator.manualSeed(seed);
    return new Sequential(new Linear(4, 2));
  }

  @Test
  void gradientAccumulationEqualsABiggerBatch() {
    Tensor[] d = Tiny.data(8, 11);
    Learner small =
        Learner.builder(Tiny.ordered(d[0], d[1], 4), linear(9))
            .optFunc(OptimizerFactory.sgd())
            .path(dir)
            .progress(false)
            .build();
    Learner big =
        Learner.builder(Tiny.ordered(d[0], d[1], 8), linear(9))
            .optFunc(OptimizerFactory.sgd())
            .path(dir)
            .progress(false)
            .build();
    int[] steps = {0};
    small.fit(1, 0.5, new GradientAccumulation(8), Callback.on(Event.AFTER_STEP, l -> steps[0]++));
    big.fit(1, 0.5);
    assertEquals(1, steps[0], "one step for two batches of 4");
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(
          big.model().parameters().get(i).toFloatArray(),
          small.model().parameters().get(i).toFloatArray(),
          1e-6f);
    }
  }

  @Test
  void gradientClipBoundsTheTotalNorm() {
    Learner learn = learner();
    GradientClip clip = new GradientClip(1e-3, 2);
    double[] after = {0};
    learn.fit(
        1,
        1e-3,
        clip,
        Callback.on(
            Event.BEFORE_STEP,
            10,
            l -> {
              double s = 0;
              for (Tensor p : l.model().parameters()) {
                double n = p.grad().data().norm2Number().doubleValue();
                s += n * n;
              }
              after[0] = Math.sqrt(s);
            }));
    assertTrue(clip.lastNorm() > 1e-3);
    assertEquals(1e-3, after[0], 1e-6);
  }

  @Test
  void mixUpMixesInputsAndTheLossThenRestoresIt() {
    Learner learn = learner();
    MixUp mix = new MixUp(0.4, 1);
    List<long[]> shapes = new ArrayList<>();
    Loss[] during = new Loss[1];
    learn.fit(
        1,
        1e-3,
        mix,
        Callback.on(
            Event.AFTER_LOSS,
            l -> {
              if (l.isTraining()) {
                shapes.add(l.x().shape());
                during[0] = l.lossFunc();
                assertTrue(Double.isFinite(l.loss().item()));
              }
            }));
    assertArrayEquals(new long[] {16, 4}, shapes.get(0));
    for (float v : mix.lambdas()) {
      assertTrue(v >= 0.5f && v <= 1f, "lambda " + v);
    }
    assertTrue(during[0].toString().startsWith("Mixed("), during[0].toString());
    assertFalse(learn.lossFunc().toString().startsWith("Mixed("), "the original loss is back");
  }

  @Test
  void mixUpMixesFloatTargetsForOtherLosses() {
    Tensor[] d = Tiny.data(32, 4);
    Tensor yf = Tensor.randn(new Generator(2), 32, 2);
    DataLoaders dls = TensorDataLoaders.of(d[0], yf, d[0], yf, 16, 1, LossHint.MSE);
    Learner learn = Learner.builder(dls, Tiny.model()).path(dir).progress(false).build();
    List<long[]> ys = new ArrayList<>();
    learn.fit(
        1,
        1e-3,
        new MixUp(0.4, 3),
        Callback.on(
            Event.AFTER_LOSS,
            l -> {
              if (l.isTraining()) {
                ys.add(l.y().shape());
              }
            }));
    assertArrayEquals(new long[] {16, 2}, ys.get(0));
    assertSame(Losses.mse().getClass(), learn.lossFunc().getClass());
  }

  @Test
  void cutMixPastesABoxInsideTheImage() {
    Tensor x = Tensor.rand(new Generator(1), 8, 1, 12, 10);
    Tensor y = Tensor.of(new long[] {0, 1, 0, 1, 0, 1, 0, 1}, 8);
    DataLoaders dls = TensorDataLoaders.of(x, y, x, y, 8, 1, LossHint.CROSS_ENTROPY);
    Generator.manualSeed(1);
    Module model = new Sequential(new org.boarfish.nn.Flatten(), new Linear(120, 2));
    Learner learn = Learner.builder(dls, model).path(dir).progress(false).build();
    CutMix cut = new CutMix(1.0, 5);
    List<long[]> shapes = new ArrayList<>();
    learn.fit(1, 1e-3, cut, Callback.on(Event.AFTER_PRED, l -> shapes.add(l.x().shape())));
    assertArrayEquals(new long[] {8, 1, 12, 10}, shapes.get(0));
    int[] b = cut.lastBox();
    assertTrue(
        b[0] >= 0 && b[2] <= 10 && b[1] >= 0 && b[3] <= 12 && b[0] <= b[2] && b[1] <= b[3],
        java.util.Arrays.toString(b));
  }

  @Test
  void terminateOnNaNStopsWithAMessage() {
    Tiny.Sink sink = new Tiny.Sink();
    Generator.manualSeed(1);
    Module nan = new Sequential(new Linear(4, 2), new Lambda("nan", t -> t.mul(Double.NaN)));
    Learner learn = Learner.builder(Tiny.dls(), nan).path(dir).out(sink.stream()).build();
    int[] batches = {0};
    learn.fit(
        5, 1e-3, Callbacks.terminateOnNaN(), Callback.on(Event.AFTER_STEP, l -> batches[0]++));
    assertEquals(1, batches[0]);
    assertTrue(
        learn.cancelReason().contains("the loss is NaN at epoch 0, batch 0"), learn.cancelReason());
    assertTrue(sink.text().contains("Training stopped: the loss is NaN"), sink.text());
    assertEquals(0, learn.recorder().values().size(), "the fit ended inside epoch 0");
  }

  @Test
  void csvLoggerWritesTheEpochTable() throws Exception {
    Learner learn = learner(Tiny.scripted("score", true, 0.5));
    CSVLogger csv = Callbacks.csvLogger();
    learn.fit(2, 1e-3, csv);
    List<String> lines = Files.readAllLines(csv.file());
    assertEquals("epoch,train_loss,valid_loss,score,time", lines.get(0));
    assertEquals(3, lines.size());
    assertTrue(lines.get(2).startsWith("1,"), lines.get(2));
    assertTrue(lines.get(2).contains(",0.5,"), lines.get(2));
  }

  @Test
  void shortEpochRunsAFractionOfTheBatches() {
    Learner learn =
        Learner.builder(Tiny.dls(160, 64, 16), Tiny.model()).path(dir).progress(false).build();
    int[] train = {0};
    int[] valid = {0};
    learn.fit(
        1,
        1e-3,
        Callbacks.shortEpoch(0.2),
        Callback.on(
            Event.AFTER_BATCH,
            -20,
            l -> {
              if (l.isTraining()) {
                train[0]++;
              } else {
                valid[0]++;
              }
            }));
    assertEquals(3, train[0], "iterations 0, 1, 2 of 10 (2/10 >= 0.2)");
    assertEquals(2, valid[0], "iterations 0 and 1 of 4 (1/4 >= 0.2)");
  }

  @Test
  void bnFreezeKeepsFrozenBatchNormInEvalMode() {
    Generator.manualSeed(2);
    var bn = new org.boarfish.nn.BatchNorm1d(8);
    Sequential body = new Sequential(new Linear(4, 8), bn);
    Module m = new Sequential(body, new Linear(8, 2));
    Learner learn =
        Learner.builder(Tiny.dls(), m)
            .splitter(org.boarfish.learner.ParamSplitter.byChildren())
            .trainBn(false)
            .path(dir)
            .progress(false)
            .build();
    learn.freeze();
    boolean[] training = {true};
    learn.fit(
        1,
        1e-3,
        Callbacks.bnFreeze(),
        Callback.on(
            Event.BEFORE_BATCH,
            l -> {
              if (l.isTraining()) {
                training[0] = bn.isTraining();
              }
            }));
    assertFalse(training[0]);
    assertEquals(0, bn.numBatchesTracked());
  }
}
