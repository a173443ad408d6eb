package org.boarfish.examples;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry point of {@code ./boarfish NAME [args]}: runs the example or tool registered under
 * NAME.
 */
public final class Examples {
  private static final Map<String, String> REGISTRY =
      new TreeMap<>(
          Map.ofEntries(
              // One line per example; keep the list sorted.
              Map.entry("adult", "org.boarfish.examples.Adult"),
              Map.entry("augment-demo", "org.boarfish.examples.AugmentDemo"),
              Map.entry("bench", "org.boarfish.examples.bench.BenchRunner"),
              Map.entry("camvid-tiny", "org.boarfish.examples.CamvidTiny"),
              Map.entry("cifar", "org.boarfish.examples.Cifar"),
              Map.entry("conv-bench", "org.boarfish.tensor.ConvGemmBench"),
              Map.entry("fashion-mnist", "org.boarfish.examples.FashionMnist"),
              Map.entry("gemm-bench", "org.boarfish.tensor.LinearGemmBench"),
              Map.entry("imdb-sample", "org.boarfish.examples.ImdbSample"),
              Map.entry("lstm-profile", "org.boarfish.examples.bench.LstmLmProfile"),
              Map.entry("mnist-sample", "org.boarfish.examples.MnistSample"),
              Map.entry("movielens", "org.boarfish.examples.Movielens"),
              Map.entry("quickstart", "org.boarfish.examples.Quickstart"),
              Map.entry("resnet18-profile", "org.boarfish.examples.bench.Resnet18Profile"),
              Map.entry("shakespeare", "org.boarfish.examples.Shakespeare"),
              Map.entry("small-profile", "org.boarfish.examples.bench.SmallProfile"),
              Map.entry("text-data", "org.boarfish.examples.TextData")));

  private Examples() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !REGISTRY.containsKey(args[0])) {
      System.err.println(
          (args.length == 0 ? "" : "unknown example '" + args[0] + "'. ")
              + "Available: "
              + String.join(", ", REGISTRY.keySet()));
      System.exit(2);
    }
    Method main = Class.forName(REGISTRY.get(args[0])).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
        System.err.println(cause.getMessage());
        System.exit(2);
      }
      throw e;
    }
  }
}
