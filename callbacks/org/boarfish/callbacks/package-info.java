/**
 * The optional callbacks of fastai with its defaults: {@link org.boarfish.callbacks.SaveModel},
 * {@link org.boarfish.callbacks.EarlyStopping}, {@link org.boarfish.callbacks.ReduceLROnPlateau},
 * {@link org.boarfish.callbacks.CSVLogger}, {@link org.boarfish.callbacks.GradientClip}, {@link
 * org.boarfish.callbacks.GradientAccumulation}, {@link org.boarfish.callbacks.TerminateOnNaN},
 * {@link org.boarfish.callbacks.MixUp}, {@link org.boarfish.callbacks.CutMix}, {@link
 * org.boarfish.callbacks.BnFreeze} and {@link org.boarfish.callbacks.ShortEpoch}, made most easily
 * through {@link org.boarfish.callbacks.Callbacks}.
 */
package org.boarfish.callbacks;
