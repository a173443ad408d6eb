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
    var model = new Sequential(
        new ConvLayer(1, 8, 3, 2),
        new ConvLayer(8, 16, 3, 2),
        new AdaptiveAvgPool2d(1),
        new Flatten(),
        new Linear(16, 2));
    System.out.println(model);
    model.printSummary(4, 1, 12, 12);
    var gen = new Generator(42);
    var x = Tensor.randn(gen, 32, 1, 12, 12);
    // label: is the top half brighter than the bottom half?
    var y = x.index(":, :, :6").mean(new int[] {1, 2, 3}, false).gt(x.index(":, :, 6:").mean(new int[] {1, 2, 3}, false))
        .to(org.boarfish.tensor.DType.INT64);
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
    assertTrue(last < first * 0.8, "loss went from " + first + " to " + last);
  }
}
