package org.boarfish.vision;

import java.nio.file.Path;
import org.boarfish.data.IntToFloatTensor;
import org.boarfish.data.TensorImage;
import org.boarfish.data.Transform;
import org.boarfish.data.TransformBlock;

/**
 * fastai's {@code ImageBlock}: the element is an image file (a {@link Path} or a path string), read
 * into an {@link Image} in RGB or grey; an {@link Image} or {@link TensorImage} given by the getter
 * passes through. Adds {@link IntToFloatTensor} as batch transform and shows batches as an image
 * grid ({@link ImageGrid#shower()}).
 */
public final class ImageBlock {
  private ImageBlock() {}

  /** Images read as RGB (fastai's default {@code ImageBlock()}). */
  public static TransformBlock rgb() {
    return of(ImageMode.RGB);
  }

  /** Images read as grey ({@code ImageBlock(cls=PILImageBW)}). */
  public static TransformBlock grey() {
    return of(ImageMode.GREY);
  }

  /** Images read in {@code mode}. */
  public static TransformBlock of(ImageMode mode) {
    return TransformBlock.builder()
        .name("ImageBlock(" + mode + ")")
        .typeTfms(openImage(mode))
        .batchTfms(new IntToFloatTensor())
        .shower(ImageGrid.shower())
        .build();
  }

  /** The type transform: a path (or path string) to an {@link Image} in {@code mode}. */
  public static Transform<Object, Object> openImage(ImageMode mode) {
    return new OpenImage(mode);
  }

  /** Opens image files in one mode. */
  static final class OpenImage extends Transform<Object, Object> {
    final ImageMode mode;

    OpenImage(ImageMode mode) {
      super(Object.class, Object.class);
      this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    @Override
    public boolean handles(Object x) {
      return x instanceof Path || x instanceof String || (x instanceof Image i && i.mode() != mode);
    }

    @Override
    public boolean handlesDecoded(Object y) {
      return false;
    }

    @Override
    public Object encode(Object x) {
      if (x instanceof Image i) {
        return i.convert(mode);
      }
      return Image.open(x instanceof Path p ? p : Path.of((String) x), mode);
    }

    @Override
    public String name() {
      return "openImage(" + mode + ")";
    }
  }
}
