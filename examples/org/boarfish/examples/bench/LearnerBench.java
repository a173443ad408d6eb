package org.boarfish.examples.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.learner.Learner;
import org.boarfish.learner.OptimizerFactory;
import org.boarfish.learner.TensorDataLoaders;
import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * {@code ./boarfish bench simple-cnn-learner}: W2 (the same model as {@code simple-cnn}, built from
 * nn modules) trained through {@code Learner.fit} with its default callbacks (TrainEval, Recorder,
 * Progress), to measure the training loop's overhead against the raw-API {@code simple-cnn}. Each
 * timed repeat is one {@code fit(1)} of 50 batches of the same pre-built batch plus its one
 * validation batch; the rate counts the 50 training batches only.
 */
final class LearnerBench {
  private LearnerBench() {}

  static Map<String, Object> run(boolean quick) {
    Generator gen = new Generator(42);
    Tensor x = Tensor.randn(gen, 128, 1, 28, 28);
    Tensor y = Tensor.randint(gen, 0, 10, 128);
    int steps = quick ? 5 : 50;
    int repeats = quick ? 1 : 5;
    Sequential model = new Sequential();
    int[] ch = {1, 8, 16, 32, 64, 10};
    for (int i = 0; i < 5; i++) {
      model.add(new Conv2d(ch[i], ch[i + 1], 3, 2, 1, true));
      model.add(new BatchNorm2d(ch[i + 1]));
      if (i < 4) {
        model.add(new ReLU());
      }
    }
    model.add(new Flatten());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Learner warm =
        learner(
            TensorDataLoaders.fixedBatch(x, y, quick ? 1 : 10, LossHint.CROSS_ENTROPY),
            model,
            quiet);
    warm.fit(1);
    Learner learn =
        learner(TensorDataLoaders.fixedBatch(x, y, steps, LossHint.CROSS_ENTROPY), model, quiet);
    double[] rates = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      learn.fit(1);
      rates[r] = steps * 128.0 / ((System.nanoTime() - t0) / 1e9);
    }
    Arrays.sort(rates);
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("workload", "simple-cnn-learner");
    rec.put("mode", "train");
    rec.put("unit", "samples/s");
    rec.put("median", BenchRunner.round(rates[rates.length / 2], 2));
    rec.put("min", BenchRunner.round(rates[0], 2));
    rec.put("max", BenchRunner.round(rates[rates.length - 1], 2));
    rec.put("batch", 128);
    rec.put("steps_per_repeat", steps);
    rec.put("repeats", repeats);
    rec.put("peak_rss_mb", BenchRunner.round(BenchRunner.status("VmHWM") / 1024.0, 1));
    rec.put("last_loss", BenchRunner.round(learn.recorder().lastValue("train_loss"), 5));
    return rec;
  }

  private static Learner learner(DataLoaders dls, Sequential model, PrintStream out) {
    // the benchmark's optimizer: Adam lr 1e-3, wd 0.01 on every parameter (WORKLOADS.md §1)
    return Learner.builder(dls, model)
        .optFunc(OptimizerFactory.adam())
        .lr(1e-3)
        .wdBnBias(true)
        .out(out)
        .build();
  }
}
