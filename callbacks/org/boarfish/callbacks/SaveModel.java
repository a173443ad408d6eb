package org.boarfish.callbacks;

import java.nio.file.Path;
import java.util.Locale;
import org.boarfish.learner.Learner;

/**
 * fastai's {@code SaveModelCallback}: saves the model ({@code learn.save(fname)}) whenever the
 * monitored value (default {@code valid_loss}) improves, and loads that best model back after the
 * fit. With {@code everyEpoch} it saves {@code fname_<epoch>} after every epoch instead and loads
 * nothing.
 */
public final class SaveModel extends TrackerCallback {
  private final String fname;
  private final boolean everyEpoch;
  private final boolean withOpt;
  private boolean saved;
  private Path lastSaved;

  /** Best {@code valid_loss} to {@code models/model.safetensors}. */
  public SaveModel() {
    this("valid_loss", "model", false, false);
  }

  /** Best {@code valid_loss} to {@code models/<fname>.safetensors}. */
  public SaveModel(String fname) {
    this("valid_loss", fname, false, false);
  }

  /** Every option. */
  public SaveModel(String monitor, String fname, boolean everyEpoch, boolean withOpt) {
    super(monitor, 0, false, null);
    if (fname == null || fname.isBlank()) {
      throw new IllegalArgumentException("SaveModel needs a file name, got '" + fname + "'");
    }
    this.fname = fname;
    this.everyEpoch = everyEpoch;
    this.withOpt = withOpt;
  }

  @Override
  public void beforeFit(Learner learn) {
    saved = false;
    super.beforeFit(learn);
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (everyEpoch) {
      if (!learn.isLrFinding()) {
        lastSaved = learn.save(fname + "_" + learn.epoch(), withOpt);
      }
      return;
    }
    super.afterEpoch(learn);
    if (!idle() && newBest()) {
      learn
          .out()
          .println(
              String.format(
                  Locale.ROOT,
                  "Better model found at epoch %d with %s value: %.6f.",
                  learn.epoch(),
                  monitor(),
                  best()));
      lastSaved = learn.save(fname, withOpt);
      saved = true;
    }
  }

  @Override
  public void afterFit(Learner learn) {
    if (!idle() && !everyEpoch && saved) {
      learn.load(fname, withOpt);
    }
  }

  /** The file written last, or null. */
  public Path lastSaved() {
    return lastSaved;
  }

  @Override
  public String toString() {
    return "SaveModel[" + monitor() + " -> " + fname + "]";
  }
}
