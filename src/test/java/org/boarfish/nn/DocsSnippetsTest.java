package org.boarfish.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import org.boarfish.io.WeightFiles;
import org.boarfish.tensor.Fixtures;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/modules.md, compiled and run. */
class DocsSnippetsTest {

  static class Mlp extends Module {
    final Linear l1 = register("l1", new Linear(784, 256));
    final Linear l2 = register("l2", new Linear(256, 10));

    @Override
    public Tensor forward(Tensor x) {
      return l2.call(l1.call(x).relu());
    }
  }

  @Test
  void moduleSnippets(@TempDir Path tmp) {
    var model = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
    var logits = model.call(Tensor.randn(0, 16, 4));
    var loss = Losses.crossEntropy().apply(logits, Tensor.randint(1, 0, 3, 16));
    loss.backward();
    assertEquals(2, new Mlp().children().size());

    var report =
        model.loadStateDict(
            WeightFiles.read(Fixtures.root().resolve("torchvision/small.pth")), false);
    assertTrue(report.isClean());
    model.save(tmp.resolve("model.safetensors"));
    var copy = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
    copy.load(tmp.resolve("model.safetensors"));

    var x = Tensor.randn(2, 5, 4);
    var y = Tensor.randint(3, 0, 3, 5);
    var acts = new ArrayList<Tensor>();
    var grads = new ArrayList<Tensor>();
    Linear layer = (Linear) model.get(0);
    try (var f = layer.registerForwardHook((m, in, out) -> acts.add(out.keep()));
        var b = layer.registerBackwardHook((m, g) -> grads.add(g.keep()))) {
      Losses.crossEntropy().apply(model.call(x), y).backward();
    }
    assertEquals(1, acts.size());
    assertEquals(1, grads.size());

    model.apply(
        m -> {
          if (m instanceof Linear l) {
            Init.kaimingNormal(l.weight());
            if (l.bias() != null) Init.zeros(l.bias());
          }
        });
  }

  @Test
  void fastaiAndLossSnippets() {
    var cnn =
        new Sequential(
            new ConvLayer(1, 8, 3, 2),
            new ConvLayer(8, 16, 3, 2),
            new ResBlock(1, 16, 16),
            new AdaptiveConcatPool2d(),
            new Flatten(),
            new LinBnDrop(32, 10, true, 0.25, null));
    cnn.printSummary(2, 1, 28, 28);

    var logits = Tensor.randn(4, 2, 3, 4, 5);
    var masks = Tensor.randint(5, 0, 3, 2, 4, 5);
    var lossFn = Losses.crossEntropy(1);
    var l = lossFn.apply(logits, masks);
    var predictedMasks = lossFn.decode(lossFn.activation(logits));
    Loss custom = (pred, target) -> pred.sub(target).abs().mean();
    assertEquals(masks.shape().length, predictedMasks.shape().length);
    assertTrue(l.item() > 0 && custom.apply(logits, logits).item() == 0);
  }
}
