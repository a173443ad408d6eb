package org.boarfish.tensor;

import java.util.Arrays;

/** A recorded op in the autograd graph: its inputs, its backward rule and the shapes of its outputs. */
final class Node {
  final String op;
  final Tensor[] inputs;
  final long[][] outShapes;
  final DType[] outTypes;
  private BackwardFn fn;

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
          "backward through op '" + op + "' a second time: its saved buffers were freed after the first "
              + "backward; call backward(grad, true) (retainGraph) the first time if you need to go through it again");
    }
    return fn;
  }

  void release() {
    fn = null;
  }

  @Override
  public String toString() {
    return "Node[" + op + ", outputs " + Arrays.deepToString(outShapes) + "]";
  }
}
