package org.boarfish.vision;

import java.nio.file.Path;
import java.util.List;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.HasVocab;
import org.boarfish.data.IntToFloatTensor;
import org.boarfish.data.LossHint;
import org.boarfish.data.Transform;
import org.boarfish.data.TransformBlock;

/**
 * fastai's {@code MaskBlock(codes)}: the element is a mask file read into a {@link Mask} (class
 * codes per pixel); {@link IntToFloatTensor} keeps batches of masks as int64 codes. The codes are
 * the loaders' vocabulary ({@code dls.vocab()}, {@code dls.c()}), and the suggested loss is
 * cross-entropy over the class dim.
 */
public final class MaskBlock {
  private MaskBlock() {}

  /** A mask block with the class names, code i being {@code codes.get(i)}. */
  public static TransformBlock of(List<String> codes) {
    return TransformBlock.builder()
        .name("MaskBlock")
        .typeTfms(new OpenMask(codes))
        .batchTfms(new IntToFloatTensor())
        .lossHint(LossHint.CROSS_ENTROPY)
        .build();
  }

  /** A mask block without class names. */
  public static TransformBlock of() {
    return of(null);
  }

  /** Opens mask files; carries the codes as its vocabulary. */
  static final class OpenMask extends Transform<Object, Object> implements HasVocab {
    private final CategoryMap codes;

    OpenMask(List<String> codes) {
      super(Object.class, Object.class);
      this.codes = codes == null ? null : CategoryMap.of(codes, false, false);
    }

    @Override
    public boolean handles(Object x) {
      return x instanceof Path || x instanceof String;
    }

    @Override
    public boolean handlesDecoded(Object y) {
      return false;
    }

    @Override
    public Object encode(Object x) {
      return Mask.open(x instanceof Path p ? p : Path.of((String) x));
    }

    @Override
    public boolean hasVocab() {
      return codes != null;
    }

    @Override
    public CategoryMap vocab() {
      if (codes == null) {
        throw new IllegalStateException(
            "this MaskBlock was made without codes; use MaskBlock.of(codes)");
      }
      return codes;
    }

    @Override
    public String name() {
      return "openMask" + (codes == null ? "" : "(" + codes.size() + " codes)");
    }
  }
}
