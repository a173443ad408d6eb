package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What a JShell user types: build a small CNN, look at it, train it a little by hand. */
class SmokeTest {

  @Test
  void smallCnnTrainsWithAHandWrittenSgdStep() {
    Generator.manualSeed(0);
    var model =
        new Sequential(
            new ConvLayer(1, 8, 3, 2),
            new ConvLayer(8, 16, 3, 2),
            new AdaptiveAvgPool2d(1),
            new Flatten(),
            new Linear(16, 2));
    System.out.println(model);
    model.printSummary(4, 1, 12, 12);
    var gen = new Generator(42);
    // two classes of noisy images: class 1 is brighter on average
    var y = Tensor.randint(gen, 0, 2, 32);
    var shift = y.to(org.boarfish.tensor.DType.FLOAT32).mul(2).sub(1).mul(0.5).reshape(32, 1, 1, 1);
    var x = Tensor.randn(gen, 32, 1, 12, 12).add(shift);
    var loss = Losses.crossEntropy();
    double first = 0;
    double last = 0;
    for (int step = 0; step < 20; step++) {
      try (var scope = Scope.open()) {
        model.zeroGrad();
        var l = loss.apply(model.call(x), y);
        l.backward();
        try (var ng = Autograd.noGrad()) {
          for (var p : model.parameters()) {
            p.data().subi(p.grad().data().mul(0.1));
          }
        }
        if (step == 0) {
          first = l.item();
        }
        last = l.item();
      }
    }
    System.out.printf("loss %.4f -> %.4f%n", first, last);
    assertTrue(last < first * 0.5, "loss went from " + first + " to " + last);
  }
}
