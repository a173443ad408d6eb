package org.boarfish.vision;

import org.boarfish.nn.AdaptiveAvgPool2d;
import org.boarfish.nn.Conv2d;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Dropout;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Init;
import org.boarfish.nn.Linear;
import org.boarfish.nn.MaxPool2d;
import org.boarfish.nn.Module;
import org.boarfish.nn.ResBlock;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Generator;

/**
 * fastai's {@code XResNet} (ResNet-D, "bag of tricks"): a Sequential whose children are the stem's
 * three 3×3 {@link ConvLayer}s ({@code cIn→32} stride 2, {@code 32→32}, {@code 32→64}), a 3×3
 * stride-2 max pool, four stages of {@link ResBlock}s (last BN of each block zero-initialised,
 * average-pool shortcut), then AdaptiveAvgPool2d(1), Flatten, Dropout(p) and Linear. As fastai's
 * {@code init_cnn}: every Conv2d and Linear weight kaiming-normal, every bias zero. Indices (and so
 * state-dict keys) match fastai's: children 0–2 stem, 3 pool, 4–7 stages, 8–11 head.
 */
public class XResNet extends Sequential {
  private final int numFeatures;

  /**
   * {@code layers[i]} blocks in stage i with {@code expansion} 1 or 4, {@code cIn} input channels,
   * {@code nOut} outputs, head dropout {@code p}.
   */
  public XResNet(int expansion, int[] layers, int cIn, int nOut, double p) {
    if (layers.length != 4) {
      throw new IllegalArgumentException(
          "XResNet needs 4 stage depths, got " + java.util.Arrays.toString(layers));
    }
    int[] stem = {cIn, 32, 32, 64};
    for (int i = 0; i < 3; i++) {
      add(new ConvLayer(stem[i], stem[i + 1], 3, i == 0 ? 2 : 1));
    }
    add(new MaxPool2d(3, 2, 1));
    int[] sizes = {64 / expansion, 64, 128, 256, 512};
    for (int s = 0; s < 4; s++) {
      Sequential stage = new Sequential();
      for (int b = 0; b < layers[s]; b++) {
        int ni = b == 0 ? sizes[s] : sizes[s + 1];
        stage.add(new ResBlock(expansion, ni, sizes[s + 1], b == 0 && s > 0 ? 2 : 1));
      }
      add(stage);
    }
    numFeatures = 512 * expansion;
    add(new AdaptiveAvgPool2d(1));
    add(new Flatten());
    add(new Dropout(p));
    add(new Linear(numFeatures, nOut));
    initCnn(this);
  }

  /** The channels entering the final Linear: 512 × expansion. */
  public int numFeatures() {
    return numFeatures;
  }

  /** fastai's {@code init_cnn}: Conv2d/Linear weights kaiming-normal (fan in), biases zero. */
  static void initCnn(Module m) {
    Generator gen = Generator.global();
    for (Module c : m.modules()) {
      if (c instanceof Conv2d conv) {
        Init.kaimingNormal(conv.weight(), 0, Init.Fan.IN, gen);
        if (conv.bias() != null) {
          Init.zeros(conv.bias());
        }
      } else if (c instanceof Linear lin) {
        Init.kaimingNormal(lin.weight(), 0, Init.Fan.IN, gen);
        if (lin.bias() != null) {
          Init.zeros(lin.bias());
        }
      }
    }
  }
}
