package org.boarfish.callbacks;

/**
 * The standard optional callbacks with fastai's defaults, e.g. {@code learn.fit(5, 1e-3,
 * Callbacks.saveModel("best"), Callbacks.earlyStopping())}. The always-present ones ({@code
 * TrainEval}, {@code Recorder}, {@code Progress}) and the schedulers live in {@code
 * org.boarfish.learner}.
 */
public final class Callbacks {
  private Callbacks() {}

  /** Saves the model whenever valid_loss improves and loads the best after the fit. */
  public static SaveModel saveModel(String fname) {
    return new SaveModel(fname);
  }

  /** Saves the best by another column (a metric name) and loads it after the fit. */
  public static SaveModel saveModel(String monitor, String fname) {
    return new SaveModel(monitor, fname, false, false);
  }

  /** Stops after one epoch without improvement of valid_loss. */
  public static EarlyStopping earlyStopping() {
    return new EarlyStopping();
  }

  /** Stops after {@code patience} epochs without improvement of {@code monitor}. */
  public static EarlyStopping earlyStopping(String monitor, int patience) {
    return new EarlyStopping(monitor, 0, patience);
  }

  /** Divides the learning rate by 10 after an epoch without improvement of valid_loss. */
  public static ReduceLROnPlateau reduceLROnPlateau() {
    return new ReduceLROnPlateau();
  }

  /** Writes the epoch table to history.csv under the learner's path. */
  public static CSVLogger csvLogger() {
    return new CSVLogger();
  }

  /** Clips the total gradient norm to 1. */
  public static GradientClip gradientClip() {
    return new GradientClip();
  }

  /** Clips the total gradient norm to {@code maxNorm}. */
  public static GradientClip gradientClip(double maxNorm) {
    return new GradientClip(maxNorm, 2);
  }

  /** Steps once every {@code nAcc} samples. */
  public static GradientAccumulation gradientAccumulation(int nAcc) {
    return new GradientAccumulation(nAcc);
  }

  /** Stops the fit when the loss becomes NaN or infinite. */
  public static TerminateOnNaN terminateOnNaN() {
    return new TerminateOnNaN();
  }

  /** MixUp with α 0.4. */
  public static MixUp mixUp() {
    return new MixUp();
  }

  /** CutMix with α 1. */
  public static CutMix cutMix() {
    return new CutMix();
  }

  /** Batch-norm layers with frozen parameters stay in evaluation mode. */
  public static BnFreeze bnFreeze() {
    return new BnFreeze();
  }

  /** Runs only {@code pct} of each epoch's batches. */
  public static ShortEpoch shortEpoch(double pct) {
    return new ShortEpoch(pct, true);
  }
}
