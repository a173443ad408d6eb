package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.F;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * {@code ./boarfish quickstart}: trains the benchmark's MLP (784-256-classes) with the raw Tensor API and plain SGD
 * on the bundled MNIST-tiny images (3s and 7s), and reports the validation accuracy.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("quickstart", argv, "lr", "bs", "seed");
    Path data = args.path("data", ExampleArgs.bundled("examples/data/mnist_tiny"));
    int epochs = args.integer("epochs", 10);
    double lr = args.number("lr", 0.1);
    int bs = args.integer("bs", 64);
    Generator gen = new Generator(args.integer("seed", 42));
    long start = System.nanoTime();

    List<String> classes = ImageFolder.classesOf(data.resolve("train"));
    ImageFolder train = ImageFolder.load(data.resolve("train"), classes);
    ImageFolder valid = ImageFolder.load(data.resolve("valid"), classes);
    System.out.printf("MNIST-tiny: %d train and %d valid images of classes %s%n", train.y().numel(), valid.y().numel(), classes);

    int in = (int) train.x().size(1);
    Tensor w1 = linearInit(gen, new long[] {256, in}, in);
    Tensor b1 = linearInit(gen, new long[] {256}, in);
    Tensor w2 = linearInit(gen, new long[] {classes.size(), 256}, 256);
    Tensor b2 = linearInit(gen, new long[] {classes.size()}, 256);
    List<Tensor> params = List.of(w1, b1, w2, b2);

    System.out.println("epoch  train_loss  valid_loss  accuracy  time");
    double trainLoss = 0;
    double[] val = {0, 0};
    for (int epoch = 0; epoch < epochs; epoch++) {
      long t0 = System.nanoTime();
      trainLoss = 0;
      long[] order = permutation(train.y().numel(), gen);
      int batches = order.length / bs;
      for (int b = 0; b < batches; b++) {
        try (Scope step = Scope.open()) {
          Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(order, b * bs, (b + 1) * bs), bs);
          Tensor x = train.x().indexSelect(0, idx);
          Tensor y = train.y().indexSelect(0, idx);
          Tensor loss = F.crossEntropy(mlp(x, w1, b1, w2, b2), y);
          loss.backward();
          try (Autograd.NoGrad ng = Autograd.noGrad()) {
            for (Tensor p : params) {
              p.data().subi(p.grad().data().mul(lr));
              p.zeroGrad();
            }
          }
          trainLoss += loss.item() / batches;
        }
      }
      val = evaluate(valid, w1, b1, w2, b2);
      System.out.printf(Locale.ROOT, "%5d  %10.4f  %10.4f  %8.4f  %4.1fs%n", epoch, trainLoss, val[0], val[1], (System.nanoTime() - t0) / 1e9);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "quickstart");
    result.put("epochs", epochs);
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("train_loss", trainLoss);
    result.put("valid_loss", val[0]);
    Path test = args.pathOrNull("test");
    if (test != null) {
      result.put("test_accuracy", evaluate(ImageFolder.load(test, classes), w1, b1, w2, b2)[1]);
    }
    result.put("valid_accuracy", val[1]);
    ExampleArgs.printResult(result);
  }

  static Tensor mlp(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    return F.linear(F.linear(x, w1, b1).relu(), w2, b2);
  }

  /** Loss and accuracy over a whole set, without recording gradients. */
  static double[] evaluate(ImageFolder set, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    try (Scope s = Scope.open(); Autograd.NoGrad ng = Autograd.noGrad()) {
      Tensor logits = mlp(set.x(), w1, b1, w2, b2);
      double loss = F.crossEntropy(logits, set.y()).item();
      double acc = logits.argmax(1).eq(set.y()).to(org.boarfish.tensor.DType.FLOAT32).mean().item();
      return new double[] {loss, acc};
    }
  }

  /** PyTorch's default Linear init: U(−1/√fanIn, 1/√fanIn). */
  static Tensor linearInit(Generator gen, long[] shape, int fanIn) {
    double bound = 1 / Math.sqrt(fanIn);
    return Tensor.rand(gen, shape).mul(2 * bound).sub(bound).detach().requiresGrad(true);
  }

  static long[] permutation(long n, Generator gen) {
    long[] p = new long[(int) n];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    for (int i = p.length - 1; i > 0; i--) {
      int j = (int) gen.nextLong(0, i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
