package org.boarfish.text;

import java.util.List;
import org.boarfish.nn.LinBnDrop;
import org.boarfish.nn.Module;
import org.boarfish.nn.ReLU;
import org.boarfish.nn.Sequential;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code PoolingLinearClassifier}: {@link ConcatPool#maskedConcatPool} of the encoder's
 * outputs, then one {@link LinBnDrop} (BatchNorm → Dropout → Linear → ReLU, no ReLU on the last)
 * per pair of consecutive sizes in {@code dims}, with dropouts {@code ps}.
 */
public class PoolingLinearClassifier extends Module {
  private final Sequential layers;

  /** Layers {@code dims[0] → dims[1] → ... }, dropout {@code ps[i]} before layer i. */
  public PoolingLinearClassifier(int[] dims, double[] ps) {
    if (dims.length < 2 || ps.length != dims.length - 1) {
      throw new IllegalArgumentException(
          "PoolingLinearClassifier: needs at least two sizes and one dropout per layer, got "
              + dims.length
              + " sizes and "
              + ps.length
              + " dropouts");
    }
    layers = register("layers", new Sequential());
    for (int i = 0; i < ps.length; i++) {
      boolean lastLayer = i == ps.length - 1;
      layers.add(new LinBnDrop(dims[i], dims[i + 1], true, ps[i], lastLayer ? null : new ReLU()));
    }
  }

  /** The logits {@code [B, nClass]} of an encoded batch. */
  public Tensor forward(SentenceEncoder.Encoded enc) {
    return layers.call(ConcatPool.maskedConcatPool(enc.output(), enc.padMask()));
  }

  /** The linear layers. */
  public List<Module> layers() {
    return layers.children();
  }
}
