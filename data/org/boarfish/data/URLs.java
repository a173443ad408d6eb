package org.boarfish.data;

import java.util.List;

/**
 * fastai's dataset and pretrained-model addresses ({@code fastai.data.external.URLs}), for {@link
 * Downloads#untar(DatasetUrl)}: {@code var path = Downloads.untar(URLs.MNIST_SAMPLE);}
 *
 * <p>Sizes are the byte counts in fastai's {@code download_checks.py}; {@code null} where fastai
 * lists none. fastai records an MD5 of each archive's first MiB rather than a SHA-256, so no
 * SHA-256 is known here and only the size is checked; use {@link DatasetUrl#withSha256(String)} to
 * pin one.
 */
public final class URLs {
  /** fastai's S3 bucket prefix. */
  public static final String S3 = "https://s3.amazonaws.com/fast-ai-";

  /** Small samples (fastai's {@code URLs.URL}). */
  public static final String S3_SAMPLE = S3 + "sample/";

  public static final String S3_IMAGE = S3 + "imageclas/";
  public static final String S3_IMAGELOC = S3 + "imagelocal/";
  public static final String S3_NLP = S3 + "nlp/";
  public static final String S3_COCO = S3 + "coco/";
  public static final String S3_MODEL = S3 + "modelzoo/";

  // Main datasets (samples first: they are what the examples and tests use).
  public static final DatasetUrl MNIST_SAMPLE =
      known("MNIST_SAMPLE", S3_SAMPLE + "mnist_sample.tgz", 3_214_948L);
  public static final DatasetUrl MNIST_TINY =
      known("MNIST_TINY", S3_SAMPLE + "mnist_tiny.tgz", 342_207L);
  public static final DatasetUrl ADULT_SAMPLE =
      known("ADULT_SAMPLE", S3_SAMPLE + "adult_sample.tgz", 968_212L);
  public static final DatasetUrl ML_SAMPLE =
      known("ML_SAMPLE", S3_SAMPLE + "movie_lens_sample.tgz", 51_790L);
  public static final DatasetUrl IMDB_SAMPLE =
      known("IMDB_SAMPLE", S3_SAMPLE + "imdb_sample.tgz", 571_827L);
  public static final DatasetUrl HUMAN_NUMBERS =
      known("HUMAN_NUMBERS", S3_SAMPLE + "human_numbers.tgz", 30_252L);
  public static final DatasetUrl BIWI_SAMPLE =
      known("BIWI_SAMPLE", S3_SAMPLE + "biwi_sample.tgz", 593_774L);
  public static final DatasetUrl PLANET_TINY =
      known("PLANET_TINY", S3_SAMPLE + "planet_tiny.tgz", 997_569L);
  public static final DatasetUrl CAMVID_TINY =
      known("CAMVID_TINY", S3_SAMPLE + "camvid_tiny.tgz", 2_314_212L);
  public static final DatasetUrl CIFAR = known("CIFAR", S3_SAMPLE + "cifar10.tgz", 168_168_549L);
  public static final DatasetUrl COCO_TINY =
      known("COCO_TINY", S3_COCO + "coco_tiny.tgz", 801_038L);

  /**
   * MovieLens 100k, served by GroupLens (a zip). fastai's size table lists it under its former
   * http:// address.
   */
  public static final DatasetUrl ML_100k =
      known("ML_100k", "https://files.grouplens.org/datasets/movielens/ml-100k.zip", 4_924_029L);

  public static final DatasetUrl IMDB = known("IMDB", S3_NLP + "imdb.tgz", 144_440_600L);
  public static final DatasetUrl WIKITEXT_TINY =
      known("WIKITEXT_TINY", S3_NLP + "wikitext-2.tgz", 4_070_055L);

  // Image classification.
  /** The full MNIST as PNG files ({@code mnist_png}). */
  public static final DatasetUrl MNIST = known("MNIST", S3_IMAGE + "mnist_png.tgz", 15_683_414L);

  public static final DatasetUrl MNIST_VAR_SIZE_TINY =
      known("MNIST_VAR_SIZE_TINY", S3_IMAGE + "mnist_var_size_tiny.tgz", 565_372L);

  /** Oxford-IIIT Pet. */
  public static final DatasetUrl PETS =
      known("PETS", S3_IMAGE + "oxford-iiit-pet.tgz", 811_706_944L);

  public static final DatasetUrl IMAGENETTE_160 =
      known("IMAGENETTE_160", S3_IMAGE + "imagenette2-160.tgz", 99_003_388L);
  public static final DatasetUrl IMAGENETTE_320 =
      known("IMAGENETTE_320", S3_IMAGE + "imagenette2-320.tgz", 341_663_724L);
  public static final DatasetUrl IMAGENETTE =
      known("IMAGENETTE", S3_IMAGE + "imagenette2.tgz", 1_557_161_267L);
  public static final DatasetUrl IMAGEWOOF_160 =
      known("IMAGEWOOF_160", S3_IMAGE + "imagewoof2-160.tgz", 92_612_825L);

  // Segmentation.
  public static final DatasetUrl CAMVID = known("CAMVID", S3_IMAGELOC + "camvid.tgz", 598_913_237L);

  // Pretrained models.
  /**
   * AWD-LSTM language model pretrained on WikiText-103, forward direction. fastai lists no size for
   * it.
   */
  public static final DatasetUrl WT103_FWD = known("WT103_FWD", S3_MODEL + "wt103-fwd.tgz", null);

  /** The backward-direction twin of {@link #WT103_FWD}. */
  public static final DatasetUrl WT103_BWD = known("WT103_BWD", S3_MODEL + "wt103-bwd.tgz", null);

  private static final List<DatasetUrl> ALL =
      List.of(
          MNIST_SAMPLE,
          MNIST_TINY,
          ADULT_SAMPLE,
          ML_SAMPLE,
          IMDB_SAMPLE,
          HUMAN_NUMBERS,
          BIWI_SAMPLE,
          PLANET_TINY,
          CAMVID_TINY,
          CIFAR,
          COCO_TINY,
          ML_100k,
          IMDB,
          WIKITEXT_TINY,
          MNIST,
          MNIST_VAR_SIZE_TINY,
          PETS,
          IMAGENETTE_160,
          IMAGENETTE_320,
          IMAGENETTE,
          IMAGEWOOF_160,
          CAMVID,
          WT103_FWD,
          WT103_BWD);

  private URLs() {}

  /** Every constant above, in declaration order. */
  public static List<DatasetUrl> all() {
    return ALL;
  }

  private static DatasetUrl known(String name, String url, Long size) {
    String file = url.substring(url.lastIndexOf('/') + 1);
    return new DatasetUrl(name, url, size, null, DatasetUrl.stemOf(file));
  }
}
