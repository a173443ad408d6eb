package org.boarfish.vision;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.ItemTransform;
import org.boarfish.data.LossHint;
import org.boarfish.data.Transform;
import org.boarfish.data.TransformBlock;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code PointBlock}: the element is a set of key points ({@code float[]} or {@code
 * double[]} of {@code x, y} pairs in pixels, a {@code [n, 2]} tensor, or {@link Points}). An item
 * transform gives the points the size of the sample's image, so crops and resizes move them with
 * it; they reach the model scaled to [-1, 1] as {@link TensorPoints}. Suggested loss: mean squared
 * error.
 */
public final class PointBlock {
  private PointBlock() {}

  /** The block. */
  public static TransformBlock create() {
    return TransformBlock.builder()
        .name("PointBlock")
        .typeTfms(toPoints())
        .itemTfms(new PointSizer())
        .lossHint(LossHint.MSE)
        .build();
  }

  static Transform<Object, Object> toPoints() {
    return new Transform<>(Object.class, Object.class) {
      @Override
      public boolean handles(Object x) {
        return x instanceof float[] || x instanceof double[] || x instanceof Tensor;
      }

      @Override
      public boolean handlesDecoded(Object y) {
        return false;
      }

      @Override
      public Object encode(Object x) {
        if (x instanceof float[] f) {
          return Points.of(f);
        }
        if (x instanceof double[] d) {
          float[] f = new float[d.length];
          for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
          }
          return Points.of(f);
        }
        return Points.of(((Tensor) x).to(DType.FLOAT32).toFloatArray());
      }

      @Override
      public String name() {
        return "toPoints";
      }
    };
  }

  /** Gives points without a size the size of the first image of their sample (order 0). */
  static final class PointSizer extends ItemTransform<Tuple, Tuple> {
    PointSizer() {
      super(Tuple.class, Tuple.class);
    }

    @Override
    public Tuple encode(Tuple t) {
      Image img = null;
      for (Object o : t) {
        if (o instanceof Image i) {
          img = i;
          break;
        }
      }
      List<Object> out = new ArrayList<>(t.size());
      for (Object o : t) {
        if (o instanceof Points p && !p.hasSize()) {
          if (img == null) {
            throw new IllegalStateException(
                "PointBlock: the sample has no Image to take the points' size from: " + t);
          }
          out.add(p.withSize(img.width(), img.height()));
        } else {
          out.add(o);
        }
      }
      return new Tuple(out, t.nInp());
    }

    @Override
    public String name() {
      return "PointSizer";
    }
  }
}
