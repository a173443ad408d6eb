/**
 * The Learner: fastai's training loop with its events ({@link org.boarfish.learner.Event}) and
 * {@link org.boarfish.learner.Callback}s, the always-present callbacks ({@link
 * org.boarfish.learner.TrainEval}, {@link org.boarfish.learner.Recorder}, {@link
 * org.boarfish.learner.Progress}), the schedulers behind the fit variants ({@link
 * org.boarfish.learner.ParamScheduler}, the learning-rate finder), prediction helpers, checkpoints
 * and exports. The optional callbacks live in {@code org.boarfish.callbacks}, which depends on this
 * package and not the other way round.
 */
package org.boarfish.learner;
