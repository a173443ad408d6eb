package org.boarfish.text;

import java.nio.file.Files;
import java.nio.file.Path;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Validation;
import org.boarfish.nn.Module;
import org.boarfish.optim.LrRange;

/**
 * fastai's {@code TextLearner}: a {@link Learner} for an AWD-LSTM model (with {@link ModelResetter}
 * and {@link RNNRegularizer}, moms 0.8/0.7/0.8) plus {@link #saveEncoder} and {@link #loadEncoder}
 * to move the encoder from a language model to a classifier (ULMFiT). The common training calls are
 * here; everything else is on {@link #learner()}.
 */
public class TextLearner implements AutoCloseable {
  /** The wrapped learner. */
  protected final Learner learn;

  TextLearner(Learner learn) {
    this.learn = learn;
  }

  /** The underlying learner. */
  public Learner learner() {
    return learn;
  }

  /** The model. */
  public Module model() {
    return learn.model();
  }

  /** {@link Learner#fitOneCycle(int, double)}. */
  public void fitOneCycle(int epochs, double lrMax) {
    learn.fitOneCycle(epochs, lrMax);
  }

  /** {@link Learner#fitOneCycle(int, LrRange)}: discriminative rates over the param groups. */
  public void fitOneCycle(int epochs, LrRange lrMax) {
    learn.fitOneCycle(epochs, lrMax);
  }

  /** {@link Learner#fit(int, double)}. */
  public void fit(int epochs, double lr) {
    learn.fit(epochs, lr);
  }

  /** {@link Learner#fineTune(int, double)}. */
  public void fineTune(int epochs, double baseLr) {
    learn.fineTune(epochs, baseLr);
  }

  /** Trains only the last param group. */
  public void freeze() {
    learn.freeze();
  }

  /** Freezes the param groups before {@code n} (negative counts from the end). */
  public void freezeTo(int n) {
    learn.freezeTo(n);
  }

  /** Trains every param group. */
  public void unfreeze() {
    learn.unfreeze();
  }

  /** Loss and metrics on the validation set. */
  public Validation validate() {
    return learn.validate();
  }

  /** {@link Learner#export(Path)}. */
  public void export(Path file) {
    learn.export(file);
  }

  /** The AWD-LSTM encoder of the model (a language model's or a classifier's). */
  public AwdLstm encoder() {
    Module m = learn.model();
    if (m instanceof LanguageModel lm) {
      return lm.encoder();
    }
    if (m instanceof TextClassifier tc) {
      return tc.encoder().module();
    }
    throw new IllegalStateException(
        "the model "
            + m.name()
            + " has no AWD-LSTM encoder (expected a LanguageModel or a TextClassifier)");
  }

  /** The file {@code saveEncoder(name)} writes: {@code path/modelDir/name.safetensors}. */
  public Path encoderFile(String name) {
    return learn.path().resolve(learn.modelDir()).resolve(name + ".safetensors");
  }

  /** Writes the encoder's weights to {@link #encoderFile}, atomically; returns the file. */
  public Path saveEncoder(String name) {
    return saveEncoder(encoderFile(name));
  }

  /** Writes the encoder's weights to {@code file} (safetensors), atomically; returns the file. */
  public Path saveEncoder(Path file) {
    encoder().save(file);
    return file;
  }

  /**
   * Loads weights written by {@link #saveEncoder} into this model's encoder (strictly: the same
   * vocabulary and sizes), then freezes all but the last param group, as fastai.
   */
  public TextLearner loadEncoder(String name) {
    return loadEncoder(encoderFile(name));
  }

  /** Loads encoder weights from {@code file}, then freezes all but the last param group. */
  public TextLearner loadEncoder(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "no saved encoder at "
              + file
              + ": call saveEncoder on the language model learner first (with the same path and"
              + " modelDir)");
    }
    encoder().load(file);
    learn.freeze();
    return this;
  }

  @Override
  public void close() {
    learn.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + learn + "]";
  }
}
