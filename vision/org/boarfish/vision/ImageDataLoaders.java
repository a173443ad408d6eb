package org.boarfish.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.boarfish.data.Blocks;
import org.boarfish.data.ColReader;
import org.boarfish.data.Csv;
import org.boarfish.data.DataBlock;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Getters;
import org.boarfish.data.RegexLabeller;
import org.boarfish.data.Row;
import org.boarfish.data.Splitter;
import org.boarfish.data.Splitters;
import org.boarfish.data.Transform;
import org.boarfish.data.TransformBlock;

/**
 * fastai's {@code ImageDataLoaders}: image classification loaders in one call, from a folder per
 * class, file names, a CSV or lists.
 *
 * <pre>{@code
 * var dls = ImageDataLoaders.fromFolder(path, ImageOptions.of().itemTfms(new Resize(224)));   // train/ + valid/
 * var pets = ImageDataLoaders.fromNameRe(path, ImageFiles.getImageFiles(path.resolve("images")),
 *     "^(.+)_\\d+\\.jpg$", ImageOptions.of().validPct(0.2).seed(42).itemTfms(new Resize(460))
 *         .batchTfms(AugTransforms.builder().size(224).minScale(0.75).build()));
 * }</pre>
 */
public final class ImageDataLoaders {
  private ImageDataLoaders() {}

