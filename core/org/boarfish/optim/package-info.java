/**
 * Optimizers and hyper-parameter schedules in the manner of fastai.
 *
 * <p>An {@link org.boarfish.optim.Optimizer} holds {@link org.boarfish.optim.ParamGroup parameter
 * groups}, each with its own {@link org.boarfish.optim.Hypers} ({@code lr}, {@code mom}, {@code
 * sqrMom}, {@code eps}, {@code wd}), and per-parameter state. {@link org.boarfish.optim.SGD},
 * {@link org.boarfish.optim.RMSProp}, {@link org.boarfish.optim.Adam} and {@link
 * org.boarfish.optim.Lamb} update their parameters in place, in one fused pass per parameter.
 * {@link org.boarfish.optim.Schedules} and {@link org.boarfish.optim.OneCycle} give hyper-parameter
 * values as functions of training progress in [0, 1].
 */
package org.boarfish.optim;
