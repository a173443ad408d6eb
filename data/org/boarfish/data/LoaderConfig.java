package org.boarfish.data;

import org.boarfish.tensor.Generator;

/**
 * How {@link DataBlock#dataloaders} and {@link Datasets#dataloaders} build their loaders (fastai's
 * {@code dataloaders(bs=64, val_bs=None, shuffle_train=True, ...)}).
 *
 * @param bs training batch size (fastai: 64)
 * @param valBs validation batch size; 0 means {@code bs}
 * @param seed seed of the training shuffle (and of random transforms inside the loaders)
 * @param numWorkers threads building batches ahead; 0 builds them in the caller's thread
 * @param shuffleTrain whether the training loader shuffles (each epoch differently, reproducibly)
 * @param dropLast whether the training loader drops its last, incomplete batch
 */
public record LoaderConfig(
    int bs, int valBs, long seed, int numWorkers, boolean shuffleTrain, boolean dropLast) {
  /** Checks the values. */
  public LoaderConfig {
    if (bs < 1) {
      throw new IllegalArgumentException("bs must be at least 1, got " + bs);
    }
    if (valBs < 0) {
      throw new IllegalArgumentException(
          "valBs must be at least 1 (or 0 for the same as bs), got " + valBs);
    }
    if (numWorkers < 0) {
      throw new IllegalArgumentException(
          "numWorkers must not be negative (0 builds batches in the caller's thread), got "
              + numWorkers);
    }
  }

  /**
   * fastai's defaults: bs 64, valBs = bs, shuffled training loader with dropLast, {@code min(16,
   * cores)} workers, and a seed drawn from {@link Generator#global()} (so {@code
   * Generator.manualSeed} makes runs reproducible).
   */
  public static LoaderConfig defaults() {
    return new LoaderConfig(
        64,
        0,
        Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE),
        defaultWorkers(),
        true,
        true);
  }

  /** {@code min(16, available processors)}, as fastai's {@code TfmdDL}. */
  public static int defaultWorkers() {
    return Math.min(16, Runtime.getRuntime().availableProcessors());
  }

  /** The validation batch size in effect. */
  public int effectiveValBs() {
    return valBs == 0 ? bs : valBs;
  }

  /** With another training batch size. */
  public LoaderConfig withBs(int bs) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }

  /** With another validation batch size. */
  public LoaderConfig withValBs(int valBs) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }

  /** With another seed. */
  public LoaderConfig withSeed(long seed) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }

  /** With another number of workers. */
  public LoaderConfig withNumWorkers(int numWorkers) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }

  /** With or without shuffling the training loader. */
  public LoaderConfig withShuffleTrain(boolean shuffleTrain) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }

  /** With or without dropping the training loader's last incomplete batch. */
  public LoaderConfig withDropLast(boolean dropLast) {
    return new LoaderConfig(bs, valBs, seed, numWorkers, shuffleTrain, dropLast);
  }
}
