package org.boarfish.vision;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.boarfish.data.DataLoaders;

/**
 * fastai's {@code SegmentationDataLoaders}: images and their masks.
 *
 * <pre>{@code
 * var codes = Files.readAllLines(path.resolve("codes.txt"));
 * var dls = SegmentationDataLoaders.fromLabelFunc(path, ImageFiles.getImageFiles(path.resolve("images")),
 *     f -> path.resolve("labels").resolve(stem(f) + "_P.png"), codes, ImageOptions.of().seed(42).bs(8));
 * }</pre>
 */
public final class SegmentationDataLoaders {
  private SegmentationDataLoaders() {}

  /**
   * Loaders over {@code fnames} with the mask of each file at {@code labelFunc(file)}, the classes
   * named by {@code codes} (code i is {@code codes.get(i)}); split at random ({@code validPct},
   * default 0.2). Item transforms crop images and masks together.
   */
  public static DataLoaders fromLabelFunc(
      Path path,
      List<Path> fnames,
      Function<Path, Path> labelFunc,
      List<String> codes,
      ImageOptions o) {
    Function<Object, Object> y = f -> labelFunc.apply((Path) f);
    return ImageDataLoaders.build(
        ImageDataLoaders.checked(fnames, o),
        o,
        MaskBlock.of(codes),
        Function.identity(),
        y,
        ImageDataLoaders.randomSplit(o));
  }
}