  /**
   * Folders of images named by class: with the default options the split is by the folder names
   * {@code train/} and {@code valid/} (fastai's {@code GrandparentSplitter}); with {@code validPct}
   * every image under the path is split at random.
   */
  public static DataLoaders fromFolder(Path path, ImageOptions o) {
    List<Path> files =
        o.validPct == null
            ? ImageFiles.getImageFiles(path, true, List.of(o.trainName, o.validName))
            : ImageFiles.getImageFiles(path);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "fromFolder: no image files under "
              + path
              + (o.validPct == null ? " in " + o.trainName + "/ or " + o.validName + "/" : "")
              + "; give validPct to split a folder without train/valid subfolders");
    }
    Splitter split =
        o.validPct == null ? Splitters.grandparent(o.trainName, o.validName) : randomSplit(o);
    return build(
        checked(files, o), o, categoryBlock(o), Function.identity(), Getters.parentLabel(), split);
  }

  /** {@link #fromFolder(Path, ImageOptions)} with the default options. */
  public static DataLoaders fromFolder(Path path) {
    return fromFolder(path, ImageOptions.of());
  }

  /** Labels from a function of the file name (fastai's {@code from_name_func}); random split. */
  public static DataLoaders fromNameFunc(
      Path path, List<Path> fnames, Function<String, ?> labelFunc, ImageOptions o) {
    Function<Object, Object> y = f -> labelFunc.apply(((Path) f).getFileName().toString());
    return build(checked(fnames, o), o, categoryBlock(o), Function.identity(), y, randomSplit(o));
  }

  /** Labels from a function of the whole path (fastai's {@code from_path_func}); random split. */
  public static DataLoaders fromPathFunc(
      Path path, List<Path> fnames, Function<Path, ?> labelFunc, ImageOptions o) {
    Function<Object, Object> y = f -> labelFunc.apply((Path) f);
    return build(checked(fnames, o), o, categoryBlock(o), Function.identity(), y, randomSplit(o));
  }

  /**
   * Labels from the first group of a regular expression searched in the file name (fastai's {@code
   * from_name_re}); random split. A name that doesn't match is an error naming it.
   */
  public static DataLoaders fromNameRe(
      Path path, List<Path> fnames, String pattern, ImageOptions o) {
    return build(
        checked(fnames, o),
        o,
        categoryBlock(o),
        Function.identity(),
        RegexLabeller.onFileName(pattern),
        randomSplit(o));
  }

  /**
   * Reads {@code csvName} under {@code path} and calls {@link #fromDf}: file names in column {@code
   * fnCol}, labels in {@code labelCol} (defaults 0 and 1).
   */
  public static DataLoaders fromCsv(Path path, String csvName, ImageOptions o) {
    Path csv = path.resolve(csvName);
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("fromCsv: " + csv + " does not exist");
    }
    return fromDf(Csv.read(csv), path, o);
  }

  /** {@code fromCsv(path, "labels.csv", o)}. */
  public static DataLoaders fromCsv(Path path, ImageOptions o) {
    return fromCsv(path, "labels.csv", o);
  }

  /**
   * Rows of a table (from {@link Csv#read}): the file is {@code path/folder/<fnCol value><suffix>},
   * the label is {@code labelCol} (split on {@code labelDelim} for multi-label, giving a
   * multi-category target); validation rows are those with {@code validCol} true, or a random
   * {@code validPct}.
   */
  public static DataLoaders fromDf(List<Row> rows, Path path, ImageOptions o) {
    Path base = o.folder == null ? path : path.resolve(o.folder);
    ColReader x =
        (o.fnCol instanceof String s ? ColReader.of(s) : ColReader.of((Integer) o.fnCol))
            .prefix(base.toString() + base.getFileSystem().getSeparator());
    Function<Object, Object> getX = r -> Path.of(String.valueOf(x.apply(r)) + o.suffix);
    ColReader y =
        o.labelCol instanceof String s ? ColReader.of(s) : ColReader.of((Integer) o.labelCol);
    if (o.labelDelim != null) {
      y = y.labelDelim(o.labelDelim);
    }
    TransformBlock target =
        o.labelDelim != null ? Blocks.multiCategory(o.vocab, false) : categoryBlock(o);
    Splitter split = o.validCol != null ? Splitters.col(o.validCol) : randomSplit(o);
    List<Row> items = rows;
    if (o.skipCorrupt) {
      List<Path> files = new ArrayList<>();
      for (Row r : rows) {
        files.add((Path) getX.apply(r));
      }
      List<Path> ok = ImageFiles.dropUnreadable(files);
      if (ok.size() != files.size()) {
        items = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (ok.contains(files.get(i))) {
            items.add(rows.get(i));
          }
        }
      }
    }
    return build(items, o, target, getX, y, split);
  }

  /** Files and their labels given as two lists of the same length; random split. */
  public static DataLoaders fromLists(
      Path path, List<Path> fnames, List<?> labels, ImageOptions o) {
    if (fnames.size() != labels.size()) {
      throw new IllegalArgumentException(
          "fromLists: "
              + fnames.size()
              + " files but "
              + labels.size()
              + " labels; give one label per file");
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < fnames.size(); i++) {
      idx.add(i);
    }
    if (o.skipCorrupt) {
      List<Path> ok = ImageFiles.dropUnreadable(fnames);
      idx.removeIf(i -> !ok.contains(fnames.get(i)));
    }
    Function<Object, Object> x = i -> fnames.get((Integer) i);
    Function<Object, Object> y = i -> labels.get((Integer) i);
    return build(idx, o, categoryBlock(o), x, y, randomSplit(o));
  }

  static Splitter randomSplit(ImageOptions o) {
    double pct = o.validPct == null ? 0.2 : o.validPct;
    return o.seed == null ? Splitters.random(pct) : Splitters.random(pct, o.seed);
  }

  static List<Path> checked(List<Path> files, ImageOptions o) {
    return o.skipCorrupt ? ImageFiles.dropUnreadable(files) : files;
  }

  private static TransformBlock categoryBlock(ImageOptions o) {
    return o.vocab == null ? Blocks.category() : Blocks.category(o.vocab, false, false);
  }

  static DataLoaders build(
      List<?> items,
      ImageOptions o,
      TransformBlock target,
      Function<Object, ?> getX,
      Function<Object, ?> getY,
      Splitter splitter) {
    DataBlock dblock =
        DataBlock.builder()
            .blocks(ImageBlock.of(o.mode), target)
            .getX(named("getX", getX))
            .getY(named("getY", getY))
            .splitter(splitter)
            .itemTfms(o.itemTfms.toArray(new Transform<?, ?>[0]))
            .batchTfms(o.batchTfms.toArray(new Transform<?, ?>[0]))
            .build();
    DataLoaders dls = dblock.dataloaders(items, o.loaderConfig());
    ImageInputEncoder.from(dls).ifPresent(dls::inputEncoder);
    return dls;
  }

  private static Function<Object, Object> named(String name, Function<Object, ?> f) {
    if (f == Function.identity()) {
      return new Function<>() {
        @Override
        public Object apply(Object o) {
          return o;
        }

        @Override
        public String toString() {
          return "file";
        }
      };
    }
    return new Function<>() {
      @Override
      public Object apply(Object o) {
        return f.apply(o);
      }

      @Override
      public String toString() {
        return f.toString().contains("$$Lambda") ? name : f.toString();
      }
    };
  }
}
