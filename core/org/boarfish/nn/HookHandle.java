package org.boarfish.nn;

import org.boarfish.tensor.Tensor;

/**
 * The handle of a registered module hook: {@link #remove()} unregisters it, and so does closing it,
 * so a hook can live for one block:
 *
 * <pre>{@code
 * try (var h = layer.registerForwardHook((m, in, out) -> acts.add(out.keep()))) {
 *   model.call(x);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HookHandle extends Tensor.HookHandle {}
