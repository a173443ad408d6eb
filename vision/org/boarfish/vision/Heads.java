package org.boarfish.vision;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.AdaptiveAvgPool2d;
import org.boarfish.nn.AdaptiveConcatPool2d;
import org.boarfish.nn.BatchNorm;
import org.boarfish.nn.BatchNorm1d;
import org.boarfish.nn.Dropout;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Init;
import org.boarfish.nn.LinBnDrop;
import org.boarfish.nn.Linear;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.nn.SigmoidRange;
import org.boarfish.tensor.Generator;

/**
 * fastai's {@code create_head}: pooling, flatten, then a {@link LinBnDrop} block (BatchNorm1d →
 * Dropout → Linear without bias → ReLU) per pair of feature sizes {@code [nf·2, 512, nOut]}, the
 * last without ReLU; the blocks' layers are flattened into one Sequential as in fastai, so the keys
 * are {@code 2.weight} (first BN), {@code 4.weight} (first Linear), ... For a resnet34 body: concat
 * pool (1024) → BN(1024) → Dropout .25 → Linear(1024, 512) → ReLU → BN(512) → Dropout .5 →
 * Linear(512, nOut).
 */
public final class Heads {
  private Heads() {}

  /**
   * The head for a body with {@code nf} output channels; sizes, dropout and options from {@code o}.
   * The head is initialised as fastai's learner does (kaiming-normal weights, zero biases, BN
   * weight 1 and bias 1e-3).
   */
  public static Sequential createHead(int nf, int nOut, VisionOptions o) {
    if (o.concatPool()) {
      nf *= 2;
    }
    int[] ftrs = new int[o.linFtrs().length + 2];
    ftrs[0] = nf;
    System.arraycopy(o.linFtrs(), 0, ftrs, 1, o.linFtrs().length);
    ftrs[ftrs.length - 1] = nOut;
    List<Double> ps = new ArrayList<>();
    for (double p : o.expandedPs()) {
      ps.add(p);
    }
    Sequential head = new Sequential();
    head.add(o.concatPool() ? new AdaptiveConcatPool2d() : new AdaptiveAvgPool2d(1));
    head.add(new Flatten());
    if (o.linFirst()) {
      head.add(new Dropout(ps.remove(0)));
    }
    int blocks = Math.min(ftrs.length - 1, ps.size());
    for (int i = 0; i < blocks; i++) {
      boolean bn = i > 0 || o.firstBn();
      Module act = i < ftrs.length - 2 ? new ReLU() : null;
      LinBnDrop block = new LinBnDrop(ftrs[i], ftrs[i + 1], bn, ps.get(i), act, o.linFirst());
      block.children().forEach(head::add);
    }
    if (o.linFirst()) {
      head.add(new Linear(ftrs[ftrs.length - 2], nOut));
    }
    if (o.bnFinal()) {
      head.add(new BatchNorm1d(nOut, 1e-5, 0.01, true, true));
    }
    if (o.yRange() != null) {
      head.add(new SigmoidRange(o.yRange()[0], o.yRange()[1]));
    }
    applyInit(head);
    return head;
  }

  /**
   * fastai's {@code apply_init(m, kaiming_normal_)}: every non-norm layer with a weight gets a
   * kaiming-normal weight and a zero bias.
   */
  static void applyInit(Module m) {
    Generator gen = Generator.global();
    for (Module c : m.modules()) {
      if (c instanceof BatchNorm) {
        continue;
      }
      if (c.namedParameters().containsKey("weight") && c.namedChildren().isEmpty()) {
        Init.kaimingNormal(c.param("weight"), 0, Init.Fan.IN, gen);
        if (c.namedParameters().containsKey("bias")) {
          Init.zeros(c.param("bias"));
        }
      }
    }
  }
}
