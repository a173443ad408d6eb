package org.boarfish.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.boarfish.data.LoaderConfig;
import org.boarfish.data.Transform;

/**
 * The options of {@link ImageDataLoaders} and {@link SegmentationDataLoaders}, fastai's keyword
 * arguments as a validating builder: {@code ImageOptions.of().validPct(0.2).seed(42).bs(32)
 * .itemTfms(new Resize(224)).batchTfms(AugTransforms.defaults())}. Unset options keep fastai's
 * defaults (bs 64, RGB images, validation 20% where the data has no split of its own).
 */
public final class ImageOptions {
  Double validPct;
  Long seed;
  int bs = 64;
  int valBs;
  Integer numWorkers;
  ImageMode mode = ImageMode.RGB;
  String trainName = "train";
  String validName = "valid";
  boolean skipCorrupt;
  List<Object> vocab;
  final List<Transform<?, ?>> itemTfms = new ArrayList<>();
  final List<Transform<?, ?>> batchTfms = new ArrayList<>();
  // fromCsv / fromDf
  String folder;
  String suffix = "";
  Object fnCol = 0;
  Object labelCol = 1;
  String labelDelim;
  String validCol;

  private ImageOptions() {}

  /** Options with fastai's defaults. */
  public static ImageOptions of() {
    return new ImageOptions();
  }

  /** Random split with this fraction for validation (instead of the data's own split, if any). */
  public ImageOptions validPct(double validPct) {
    if (!(validPct >= 0 && validPct < 1)) {
      throw new IllegalArgumentException("validPct must be in [0, 1), got " + validPct);
    }
    this.validPct = validPct;
    return this;
  }

  /** The seed of the random split and of the loaders (shuffling, random transforms). */
  public ImageOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The training batch size (default 64). */
  public ImageOptions bs(int bs) {
    if (bs < 1) {
      throw new IllegalArgumentException("bs must be at least 1, got " + bs);
    }
    this.bs = bs;
    return this;
  }

  /** The validation batch size (default: bs). */
  public ImageOptions valBs(int valBs) {
    if (valBs < 1) {
      throw new IllegalArgumentException("valBs must be at least 1, got " + valBs);
    }
    this.valBs = valBs;
    return this;
  }

  /** Loader worker threads (default {@code min(16, cores)}; 0 builds batches in the caller). */
  public ImageOptions numWorkers(int numWorkers) {
    if (numWorkers < 0) {
      throw new IllegalArgumentException("numWorkers must not be negative, got " + numWorkers);
    }
    this.numWorkers = numWorkers;
    return this;
  }

  /** Read images as RGB (the default) or grey. */
  public ImageOptions mode(ImageMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The folder names of {@code fromFolder}'s split (default train and valid). */
  public ImageOptions folders(String trainName, String validName) {
    this.trainName = Objects.requireNonNull(trainName, "trainName");
    this.validName = Objects.requireNonNull(validName, "validName");
    return this;
  }

  /** Drop files that cannot be read, with one warning listing them, instead of failing. */
  public ImageOptions skipCorrupt(boolean skip) {
    this.skipCorrupt = skip;
    return this;
  }

  /** The class vocabulary (default: learnt from the training labels). */
  public ImageOptions vocab(List<?> vocab) {
    this.vocab = List.copyOf(vocab);
    return this;
  }

  /** Item transforms, e.g. {@code new Resize(224)}. */
  public ImageOptions itemTfms(Transform<?, ?>... tfms) {
    itemTfms.addAll(Arrays.asList(tfms));
    return this;
  }

  /** Batch transforms, e.g. {@code AugTransforms.defaults()}. */
  public ImageOptions batchTfms(List<Transform<?, ?>> tfms) {
    batchTfms.addAll(tfms);
    return this;
  }

  /** Batch transforms. */
  public ImageOptions batchTfms(Transform<?, ?>... tfms) {
    return batchTfms(Arrays.asList(tfms));
  }

  /** {@code fromCsv}/{@code fromDf}: the folder of the files, under the path (default none). */
  public ImageOptions folder(String folder) {
    this.folder = folder;
    return this;
  }

  /** {@code fromCsv}/{@code fromDf}: appended to each file name (e.g. ".jpg"). */
  public ImageOptions suffix(String suffix) {
    this.suffix = Objects.requireNonNull(suffix, "suffix");
    return this;
  }

  /** {@code fromCsv}/{@code fromDf}: the file-name column, by name or index (default 0). */
  public ImageOptions fnCol(Object col) {
    this.fnCol = checkCol("fnCol", col);
    return this;
  }

  /** {@code fromCsv}/{@code fromDf}: the label column, by name or index (default 1). */
  public ImageOptions labelCol(Object col) {
    this.labelCol = checkCol("labelCol", col);
    return this;
  }

  /** {@code fromCsv}/{@code fromDf}: split labels on this delimiter (multi-label). */
  public ImageOptions labelDelim(String delim) {
    this.labelDelim = delim;
    return this;
  }

  /** {@code fromCsv}/{@code fromDf}: the boolean column marking validation rows. */
  public ImageOptions validCol(String col) {
    this.validCol = col;
    return this;
  }

  LoaderConfig loaderConfig() {
    LoaderConfig c = LoaderConfig.defaults().withBs(bs).withValBs(valBs);
    if (seed != null) {
      c = c.withSeed(seed);
    }
    if (numWorkers != null) {
      c = c.withNumWorkers(numWorkers);
    }
    return c;
  }

  private static Object checkCol(String what, Object col) {
    if (!(col instanceof String) && !(col instanceof Integer)) {
      throw new IllegalArgumentException(
          what + " must be a column name (String) or index (Integer), got " + col);
    }
    return col;
  }
}
