package org.boarfish.vision;

import org.boarfish.nn.BatchNorm2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Init;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;

/**
 * The plain CNN of the Fashion-MNIST reference recipe (task 1 of {@code
 * shared/bench/reference/ACCURACY.md}): stride-2 3x3 convolutions without bias, each followed by
 * batch norm and ReLU, then a stride-2 3x3 convolution with bias to the classes, flattened. Every
 * conv weight is Kaiming-normal (fan in, gain sqrt 2), the last bias 0; batch norms have weight 1
 * and bias 1e-3. On 28x28 inputs (28, 14, 7, 4, 2, 1) the output is {@code [B, nOut]}.
 */
public final class SimpleCnns {
  private SimpleCnns() {}

  /** The reference model: 1 -> 8 -> 16 -> 32 -> 64 -> 10, from {@link Generator#global()}. */
  public static Sequential fashionMnist() {
    return of(1, new int[] {8, 16, 32, 64}, 10, Generator.global());
  }

  /** The same design with other widths and a given generator for the initialisation. */
  public static Sequential of(int in, int[] channels, int nOut, Generator gen) {
    if (channels.length == 0) {
      throw new IllegalArgumentException("SimpleCnns: give at least one hidden width");
    }
    Sequential s = new Sequential();
    int ni = in;
    for (int nf : channels) {
      Conv2d conv = new Conv2d(ni, nf, 3, 2, 1, false);
      Init.kaimingNormal(conv.weight(), 0, Init.Fan.IN, gen);
      BatchNorm2d bn = new BatchNorm2d(nf);
      Init.constant(bn.weight(), 1);
      Init.constant(bn.bias(), 1e-3);
      s.add(conv).add(bn).add(new ReLU());
      ni = nf;
    }
    Conv2d last = new Conv2d(ni, nOut, 3, 2, 1, true);
    Init.kaimingNormal(last.weight(), 0, Init.Fan.IN, gen);
    Init.zeros(last.bias());
    return s.add(last).add(new Flatten());
  }
}
