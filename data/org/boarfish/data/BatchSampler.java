package org.boarfish.data;

import java.util.List;

/**
 * Which samples make each batch of an epoch, for loaders whose batches are not "{@code bs}
 * consecutive items of the (shuffled) item order": fastai's {@code SortedDL} (items bucketed by
 * length) and {@code LMDataLoader} (rows cut from one token stream) are {@code DataLoader}s with a
 * sampler of their own. Give one to {@link DataLoader.Builder#sampler}; the loader then runs the
 * samples it returns through the item transforms, {@code beforeBatch}, collation and the batch
 * transforms as usual.
 *
 * <p>Called from several loader threads at once; a sampler that computes per-epoch state must guard
 * it. Both methods receive the loader's dataset, so one sampler serves a training loader and the
 * validation and test loaders made from it.
 */
public interface BatchSampler {
  /** The number of batches of an epoch over {@code dataset}. */
  int length(List<?> dataset, int bs, boolean dropLast);

  /**
   * The samples (before item transforms) of batch {@code b} of epoch {@code epoch}; {@code shuffle}
   * and {@code seed} are the loader's.
   */
  List<?> batch(List<?> dataset, int bs, boolean shuffle, long seed, int epoch, int b);
}
