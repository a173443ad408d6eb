package org.boarfish.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recorded op in the autograd graph: its inputs, its backward rule and the shapes of its outputs.
 */
final class Node {
  final String op;
  final Tensor[] inputs;
  final long[][] outShapes;
  final DType[] outTypes;
  private BackwardFn fn;
  private List<Consumer<Tensor>>[] hooks;

  Node(String op, Tensor[] inputs, BackwardFn fn, long[][] outShapes, DType[] outTypes) {
    this.op = op;
    this.inputs = inputs;
    this.fn = fn;
    this.outShapes = outShapes;
    this.outTypes = outTypes;
  }

  BackwardFn fn() {
    if (fn == null) {
      throw new IllegalStateException(
          "backward through op '"
              + op
              + "' a second time: its saved buffers were freed after the first "
              + "backward; call backward(grad, true) (retainGraph) the first time if you need to go through it again");
    }
    return fn;
  }

  /** The gradient hooks of output {@code k} (created on first use). */
  @SuppressWarnings("unchecked")
  List<Consumer<Tensor>> hooks(int k) {
    if (hooks == null) {
      hooks = new List[outShapes.length];
    }
    if (hooks[k] == null) {
      hooks[k] = new ArrayList<>();
    }
    return hooks[k];
  }

  /**
   * Calls, without recording, the hooks of each output whose gradient arrived ({@code gOut[k] !=
   * null}).
   */
  void runHooks(INDArray[] gOut) {
    if (hooks == null) {
      return;
    }
    try (Autograd.NoGrad ignored = Autograd.noGrad()) {
      for (int k = 0; k < hooks.length; k++) {
        if (hooks[k] != null && gOut[k] != null) {
          Tensor g = Tensor.wrap(gOut[k]);
          for (Consumer<Tensor> h : List.copyOf(hooks[k])) {
            h.accept(g);
          }
        }
      }
    }
  }

  void release() {
    fn = null;
  }

  @Override
  public String toString() {
    return "Node[" + op + ", outputs " + Arrays.deepToString(outShapes) + "]";
  }
}
